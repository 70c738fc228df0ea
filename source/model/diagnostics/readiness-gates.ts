/**
 * KW107: a pod whose containers are all ready is still not Ready while one of its
 * spec.readinessGates conditions is missing or not True. The gate is set by some other controller
 * (a cloud load balancer controller's target health, typically), and nobody looks there: the pod
 * describes as Running with every container ready. Only pods that say so much are judged: the
 * ContainersReady condition must be True, so a pod failing its own probe is KW105's business.
 */
import type { Pod } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { formatLabels } from '../selectors.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { allOf, listNames, plural } from './text.js';

/** One gate that holds a pod back: its condition type and what the pod says about it. */
export interface BlockedGate {
	gate: string;
	/** 'missing', or the condition's status ("False", "Unknown"). */
	status: string;
}

/** The gates holding back a pod whose containers are ready; empty when none does (or the pod says too little). */
export function blockedGates(pod: Pod): BlockedGate[] {
	if (!pod.hasStatus || pod.planned || pod.ready || pod.terminating || pod.readinessGates.length === 0) return [];
	const status = (type: string) => pod.conditions.find((c) => c.type === type)?.status;
	if (status('ContainersReady') !== 'True') return [];
	return pod.readinessGates
		.map((gate) => ({ gate, status: status(gate) ?? 'missing' }))
		.filter((g) => g.status !== 'True');
}

export function readinessGateRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length === 0 || !rc.podsReadable(svc.namespace)) return [];
	const held = wiring.pods.map((pod) => ({ pod, gates: blockedGates(pod) })).filter((h) => h.gates.length > 0);
	if (held.length === 0) return [];
	// The gates by name, each with the pods it holds and what they say: "gate is False on web-1, missing on web-2".
	const byGate = new Map<string, string[]>();
	for (const { pod, gates } of held) {
		for (const g of gates) {
			const list = byGate.get(g.gate) ?? [];
			list.push(`${g.status === 'missing' ? 'missing' : g.status} on ${pod.name}`);
			byGate.set(g.gate, list);
		}
	}
	const gates = [...byGate.keys()].sort();
	const evidence = gates.map((gate) => `${gate} (${listNames(byGate.get(gate)!, 2)})`);
	const live = wiring.pods.filter((p) => !p.terminating);
	const who = held.length === live.length ? allOf(held.length) : `${held.length} of ${plural(live.length, 'pod')}`;
	return [
		finding(
			'KW107',
			serviceSubject(wiring),
			`${who} matching ${formatLabels(svc.selector)} ${held.length === 1 ? 'has' : 'have'} every container ready but ${held.length === 1 ? 'is' : 'are'} not Ready: readiness gate ${listNames(evidence, 2)} not True`,
			gateHint(gates[0]!, svc.namespace, held[0]!.pod.name),
		),
	];
}

/** Who sets a gate, for the well-known ones: load balancer controllers' target health. */
function gateHint(gate: string, namespace: string, pod: string): string {
	const describe = `kubectl describe pod -n ${namespace} ${pod}`;
	if (gate.startsWith('target-health.elbv2.k8s.aws/')) {
		return `the AWS Load Balancer Controller sets this gate once the target is healthy in its target group: check the target group's health check and security groups, and the controller's logs (${describe}); or remove the readinessGate from the pod template`;
	}
	if (gate.startsWith('cloud.google.com/load-balancer-neg-ready')) {
		return `the GKE NEG controller sets this gate once the load balancer's health check passes: check the health check and firewall rules for the NEG (${describe}); or remove the readinessGate from the pod template`;
	}
	return `find the controller that sets ${gate} in the pod's status and see why it has not set it True (is it running? its logs; ${describe}); or remove the readinessGate from the pod template`;
}
