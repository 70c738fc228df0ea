/**
 * KW601: NetworkPolicies select the Service's pods for ingress (which isolates them) and no rule
 * of those policies admits the port the Service sends to, from any peer: every connection through
 * the Service to that port is dropped. A port admitted from some peers only is not a finding (that
 * is what policies are for); the chain view says who may connect. Host-network pods are not
 * subject to NetworkPolicy, and are skipped.
 */
import type { Pod, Protocol } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { portClosed } from '../netpol/ingress.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { isTerminal } from './served-endpoints.js';
import { listNames, plural } from './text.js';
import { portLabel } from './target-ports.js';

export interface BlockedPort {
	/** `target of port 80 (http)` */
	label: string;
	/** `TCP/8080`: the pod port the policies judge. */
	podPort: string;
	pods: Pod[];
	policies: Set<string>;
}

/** The Service ports whose traffic NetworkPolicies drop, with the pods and policies involved. */
export function blockedPorts(wiring: ServiceWiring, rc: RuleContext): BlockedPort[] {
	const svc = wiring.service;
	if (rc.policies.ingressPoliciesIn(svc.namespace).length === 0) return [];
	const out: BlockedPort[] = [];
	for (const pw of wiring.ports) {
		const byPodPort = new Map<string, BlockedPort>();
		for (const { pod, resolution } of pw.pods) {
			if (resolution.containerPort === undefined || pod.hostNetwork || isTerminal(pod)) continue;
			const protocol: Protocol = pw.port.protocol;
			const access = portClosed(rc.policies, { pod, port: resolution.containerPort, protocol });
			if (!access.closed) continue;
			const podPort = `${protocol}/${resolution.containerPort}`;
			let entry = byPodPort.get(podPort);
			if (!entry) {
				entry = { label: `target of ${portLabel(pw.port)}`, podPort, pods: [], policies: new Set() };
				byPodPort.set(podPort, entry);
				out.push(entry);
			}
			entry.pods.push(pod);
			for (const p of access.policies) entry.policies.add(p.name);
		}
	}
	return out;
}

export function networkPolicyRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length === 0) return [];
	if (!rc.podsReadable(svc.namespace) || !rc.model.readable.canRead('networkpolicies', svc.namespace)) return [];
	const blocked = blockedPorts(wiring, rc);
	if (blocked.length === 0) return [];
	const policies = [...new Set(blocked.flatMap((b) => [...b.policies]))].sort();
	const pods = new Set(blocked.flatMap((b) => b.pods));
	const ports = blocked.map((b) => `${b.podPort}, the ${b.label}`);
	const podsText =
		wiring.pods.length === 1
			? `the pod ${wiring.pods[0]!.name}`
			: pods.size === wiring.pods.length
				? `all ${wiring.pods.length} pods`
				: `${pods.size} of ${plural(wiring.pods.length, 'pod')}`;
	return [
		finding(
			'KW601',
			serviceSubject(wiring),
			`NetworkPolic${policies.length === 1 ? 'y' : 'ies'} ${listNames(policies)} isolate${policies.length === 1 ? 's' : ''} ${podsText} of ${svc.name} for ingress and no rule admits ${ports.join('; ')}: connections are dropped`,
			`add an ingress rule allowing ${blocked[0]!.podPort} from the clients (for example to ${policies[0]}), or narrow the podSelector of the policy that should not select these pods`,
		),
	];
}
