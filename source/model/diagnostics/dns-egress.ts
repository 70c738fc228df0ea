/**
 * KW603: egress isolation without DNS. Once a policy isolates pods for egress, their name lookups
 * (to the cluster DNS pods, port 53 UDP and TCP) pass only if some egress rule admits them; when
 * none does, every lookup fails while connections by IP work. Reported on each isolating policy
 * whose pods cannot reach the DNS. A rule that admits 53 to an ipBlock instead (NodeLocal
 * DNSCache's 169.254.20.10, a resolver outside the cluster), or 5353 to OpenShift's DNS pods
 * when the input holds no DNS pods, may be where their DNS is: no claim.
 */
import type { Pod } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { clusterDns, dnsEgress, kubeDns } from '../reach/cluster-dns.js';
import { formatLabels } from '../selectors.js';
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
		for (const pod of pods) {
			const key = formatLabels(pod.labels);
			let protocols = seen.get(key);
			if (!protocols) {
				const answer = dnsEgress(rc.policies, pod, dns);
				// Admitted to an address instead (NodeLocal DNSCache, an outside resolver): not claimed to fail.
				protocols = [answer.udp.allowed || answer.elsewhere.udp ? '' : 'UDP', answer.tcp.allowed || answer.elsewhere.tcp ? '' : 'TCP'].filter(Boolean);
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
		out.push(
			finding(
				'KW603',
				{ kind: 'NetworkPolicy', namespace: policy.namespace, name: policy.name },
				`NetworkPolicy ${policy.namespace}/${policy.name} isolates ${podsText} for egress and no egress rule${others.length > 0 ? ` (of it or ${listNames(others)})` : ''} admits DNS on ${port}/${protocols.join(` and ${port}/`)} to ${where}: ${protocols.includes('UDP') ? 'name lookups fail' : 'answers too large for UDP fail'}`,
				`add an egress rule to namespaceSelector kubernetes.io/metadata.name=${namespace} with podSelector ${podLabel}, ports ${port}/UDP and ${port}/TCP`,
				// UDP admitted: most lookups work, only answers too large for UDP fail.
				protocols.includes('UDP') ? undefined : 'warning',
			),
		);
	}
	return out;
}
