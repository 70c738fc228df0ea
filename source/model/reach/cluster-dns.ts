/**
 * The cluster DNS as NetworkPolicy sees it: a name lookup goes to the kube-dns Service, which
 * kube-proxy DNATs to a CoreDNS pod (kube-system, `k8s-app: kube-dns`, port 53 UDP and TCP), so
 * a client isolated for egress needs a rule that lets it reach those pods on 53. When the input
 * holds neither those pods nor their Deployment, a stand-in with the usual labels and ports is
 * judged, and the answer says so.
 */
import type { NetworkPolicy, Pod, Protocol } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { egressVerdict, type LegVerdict } from '../netpol/connection.js';
import type { NetworkPolicyIndex } from '../netpol/policy-index.js';
import { rulePortsMatch } from '../netpol/ports.js';
import { matchesLabels } from '../selectors.js';
import { allWorkloads } from '../workloads.js';
import { podEnd } from './pod-end.js';
import { labelledStandIn, standInPod } from './stand-in.js';

export const dnsNamespace = 'kube-system';
export const dnsLabels = { 'k8s-app': 'kube-dns' };

export interface ClusterDns {
	pods: Pod[];
	/** The pods (or their workload) are in the input; false for the stand-in. */
	inInput: boolean;
}

const cache = new WeakMap<ModelContext, ClusterDns>();

export function clusterDns(ctx: ModelContext): ClusterDns {
	let dns = cache.get(ctx);
	if (dns) return dns;
	const pods = ctx.pods.withLabel(dnsNamespace, 'k8s-app', 'kube-dns').filter((p) => !p.hostNetwork);
	if (pods.length > 0) dns = { pods: [...pods], inInput: true };
	else {
		const workload = allWorkloads(ctx.snapshot).find((w) => w.namespace === dnsNamespace && matchesLabels(dnsLabels, w.template.labels));
		dns = workload
			? { pods: [standInPod(workload)], inInput: true }
			: {
					pods: [
						labelledStandIn(dnsNamespace, 'coredns (not in the input)', dnsLabels, [
							{ name: 'coredns', image: '', command: [], args: [], sidecar: false, ports: [
								{ name: 'dns', containerPort: 53, protocol: 'UDP' },
								{ name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
							] },
						]),
					],
					inInput: false,
				};
	}
	cache.set(ctx, dns);
	return dns;
}

/** An egress rule that admits DNS to an address block: where, and whose rule. */
export interface DnsToAddress {
	policy: NetworkPolicy;
	cidr: string;
}

export interface DnsEgress {
	udp: LegVerdict;
	tcp: LegVerdict;
	/**
	 * Per protocol refused towards the DNS pods: an egress rule that admits 53 to an ipBlock
	 * instead. DNS may be answered there (NodeLocal DNSCache at 169.254.20.10, a resolver outside
	 * the cluster); where a pod's resolv.conf points is in no object, so a refusal towards the
	 * kube-dns pods is then not said to break name lookups.
	 */
	toAddress: { udp?: DnsToAddress; tcp?: DnsToAddress };
}

/** Whether `client`'s egress policies let it reach every DNS pod on 53, per protocol (the first refusal wins). */
export function dnsEgress(index: NetworkPolicyIndex, client: Pod, dns: ClusterDns): DnsEgress {
	const leg = (protocol: Protocol): LegVerdict => {
		let first: LegVerdict | undefined;
		for (const pod of dns.pods) {
			const v = egressVerdict(index, podEnd(client), podEnd(pod), 53, protocol);
			if (!v.allowed) return v;
			first ??= v;
		}
		return first!;
	};
	const udp = leg('UDP');
	const tcp = leg('TCP');
	const toAddress = {
		udp: udp.allowed ? undefined : dnsToAddress(index, client, 'UDP'),
		tcp: tcp.allowed ? undefined : dnsToAddress(index, client, 'TCP'),
	};
	return { udp, tcp, toAddress };
}

/** A port list standing for no pod: only numbered entries (and port-less ones) can match an address. */
const noContainers = { containers: [] };

/** The first egress rule of the client's policies that admits 53/`protocol` to an ipBlock. */
function dnsToAddress(index: NetworkPolicyIndex, client: Pod, protocol: Protocol): DnsToAddress | undefined {
	for (const policy of index.forEgress().selecting(client)) {
		for (const rule of policy.egress) {
			if (!rulePortsMatch(rule.ports, noContainers, 53, protocol)) continue;
			const block = rule.peers.find((peer) => peer.ipBlock)?.ipBlock;
			if (block) return { policy, cidr: block.cidr };
		}
	}
	return undefined;
}

/** `53/UDP to 169.254.20.10/32 (policy egress-dns)` for the protocols DNS reaches an address on. */
export function dnsToAddressText(answer: DnsEgress): string {
	const parts = (['udp', 'tcp'] as const).flatMap((p) => {
		const to = answer.toAddress[p];
		return to ? [`53/${p.toUpperCase()} to ${to.cidr} (${to.policy.name})`] : [];
	});
	return parts.join(' and ');
}
