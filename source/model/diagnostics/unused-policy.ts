/**
 * KW604: a NetworkPolicy whose podSelector matches no pod of its namespace does nothing (often a
 * label typo, or a policy applied to the wrong namespace). Planned pods of manifests count, and so
 * does a custom resource whose operator makes pods the selector matches; with no pods and no
 * workloads given for the namespace, nothing is said.
 */
import { finding, type Finding } from '../findings.js';
import { podMakerName } from '../pod-makers.js';
import { formatLabelSelector, isEmptySelector } from '../selectors.js';
import { policySubjects } from './policy-subjects.js';
import type { RuleContext } from './rule.js';
import { runSteps, type Steps } from '../steps.js';

export function unusedPolicyRule(rc: RuleContext): Finding[] {
	return runSteps(unusedPolicySteps(rc));
}

/** Policies judged between two yields of `unusedPolicySteps`. */
const policiesPerStep = 64;

/** KW604 in steps, a yield every few dozen policies (a live update runs it in slices). */
export function* unusedPolicySteps(rc: RuleContext): Steps<Finding[]> {
	const out: Finding[] = [];
	let judged = 0;
	for (const policy of rc.model.snapshot.networkPolicies) {
		if (++judged % policiesPerStep === 0) yield;
		const subjects = policySubjects(rc.model, policy);
		if (!subjects.known || subjects.pods.length > 0) continue;
		// In manifests, pods an operator makes from a custom resource are not in the input yet.
		if (rc.podMakerFor(policy.namespace, policy.podSelector)) continue;
		const selector = isEmptySelector(policy.podSelector) ? '{} (every pod)' : formatLabelSelector(policy.podSelector);
		const misnamed = rc.podMakerMisnamed(policy.namespace, policy.podSelector);
		out.push(
			finding(
				'KW604',
				{ kind: 'NetworkPolicy', namespace: policy.namespace, name: policy.name },
				`NetworkPolicy ${policy.namespace}/${policy.name} selects no pod: its podSelector ${selector} matches none of the pods in ${policy.namespace}${
					misnamed ? `; the input holds ${podMakerName(misnamed.maker)}, whose operator labels its pods ${misnamed.key}=${misnamed.value}: did you mean ${misnamed.key}=${misnamed.value}?` : ''
				}`,
				misnamed ? `change the podSelector to ${misnamed.key}=${misnamed.value}` : `fix the podSelector's labels to those of the pods it should govern, or create the policy in their namespace`,
			),
		);
	}
	return out;
}
