/**
 * Do these client pods reach these backend pods? The one judgement behind KW602 (a controller's
 * pods sending to a route's backends, Ingress or Gateway) and the "who may connect" answers (and
 * through them the Service chain's policy link): for each pod behind a Service port, on the
 * container port its targetPort resolves to, the pod's ingress NetworkPolicies judged against
 * every client. A controller sends to the endpoint pods itself, so the port is the pod's own.
 */
import type { NetworkPolicy, Pod, ServicePort } from '../../cluster/snapshot.js';
import { isTerminal } from '../diagnostics/served-endpoints.js';
import { ingressVerdict, type PolicyEnd } from '../netpol/connection.js';
import type { NetworkPolicyIndex } from '../netpol/policy-index.js';
import type { ServiceWiring } from '../wiring.js';
import { podEnd } from './pod-end.js';

export interface BackendPodAccess {
	pod: Pod;
	servicePort: ServicePort;
	/** The pod's own port the Service port resolves to on this pod. */
	port: number;
	/** How many of the clients the pod admits on the port (all of them when it is not isolated). */
	admitted: number;
	clients: number;
	/** The policies whose rules admit the admitted clients (none when the pod is not isolated). */
	admitting: NetworkPolicy[];
	/** The policies that isolate the pod for ingress, when some client is refused (the first decides). */
	isolating: readonly NetworkPolicy[];
}

/**
 * Each pod behind the given ports of the Service (all of them when none is given), judged against
 * `clients`. Pods with no resolved port, on the host network (not subject to NetworkPolicy) or
 * finished (never endpoints) are left out: nothing is sent to them through a policy.
 */
export function backendAccess(index: NetworkPolicyIndex, clients: readonly PolicyEnd[], wiring: ServiceWiring, ports?: readonly ServicePort[]): BackendPodAccess[] {
	const out: BackendPodAccess[] = [];
	for (const pw of wiring.ports) {
		if (ports && !ports.includes(pw.port)) continue;
		for (const { pod, resolution } of pw.pods) {
			const port = resolution.containerPort;
			if (port === undefined || pod.hostNetwork || isTerminal(pod)) continue;
			const target = podEnd(pod);
			const legs = clients.map((c) => ingressVerdict(index, c, target, port, pw.port.protocol));
			const admitting = new Set<NetworkPolicy>();
			for (const l of legs) if (l.by) admitting.add(l.by.policy);
			const refused = legs.find((l) => !l.allowed);
			out.push({
				pod,
				servicePort: pw.port,
				port,
				admitted: legs.filter((l) => l.allowed).length,
				clients: legs.length,
				admitting: [...admitting],
				isolating: refused ? refused.isolating : [],
			});
		}
	}
	return out;
}
