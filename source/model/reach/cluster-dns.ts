/**
 * The cluster DNS as NetworkPolicy sees it: a name lookup goes to the DNS Service, which
 * kube-proxy DNATs to a CoreDNS pod (kube-system, `k8s-app: kube-dns`, port 53 UDP and TCP; on
 * OpenShift openshift-dns on 5353), so a client isolated for egress needs a rule that lets it
 * reach those pods on their port. When the input holds neither those pods nor their workload, a
 * kube-dns stand-in with the usual labels and ports is judged, and the answer says so.
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

/**
 * Where a cluster's DNS pods run and listen. Kubernetes' own (CoreDNS as kube-dns) answers on 53;
 * OpenShift's DNS operator runs CoreDNS as DaemonSet dns-default in openshift-dns, listening on
 * 5353 behind a Service on 53: after kube-proxy's DNAT, policies see 5353 (facts from
 * openshift/cluster-dns-operator's assets: the pod label and the Corefile's `.:5353`).
 */
export interface DnsFlavour {
	namespace: string;
	labels: Record<string, string>;
	/** The port the pods listen on, UDP and TCP. */
	port: number;
	/** "kube-system k8s-app=kube-dns", for messages. */
	text: string;
}

export const kubeDns: DnsFlavour = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, port: 53, text: 'kube-system k8s-app=kube-dns' };
export const openShiftDns: DnsFlavour = {
	namespace: 'openshift-dns',
	labels: { 'dns.operator.openshift.io/daemonset-dns': 'default' },
	port: 5353,
	text: 'openshift-dns dns.operator.openshift.io/daemonset-dns=default',
};

export interface ClusterDns {
	pods: Pod[];
	/** The pods (or their workload) are in the input; false for the stand-in. */
	inInput: boolean;
	flavour: DnsFlavour;
}

const cache = new WeakMap<ModelContext, ClusterDns>();

function standInFor(flavour: DnsFlavour): Pod {
	return labelledStandIn(flavour.namespace, 'coredns (not in the input)', flavour.labels, [
		{ name: 'coredns', image: '', command: [], args: [], env: {}, sidecar: false, ports: [
			{ name: 'dns', containerPort: flavour.port, protocol: 'UDP' },
			{ name: 'dns-tcp', containerPort: flavour.port, protocol: 'TCP' },
		] },
	]);
}

/** The cluster's DNS pods: kube-dns's or OpenShift's in the input (pods, else their workload), else a kube-dns stand-in. */
export function clusterDns(ctx: ModelContext): ClusterDns {
	let dns = cache.get(ctx);
	if (dns) return dns;
	const flavours = [kubeDns, openShiftDns];
	for (const flavour of flavours) {
		const [key, value] = Object.entries(flavour.labels)[0]!;
		const pods = ctx.pods.withLabel(flavour.namespace, key, value).filter((p) => !p.hostNetwork);
		if (pods.length > 0) {
			dns = { pods: [...pods], inInput: true, flavour };
			break;
		}
	}
	if (!dns) {
		const workloads = allWorkloads(ctx.snapshot);
		for (const flavour of flavours) {
			const workload = workloads.find((w) => w.namespace === flavour.namespace && matchesLabels(flavour.labels, w.template.labels));
			if (workload) {
				dns = { pods: [standInPod(workload)], inInput: true, flavour };
				break;
			}
		}
	}
	dns ??= { pods: [standInFor(kubeDns)], inInput: false, flavour: kubeDns };
	cache.set(ctx, dns);
	return dns;
}

/**
 * An egress rule that admits DNS somewhere other than the cluster DNS pods kubewire judges: an
 * address block (NodeLocal DNSCache at 169.254.20.10, a resolver outside the cluster) or, when
 * the input holds no DNS pods, OpenShift's DNS pods on 5353. Where a pod's resolv.conf points is
 * in no object, so a refusal towards the DNS pods judged is then not said to break name lookups.
 */
export interface DnsElsewhere {
	policy: NetworkPolicy;
	port: number;
	/** "169.254.20.10/32", "OpenShift's DNS pods" */
	to: string;
}

export interface DnsEgress {
	udp: LegVerdict;
	tcp: LegVerdict;
	/** Per protocol refused towards the DNS pods: a rule that admits DNS elsewhere instead. */
	elsewhere: { udp?: DnsElsewhere; tcp?: DnsElsewhere };
}

/** Whether `client`'s egress policies let it reach every DNS pod on its port, per protocol (the first refusal wins). */
export function dnsEgress(index: NetworkPolicyIndex, client: Pod, dns: ClusterDns): DnsEgress {
	const leg = (protocol: Protocol): LegVerdict => {
		let first: LegVerdict | undefined;
		for (const pod of dns.pods) {
			const v = egressVerdict(index, podEnd(client), podEnd(pod), dns.flavour.port, protocol);
			if (!v.allowed) return v;
			first ??= v;
		}
		return first!;
	};
	const udp = leg('UDP');
	const tcp = leg('TCP');
	const elsewhere = (protocol: Protocol) => dnsToAddress(index, client, protocol) ?? (dns.inInput ? undefined : dnsToOpenShift(index, client, protocol));
	return { udp, tcp, elsewhere: { udp: udp.allowed ? undefined : elsewhere('UDP'), tcp: tcp.allowed ? undefined : elsewhere('TCP') } };
}

/** A port list standing for no pod: only numbered entries (and port-less ones) can match an address. */
const noContainers = { containers: [] };

/** The first egress rule of the client's policies that admits 53/`protocol` to an ipBlock. */
function dnsToAddress(index: NetworkPolicyIndex, client: Pod, protocol: Protocol): DnsElsewhere | undefined {
	for (const policy of index.forEgress().selecting(client)) {
		for (const rule of policy.egress) {
			if (!rulePortsMatch(rule.ports, noContainers, 53, protocol)) continue;
			const block = rule.peers.find((peer) => peer.ipBlock)?.ipBlock;
			if (block) return { policy, port: 53, to: block.cidr };
		}
	}
	return undefined;
}

const openShiftStandIn = standInFor(openShiftDns);

/** The rule that admits OpenShift's DNS pods on 5353, when the input holds no DNS pods to judge. */
function dnsToOpenShift(index: NetworkPolicyIndex, client: Pod, protocol: Protocol): DnsElsewhere | undefined {
	const v = egressVerdict(index, podEnd(client), podEnd(openShiftStandIn), openShiftDns.port, protocol);
	return v.allowed && v.by ? { policy: v.by.policy, port: openShiftDns.port, to: "OpenShift's DNS pods" } : undefined;
}

/** `53/UDP to 169.254.20.10/32 (policy egress-dns)` for the protocols DNS is admitted elsewhere on. */
export function dnsElsewhereText(answer: DnsEgress): string {
	const parts = (['udp', 'tcp'] as const).flatMap((p) => {
		const to = answer.elsewhere[p];
		return to ? [`${to.port}/${p.toUpperCase()} to ${to.to} (${to.policy.name})`] : [];
	});
	return parts.join(' and ');
}
