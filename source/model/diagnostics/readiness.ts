/**
 * KW105: the selector matches pods, but they are not Ready, so the EndpointSlice controller
 * publishes them as not ready and kube-proxy sends them nothing. An error when no matched pod is
 * Ready; a warning when only some are not. Pods being deleted are not counted (a rollout is not
 * a fault; KW303 covers a Service left with terminating pods only), and finished pods (Succeeded,
 * Failed) only matter when nothing else is Ready. A Service with publishNotReadyAddresses asks
 * for unready pods on purpose and is left alone.
 */
import type { Pod } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { statusUnknown } from '../planned-pods.js';
import { formatLabels } from '../selectors.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { isTerminal } from './served-endpoints.js';
import { listNames, plural } from './text.js';

export function readinessRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length === 0) return [];
	if (svc.publishNotReadyAddresses || !rc.podsReadable(svc.namespace)) return [];
	// Pods on their way out are KW303's business; a Service whose pods all terminate is not "unready".
	// Planned pods and Pod manifests without status are neither Ready nor unready.
	const live = wiring.pods.filter((pod) => !pod.terminating && !statusUnknown(pod));
	if (live.length === 0) return [];
	const isReady = (pod: Pod) => pod.ready && !isTerminal(pod);
	const ready = live.filter(isReady);
	const selector = formatLabels(svc.selector);
	if (ready.length === 0) {
		const names = listNames(live.map(podState).sort());
		return [
			finding(
				'KW105',
				serviceSubject(wiring),
				live.length === 1
					? `the only pod matching ${selector} in ${svc.namespace} is not Ready: ${names}`
					: `none of the ${live.length} pods matching ${selector} in ${svc.namespace} is Ready: ${names}`,
				`find out why the pods are not Ready (kubectl describe pod -n ${svc.namespace} ${live[0]!.name}: readiness probe, crash loop, image pull, scheduling)`,
			),
		];
	}
	const notReady = live.filter((pod) => !isReady(pod) && !isTerminal(pod));
	if (notReady.length === 0) return [];
	return [
		finding(
			'KW105',
			serviceSubject(wiring),
			`${notReady.length} of ${plural(live.length, 'pod')} matching ${selector} in ${svc.namespace} ${notReady.length === 1 ? 'is' : 'are'} not Ready: ${listNames(notReady.map(podState).sort())}`,
			`traffic goes to the ${ready.length} Ready ${ready.length === 1 ? 'pod' : 'pods'} only; check why the others fail (kubectl describe pod -n ${svc.namespace} ${notReady[0]!.name})`,
			'warning',
		),
	];
}

/** `web-1 (Pending)`: the pod with its phase when that says more than "Running". */
function podState(pod: Pod): string {
	return pod.phase && pod.phase !== 'Running' ? `${pod.name} (${pod.phase})` : pod.name;
}
