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
import { refusalOf } from '../netpol/refusal.js';
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
	/** The Service's port number that sends there. */
	servicePortNumber: number;
	pods: Pod[];
	policies: Set<string>;
	/** Closing policies whose rules name the Service's port (`port`) where the pods' port was meant. */
	servicePort: Set<string>;
	/** Port names the closing policies' rules use that the pods do not declare: name → policy. */
	unresolved: Map<string, string>;
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
				entry = { label: `target of ${portLabel(pw.port)}`, podPort, servicePortNumber: pw.port.port, pods: [], policies: new Set(), servicePort: new Set(), unresolved: new Map() };
				byPodPort.set(podPort, entry);
				out.push(entry);
			}
			entry.pods.push(pod);
			for (const p of access.policies) entry.policies.add(p.name);
			// The usual slips behind a closed port: the Service's port written for the pod's, a port name the pod lacks.
			const refusal = refusalOf({ direction: 'Ingress', isolated: true, allowed: false, isolating: access.policies }, { pod }, resolution.containerPort, protocol, pw.port.port);
			for (const p of refusal.servicePort?.policies ?? []) entry.servicePort.add(p.name);
			for (const u of refusal.unresolved) if (!entry.unresolved.has(u.name)) entry.unresolved.set(u.name, u.policy.name);
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
	const servicePortText = (b: BlockedPort) => (b.servicePort.size > 0 ? ` (${listNames([...b.servicePort])} ${b.servicePort.size === 1 ? 'names' : 'name'} the Service's port ${b.servicePortNumber}, but policy sees the pod's port)` : '');
	const ports = blocked.map((b) => `${b.podPort}, the ${b.label}${servicePortText(b)}`);
	const bySlip = blocked.find((b) => b.servicePort.size > 0);
	// A port name the pods lack matches nothing on any of their ports: said once, not per port.
	const unresolved = new Map(blocked.flatMap((b) => [...b.unresolved]));
	const declared = [...new Set([...pods].flatMap((p) => p.containers.flatMap((c) => c.ports.map((cp) => cp.name).filter(Boolean))))];
	const names = unresolved.size > 0 ? ` (${[...unresolved].map(([name, policy]) => `${policy} names port ${name}`).join('; ')}, which the pods do not declare${declared.length > 0 ? `; they declare ${declared.join(', ')}` : ''})` : '';
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
			`NetworkPolic${policies.length === 1 ? 'y' : 'ies'} ${listNames(policies)} isolate${policies.length === 1 ? 's' : ''} ${podsText} of ${svc.name} for ingress and no rule admits ${ports.join('; ')}: connections are dropped${names}`,
			bySlip
				? `write the pod's port ${bySlip.podPort} in ${[...bySlip.servicePort][0]}'s rule in place of the Service's port (policy is judged after kube-proxy's DNAT)`
				: unresolved.size > 0
				? `name in ${[...unresolved.values()][0]}'s rule a port the pods declare${declared.length > 0 ? ` (${declared.join(', ')})` : ''}, or their port number`
				: `add an ingress rule allowing ${blocked[0]!.podPort} from the clients (for example to ${policies[0]}), or narrow the podSelector of the policy that should not select these pods`,
		),
	];
}
