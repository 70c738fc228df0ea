/**
 * KW603: egress isolation without DNS. Once a policy isolates pods for egress, their name lookups
 * (to the cluster DNS pods, port 53 UDP and TCP) pass only if some egress rule admits them; when
 * none does, every lookup fails while connections by IP work. Reported on each isolating policy
 * whose pods cannot reach the DNS. A rule that admits 53 to an ipBlock instead (NodeLocal
 * DNSCache's 169.254.20.10, a resolver outside the cluster), or 5353 to OpenShift's DNS pods
 * when the input holds no DNS pods, may be where their DNS is: no claim. Nor when a rule admits
 * DNS to namespaces by a label and the DNS pods' namespace is not in the input (manifests): its
 * labels are not known. When it is in the input without that label, the finding says so and the
 * fix is to label it or select it by name.
 */
import type { LabelSelector, NetworkPolicy, Pod } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { finding, type Finding } from '../findings.js';
import type { PolicyEnd } from '../netpol/connection.js';
import { peersTake, refusalOf, type Refusal } from '../netpol/refusal.js';
import { clusterDns, dnsEgress, kubeDns } from '../reach/cluster-dns.js';
import { podEnd } from '../reach/pod-end.js';
import { namespaceUnknown } from '../reach/refusal-text.js';
import { formatLabels, formatLabelSelector, matchesLabelSelector } from '../selectors.js';
import { policySubjects } from './policy-subjects.js';
import type { RuleContext } from './rule.js';
import { listNames, plural } from './text.js';

export function dnsEgressRule(rc: RuleContext): Finding[] {
	const out: Finding[] = [];
	const egressIndex = rc.policies.forEgress();
	for (const policy of rc.model.snapshot.networkPolicies) {
		if (!policy.policyTypes.includes('Egress')) continue;
		if (!rc.model.readable.canRead('networkpolicies', policy.namespace)) continue;
		const pods = policySubjects(rc.model, policy).pods.filter((p) => !p.hostNetwork);
		if (pods.length === 0) continue;
		const dns = clusterDns(rc.model);
		const cut: { pod: Pod; protocols: string[] }[] = [];
		// Pods with the same labels get the same answer: judge each label set once.
		const seen = new Map<string, string[]>();
		let unlabelled: NamespaceMiss | undefined;
		// A rule on the DNS Service's port 53 where the pods listen elsewhere (OpenShift's 5353).
		let onServicePort: NetworkPolicy | undefined;
		// The protocols a namespace label stands in the way of (the others no rule admits at all).
		const byLabel = new Set<string>();
		for (const pod of pods) {
			const key = formatLabels(pod.labels);
			let protocols = seen.get(key);
			if (!protocols) {
				const answer = dnsEgress(rc.policies, pod, dns);
				const cutOff = (protocol: 'UDP' | 'TCP'): boolean => {
					const leg = protocol === 'UDP' ? answer.udp : answer.tcp;
					// Admitted to an address instead (NodeLocal DNSCache, an outside resolver): not claimed to fail.
					if (leg.allowed || answer.elsewhere[protocol === 'UDP' ? 'udp' : 'tcp']) return false;
					const dnsPod = podEnd(dns.pods[0]!);
					// The DNS Service listens on 53 whatever port its pods do (OpenShift's: 5353).
					const refusal = refusalOf(leg, dnsPod, dns.flavour.port, protocol, 53, peersTake(rc.policies, dnsPod));
					const miss = namespaceMiss(rc.model, refusal, dnsPod, protocol);
					if (miss === 'unknown') return false;
					if (miss) byLabel.add(protocol);
					unlabelled ??= miss;
					onServicePort ??= refusal.servicePort?.policies[0];
					return true;
				};
				protocols = (['UDP', 'TCP'] as const).filter(cutOff);
				seen.set(key, protocols);
			}
			if (protocols.length > 0) cut.push({ pod, protocols });
		}
		if (cut.length === 0) continue;
		const protocols = [...new Set(cut.flatMap((c) => c.protocols))];
		const others = egressIndex.selecting(cut[0]!.pod).filter((p) => p !== policy).map((p) => p.name);
		const podsText = cut.length === pods.length && pods.length > 1 ? `all ${pods.length} pods it selects` : `${plural(cut.length, 'pod')} (${listNames(cut.map((c) => c.pod.name))})`;
		const { port, namespace, labels, text } = dns.flavour;
		const where = dns.inInput ? (dns.flavour === kubeDns ? 'the cluster DNS pods' : `the cluster DNS pods (${text})`) : `the cluster DNS pods (${text}; not in the input)`;
		const podLabel = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
		const miss = unlabelled as NamespaceMiss | undefined;
		const servicePort = onServicePort as NetworkPolicy | undefined;
		const missText = miss
			? ` (${miss.policy.name} admits ${port}/${miss.protocol} only to namespaces ${formatLabelSelector(miss.selector)}, which namespace ${namespace} does not carry)`
			: servicePort
			? ` (${servicePort.name} names port 53, the DNS Service's, but policy sees the DNS pods' port ${port}, after kube-proxy's DNAT)`
			: '';
		out.push(
			finding(
				'KW603',
				{ kind: 'NetworkPolicy', namespace: policy.namespace, name: policy.name },
				`NetworkPolicy ${policy.namespace}/${policy.name} isolates ${podsText} for egress and no egress rule${others.length > 0 ? ` (of it or ${listNames(others)})` : ''} admits DNS on ${port}/${protocols.join(` and ${port}/`)} to ${where}: ${protocols.includes('UDP') ? 'name lookups fail' : 'answers too large for UDP fail'}${missText}`,
				miss
					? `label namespace ${namespace} ${formatLabelSelector(miss.selector)}, or select it in ${miss.policy.name} by namespaceSelector kubernetes.io/metadata.name=${namespace}${protocols.filter((p) => !byLabel.has(p)).map((p) => `, and add ${port}/${p} to its ports`).join('')}`
					: servicePort
					? `write ${port} in place of 53 in ${servicePort.name}'s rule, for UDP and TCP (policy is judged after kube-proxy's DNAT)`
					: `add an egress rule to namespaceSelector kubernetes.io/metadata.name=${namespace} with podSelector ${podLabel}, ports ${port}/UDP and ${port}/TCP`,
				// UDP admitted: most lookups work, only answers too large for UDP fail.
				protocols.includes('UDP') ? undefined : 'warning',
			),
		);
	}
	return out;
}

/** A rule that would admit DNS but for the labels of the DNS pods' namespace. */
interface NamespaceMiss {
	policy: NetworkPolicy;
	selector: LabelSelector;
	protocol: 'UDP' | 'TCP';
}

/**
 * Why a refused DNS leg is refused when a rule covers the port with a namespaceSelector the DNS
 * pods' namespace does not match: 'unknown' when that namespace is not in the input (its labels
 * are not given), the rule when it is; undefined when no such rule.
 */
function namespaceMiss(ctx: ModelContext, refusal: Refusal, dnsPod: PolicyEnd, protocol: 'UDP' | 'TCP'): NamespaceMiss | 'unknown' | undefined {
	if (namespaceUnknown(ctx, refusal.openTo, dnsPod)) return 'unknown';
	for (const { policy, peers } of refusal.openTo) {
		for (const peer of peers) {
			if (!peer.namespaceSelector || (peer.podSelector && !matchesLabelSelector(peer.podSelector, dnsPod.pod!.labels))) continue;
			return { policy, selector: peer.namespaceSelector, protocol };
		}
	}
	return undefined;
}
