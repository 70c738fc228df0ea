/**
 * The cluster DNS as NetworkPolicy sees it: a name lookup goes to the kube-dns Service, which
 * kube-proxy DNATs to a CoreDNS pod (kube-system, `k8s-app: kube-dns`, port 53 UDP and TCP), so
 * a client isolated for egress needs a rule that lets it reach those pods on 53. When the input
 * holds neither those pods nor their Deployment, a stand-in with the usual labels and ports is
 * judged, and the answer says so.
 */
import type { Pod, Protocol } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { egressVerdict, type LegVerdict } from '../netpol/connection.js';
import type { NetworkPolicyIndex } from '../netpol/policy-index.js';
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

export interface DnsEgress {
	udp: LegVerdict;
	tcp: LegVerdict;
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
	return { udp: leg('UDP'), tcp: leg('TCP') };
}
