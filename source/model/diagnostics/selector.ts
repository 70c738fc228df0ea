/**
 * KW101, KW102, KW103: a Service selector that matches no pod in its namespace. When pods with
 * those labels run in other namespaces, KW102 says so instead of KW101 (a Service only selects
 * pods of its own namespace). KW103 comes alongside either when pods of the namespace miss the
 * selector by one label: the likely typo, with the value to use.
 */
import { allWorkloads } from '../workloads.js';
import { finding, type Finding } from '../findings.js';
import { podMakerName } from '../pod-makers.js';
import { formatLabels, matchesLabels } from '../selectors.js';
import type { ServiceWiring } from '../wiring.js';
import { nearMisses, type NearMiss } from './near-miss.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { listNames, plural } from './text.js';

export function selectorRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length > 0) return [];
	if (!rc.podsReadable(svc.namespace)) return [];
	// Manifests whose operator makes the pods (a Prometheus, an Alertmanager): nothing to match yet.
	if (rc.podMakerOf(wiring)) return [];
	const selector = formatLabels(svc.selector);
	const misses = nearMisses(rc.model.pods, svc.namespace, svc.selector);
	const closest = misses[0];
	const out: Finding[] = [];
	const elsewhere = rc.model.pods
		.selectAnywhere(svc.selector)
		.filter((pod) => pod.namespace !== svc.namespace && rc.podsReadable(pod.namespace));
	if (elsewhere.length > 0) {
		const byNamespace = new Map<string, number>();
		for (const pod of elsewhere) byNamespace.set(pod.namespace, (byNamespace.get(pod.namespace) ?? 0) + 1);
		const namespaces = [...byNamespace.keys()].sort();
		const where = listNames(namespaces.map((ns) => `${ns} (${plural(byNamespace.get(ns)!, 'pod')})`));
		out.push(
			finding(
				'KW102',
				serviceSubject(wiring),
				`selector ${selector} matches no pod in ${svc.namespace}, only pods in other namespaces: ${where}`,
				`a Service selects pods of its own namespace only: run the pods in ${svc.namespace}, or create the Service in ${namespaces[0]}`,
			),
		);
	} else {
		const none = rc.model.pods.inNamespace(svc.namespace).length === 0;
		// The workload whose pods it would select, scaled to zero: the cause, and its own fix.
		const workloads = allWorkloads(rc.model.snapshot);
		const scaledToZero = workloads.find((w) => w.namespace === svc.namespace && w.replicas === 0 && w.kind !== 'DaemonSet' && matchesLabels(svc.selector!, w.template.labels));
		// Files may be a capture that left a namespace's pods out: say what the input holds, not what the cluster does.
		const emptiness =
			rc.model.snapshot.origin.kind !== 'files'
				? ' (the namespace has no pods)'
				: workloads.some((w) => w.namespace === svc.namespace)
					? ''
					: ' (the input holds no pod or workload in this namespace: add them if they were left out)';
		// A slip in the name of the resource whose operator makes the pods (manifests only).
		const misnamed = scaledToZero || closest ? undefined : rc.podMakerMisnamed(svc.namespace, { matchLabels: svc.selector, matchExpressions: [] });
		const detail = scaledToZero
			? `: ${scaledToZero.kind} ${scaledToZero.namespace}/${scaledToZero.name}, whose pods it selects, is scaled to 0`
			: misnamed
				? `; the input holds ${podMakerName(misnamed.maker)}, whose operator labels its pods ${misnamed.key}=${misnamed.value}: did you mean ${misnamed.key}=${misnamed.value}?`
				: closest
				? `; ${plural(closest.pods.length, 'pod')} ${closest.pods.length === 1 ? 'differs' : 'differ'} only in ${closest.key}: ${missText(closest, svc.selector[closest.key]!)}`
				: none
					? emptiness
					: '';
		out.push(
			finding(
				'KW101',
				serviceSubject(wiring),
				`selector ${selector} matches no pod in ${svc.namespace}${detail}`,
				scaledToZero
					? `scale ${scaledToZero.kind} ${scaledToZero.namespace}/${scaledToZero.name} up (spec.replicas), or remove the Service if it is retired`
					: misnamed
						? `change the Service selector to ${misnamed.key}=${misnamed.value}`
						: closest
						? fixText(closest, svc.selector[closest.key]!)
						: `make the selector and the pod template labels agree (kubectl get pods -n ${svc.namespace} --show-labels), or deploy the pods`,
			),
		);
	}
	if (closest) {
		const pods = listNames(closest.pods.map((p) => p.name).sort());
		const wanted = svc.selector[closest.key]!;
		const one = closest.pods.length === 1;
		const verb = one ? 'matches' : 'match';
		const lack = one ? 'lacks' : 'lack';
		const carry = one ? 'has' : 'have';
		const message = closest.otherKey
			? `${plural(closest.pods.length, 'pod')} in ${svc.namespace} ${carry} ${closest.otherKey}=${wanted} but not ${closest.key}=${wanted}, which selector ${selector} needs (${pods}); did you mean ${closest.otherKey}=${wanted}?`
			: closest.value === undefined
				? `${plural(closest.pods.length, 'pod')} in ${svc.namespace} ${verb} selector ${selector} but ${lack} the label ${closest.key} (${pods})`
				: `${plural(closest.pods.length, 'pod')} in ${svc.namespace} ${verb} selector ${selector} except ${closest.key}=${closest.value} (${pods}); did you mean ${closest.key}=${closest.value}?`;
		out.push(finding('KW103', serviceSubject(wiring), message, fixText(closest, wanted)));
	}
	return out;
}

function missText(miss: NearMiss, wanted: string): string {
	if (miss.otherKey) return `${miss.otherKey}=${wanted} instead of ${miss.key}=${wanted}`;
	return miss.value === undefined ? `label ${miss.key} missing` : `${miss.key}=${miss.value}`;
}

function fixText(miss: NearMiss, wanted: string): string {
	if (miss.otherKey) return `change the selector key ${miss.key} to ${miss.otherKey}, or add the label ${miss.key}=${wanted} to the pod template`;
	return miss.value === undefined
		? `add the label ${miss.key}=${wanted} to the pod template, or drop ${miss.key} from the Service selector`
		: `change the Service selector to ${miss.key}=${miss.value}, or relabel the pods ${miss.key}=${wanted}`;
}
