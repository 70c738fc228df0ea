/**
 * `reach FROM TO`: may FROM open a connection to TO? The walk follows the chain a connection
 * takes: FROM's egress to the cluster DNS (when TO is a Service name and FROM a pod), the
 * Service's DNAT to its endpoints (which ones; for clients outside the cluster, which source
 * address the endpoint sees), and for each endpoint both ends' NetworkPolicies on the endpoint's
 * container port. An Ingress controller sends to the endpoints itself: no DNS, no ClusterIP.
 *
 * Verdict: allowed when every endpoint admits FROM, blocked when none does (or an earlier link
 * breaks), partial otherwise.
 */
import type { Pod } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { ruleContextFor } from '../diagnostics/rule.js';
import { servesPort } from '../diagnostics/served-endpoints.js';
import { connectionVerdict, decidingPolicy, type LegVerdict, type PolicyEnd } from '../netpol/connection.js';
import type { NetworkPolicyIndex } from '../netpol/policy-index.js';
import { describePolicyPort } from '../netpol/ports.js';
import { peersTake, refusalOf } from '../netpol/refusal.js';
import { otherPolicyKinds, policiesUnknown } from '../netpol/unread.js';
import { resolveTargetPort } from '../ports.js';
import { allWorkloads } from '../workloads.js';
import { clusterDns, dnsElsewhereText, dnsEgress } from './cluster-dns.js';
import { resolveFrom, resolveTo, type ReachFrom, type ReachTo } from './ends.js';
import { nodeAdmittedByBlock, podlessEndpoints, refusedWords, type Judged, type Target } from './leg-notes.js';
import { podEnd } from './pod-end.js';
import { refusalWords } from './refusal-text.js';
import { serviceAddressRule } from './service-address.js';
import { templateBackends } from './stand-in.js';
import { nodeWithAddress } from './node-address.js';

export interface PolicyRef {
	namespace: string;
	name: string;
}

export interface ReachStep {
	/** from, dns, service, egress, ingress, port */
	link: string;
	ok: boolean;
	detail: string;
	policies: PolicyRef[];
	/** Why the link could not be judged (its NetworkPolicies were not read); absent when it was. */
	notJudged?: string;
}

export interface ReachEndpoint {
	/** '' when the input does not give the pod's address (a planned pod). */
	ip: string;
	port: number;
	/** The pod's name ('' for an address outside the pod network). */
	pod: string;
	allowed: boolean;
	/** The policy that admits the leg or, when none does, one that isolates it; null when none applies. */
	egress: PolicyRef | null;
	ingress: PolicyRef | null;
	/** Whether each leg admits the connection: says whether `egress`/`ingress` admits it or isolates it. */
	egressAllowed: boolean;
	ingressAllowed: boolean;
}

export type ReachVerdict = 'allowed' | 'blocked' | 'partial';

export interface ReachResult {
	from: string;
	to: string;
	verdict: ReachVerdict;
	steps: ReachStep[];
	endpoints: ReachEndpoint[];
	/** Policies of other kinds in the input ("CiliumNetworkPolicy (2)"), which may change the answer. */
	notModelled: string[];
}

function ref(policy: { namespace: string; name: string } | undefined): PolicyRef | null {
	return policy ? { namespace: policy.namespace, name: policy.name } : null;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The leg that decides among several clients' legs: the first refusal, else the first. */
function worst(legs: LegVerdict[]): LegVerdict | undefined {
	return legs.find((l) => !l.allowed) ?? legs[0];
}

function isNodeAddress(ctx: ModelContext, ip: string): boolean {
	return nodeWithAddress(ctx, ip) !== undefined;
}

function nodeAddresses(ctx: ModelContext): string[] {
	return ctx.snapshot.nodes.flatMap((n) => n.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address).slice(0, 1));
}

/** The client ends as the destination's policies see them, and a sentence on why. */
function clientEnds(ctx: ModelContext, from: ReachFrom, to: ReachTo): { ends: PolicyEnd[]; seen: string } {
	if (from.kind === 'pods' || from.kind === 'controller') return { ends: from.pods.map(podEnd), seen: '' };
	const svc = to.wiring?.service;
	const outside = from.kind === 'outside' || (from.ip !== undefined && !isNodeAddress(ctx, from.ip));
	if (outside && svc && svc.externalTrafficPolicy !== 'Local') {
		const nodes = nodeAddresses(ctx);
		return nodes.length > 0
			? { ends: nodes.map((ip) => ({ ip })), seen: `externalTrafficPolicy Cluster: the endpoints see a node's address (${nodes.join(', ')}), not the client's` }
			: { ends: [{ anyAddress: true }], seen: "externalTrafficPolicy Cluster: the endpoints see a node's address (the input has no Node), not the client's" };
	}
	if (outside && svc) {
		const who = from.ip ?? 'the client\'s address';
		return { ends: [from.ip ? { ip: from.ip } : { anyAddress: true }], seen: `externalTrafficPolicy Local: the endpoints see ${who}` };
	}
	return { ends: [from.ip ? { ip: from.ip } : { anyAddress: true }], seen: '' };
}

function exposedOutside(to: ReachTo): string | undefined {
	const svc = to.wiring!.service;
	const port = to.servicePort!;
	if (svc.type === 'LoadBalancer' || svc.type === 'NodePort') {
		const lb = svc.type === 'LoadBalancer' ? svc.loadBalancerIngress.map((i) => i.ip ?? i.hostname).filter(Boolean) : [];
		return `${svc.type}${port.nodePort ? ` (NodePort ${port.nodePort})` : ''}${lb.length > 0 ? ` at ${lb.join(', ')}:${port.port}` : ''}`;
	}
	if (svc.externalIPs.length > 0) return `externalIPs ${svc.externalIPs.join(', ')}:${port.port}`;
	return undefined;
}

/** The endpoints a Service port sends to, with their container ports; a sentence on which. */
function serviceTargets(ctx: ModelContext, to: ReachTo): { targets: Target[]; detail: string; ok: boolean } {
	const wiring = to.wiring!;
	const port = to.servicePort!;
	const svc = wiring.service;
	if (wiring.externalName) return { targets: [], ok: false, detail: `ExternalName Service: DNS answers ${svc.externalName ?? ''}, kube-proxy does not forward` };
	const served = ruleContextFor(ctx).served(wiring);
	const carrying = served.list.filter((ep) => servesPort(ep, port));
	const ready = carrying.filter((ep) => ep.ready);
	const planned = carrying.filter((ep) => !ep.ready && served.derived && wiring.pods.some((p) => p.planned && p.name === ep.podName));
	// kube-proxy sends to ready endpoints, else to serving terminating ones; planned pods are neither.
	const serving = carrying.filter((ep) => ep.serving);
	const chosen = ready.length > 0 ? ready : serving.length > 0 ? serving : planned;
	const targets: Target[] = [];
	for (const ep of chosen) {
		const pod = (ep.podName ? ctx.pods.get(svc.namespace, ep.podName) : undefined) ?? (ep.ip ? ctx.pods.byAddress(ep.ip) : undefined);
		const p = ep.ports.find((x) => x.name === port.name && x.protocol === port.protocol)?.port;
		if (p === undefined) continue;
		targets.push({ end: pod ? podEnd(pod) : { ip: ep.ip }, pod, ...(!pod && ep.podName ? { podName: ep.podName } : {}), ip: ep.ip, port: p, servicePort: port.port });
	}
	const source = served.derived ? 'the endpoints the controller would publish for its pods (no EndpointSlice in the input)' : 'its EndpointSlices';
	if (targets.length > 0) {
		return { targets, ok: true, detail: `${plural(targets.length, 'endpoint')} from ${source}, port ${port.port} → ${[...new Set(targets.map((t) => t.port))].join(', ')}` };
	}
	// Manifests: no pod in the input. The planned pods (workload templates) stand for their pods;
	// they have no address yet, so the connection is judged on their labels and container ports.
	const plannedPods = wiring.pods.filter((p) => p.planned);
	if (svc.selector && carrying.length === 0 && (plannedPods.length > 0 || wiring.pods.length === 0)) {
		const stand = plannedPods.length > 0 ? plannedPods : templateBackends(allWorkloads(ctx.snapshot), svc.namespace, svc.selector);
		for (const pod of stand) {
			const r = resolveTargetPort(port, pod);
			if (r.containerPort !== undefined) targets.push({ end: podEnd(pod), pod, ip: '', port: r.containerPort, servicePort: port.port });
		}
		if (targets.length > 0) return { targets, ok: true, detail: `no pod in the input: judged on the pod templates of ${targets.map((t) => t.pod!.name).join(', ')}` };
	}
	const why = wiring.pods.length === 0 ? 'its selector matches no pod' : carrying.length === 0 ? 'no endpoint carries this port' : 'no endpoint is ready';
	return { targets: [], ok: false, detail: `no endpoint to send to (${why})` };
}

/**
 * The node each client end sends from when it is the node itself (a host-network pod, a node's
 * address): traffic from a pod's own node is allowed whatever the pod's policies say.
 */
function clientNodes(from: ReachFrom): (string | undefined)[] {
	if (from.kind === 'address') return [from.node];
	return from.pods.map((p) => (p.hostNetwork && p.nodeName !== '' ? p.nodeName : undefined));
}

function judge(index: NetworkPolicyIndex, clients: PolicyEnd[], nodes: (string | undefined)[], fromPods: Pod[], target: Target, protocol: ReachTo['protocol']): Judged {
	if (target.pod && fromPods.includes(target.pod)) return { target, clients, clientPods: fromPods, allowed: true, self: true, egress: [], ingress: [] };
	const verdicts = clients.map((c, i) => {
		const v = connectionVerdict(index, c, target.end, target.port, protocol);
		const pod = target.pod;
		if (!pod || pod.hostNetwork || pod.nodeName === '' || nodes[i] !== pod.nodeName) return v;
		return { allowed: v.egress.allowed, egress: v.egress, ingress: { direction: 'Ingress' as const, isolated: v.ingress.isolated, allowed: true, isolating: [], exempt: 'own-node' as const } };
	});
	return {
		target,
		clients,
		clientPods: fromPods,
		allowed: verdicts.every((v) => v.allowed),
		self: false,
		egress: verdicts.map((v) => v.egress),
		ingress: verdicts.map((v) => v.ingress),
	};
}

function legStep(ctx: ModelContext, index: NetworkPolicyIndex, link: 'egress' | 'ingress', judged: Judged[], subject: string, protocol: ReachTo['protocol'], unknown: string | undefined): ReachStep {
	const legs = judged.map((j) => worst(link === 'egress' ? j.egress : j.ingress)).filter((l): l is LegVerdict => l !== undefined);
	// Policies select pods of their own namespace: where none was read, no leg there can be isolated.
	if (unknown && legs.every((l) => !l.isolated)) return { link, ok: true, detail: `not judged: ${unknown}, so whether one isolates ${subject} for ${link} is not known`, policies: [], notJudged: unknown };
	const refused = judged.filter((j) => (link === 'egress' ? j.egress : j.ingress).some((l) => !l.allowed));
	const policies = [...new Map(legs.map(decidingPolicy).filter((p) => p !== undefined).map((p) => [`${p.namespace}/${p.name}`, ref(p)!])).values()];
	const names = policies.map((p) => p.name).join(', ');
	const selfOnly = judged.length > 0 && judged.every((j) => j.self);
	let detail: string;
	if (selfOnly) detail = 'allowed (self): a pod is not blocked from itself (plugins differ when it loops back through a Service)';
	else if (refused.length === 0 && legs.length > 0 && legs.every((l) => l.exempt === 'host-network'))
		detail = `${subject} ${legs.length === 1 ? 'uses' : 'use'} the host's network: NetworkPolicies do not apply to ${legs.length === 1 ? 'it' : 'them'} (true of most plugins; some enforce host policies)`;
	else if (refused.length === 0 && legs.some((l) => l.exempt === 'own-node'))
		detail = `from the endpoint pod's own node: allowed whatever its policies say, as the kubelet's probes are (NetworkPolicy does not govern a pod's own node)`;
	else if (legs.length === 0 || legs.every((l) => !l.isolated)) detail = `no NetworkPolicy isolates ${subject} for ${link}`;
	else if (refused.length === 0) {
		const node = nodeAdmittedByBlock(ctx, link, judged);
		const how = legs.some((l) => l.viaPodIpBlock)
			? ' through an ipBlock that covers the pod\'s address (whether ipBlocks apply to pod addresses is up to the network plugin)'
			: node
			? ` through an ipBlock that covers node ${node}'s address (whether ipBlocks apply to node addresses is up to the network plugin: Cilium's do only with policy-cidr-match-mode nodes)`
			: '';
		detail = `admitted by ${names}${how}`;
	}
	else {
		const isolating = [...new Set(refused.flatMap((j) => (link === 'egress' ? j.egress : j.ingress).filter((l) => !l.allowed).flatMap((l) => l.isolating.map((p) => p.name))))];
		const ports = [...new Set(refused.map((j) => `${protocol}/${j.target.port}`))].join(', ');
		const words = refusedWords(ctx, index, link, refused[0]!, isolating.length, ports, protocol);
		detail = `${isolating.join(', ')} ${isolating.length === 1 ? 'isolates' : 'isolate'} ${subject} for ${link} ${words.text}${judged.length > 1 ? ` (${refused.length} of ${judged.length} endpoints)` : ''}${words.note ? `; ${words.note}` : ''}`;
		if (words.unknown) return { link, ok: false, detail: `${detail}; but ${words.unknown}`, policies, notJudged: words.unknown };
		// A planned pod has no address yet: an address block may well cover it once it runs.
		const unknownBlock = refused.flatMap((j) => (link === 'egress' ? j.egress : j.ingress).filter((l) => !l.allowed && l.ipBlockUnknown)).map((l) => l.ipBlockUnknown!)[0];
		if (unknownBlock) {
			const why = `an ipBlock of ${unknownBlock.name} admits an address block on this port and the pod's address is not in the input`;
			return { link, ok: false, detail: `${detail}; but ${why}, so whether it covers the pod is known once it runs`, policies, notJudged: why };
		}
	}
	return { link, ok: refused.length === 0, detail, policies };
}

function dnsStep(ctx: ModelContext, index: NetworkPolicyIndex, from: ReachFrom): ReachStep {
	const dns = clusterDns(ctx);
	const answers = from.pods.map((p) => dnsEgress(index, p, dns));
	const udp = worst(answers.map((a) => a.udp))!;
	const tcp = worst(answers.map((a) => a.tcp))!;
	const unknown = policiesUnknown(ctx.readable, from.pods.map((p) => p.namespace));
	if (unknown && !udp.isolated && !tcp.isolated) return { link: 'dns', ok: true, detail: `not judged: ${unknown}, so whether the client's egress admits DNS is not known`, policies: [], notJudged: unknown };
	// Refused towards the kube-dns pods but admitted to an address: DNS may well be answered there.
	const elsewhere = answers.find((a) => (!a.udp.allowed && a.elsewhere.udp) || (!a.tcp.allowed && a.elsewhere.tcp));
	const udpOk = answers.every((a) => a.udp.allowed || a.elsewhere.udp !== undefined);
	const { port, text } = dns.flavour;
	const policies = [...new Map([udp, tcp].map(decidingPolicy).filter((p) => p !== undefined).map((p) => [`${p.namespace}/${p.name}`, ref(p)!])).values()];
	const where = dns.inInput ? (port === 53 ? '' : ` (the cluster DNS pods: ${text}, port ${port})`) : ` (the cluster DNS pods are not in the input: judged on ${text.replace(' ', ' pods ')})`;
	let detail: string;
	if (!udp.isolated && !tcp.isolated) detail = `no egress policy isolates the client: name lookups reach the cluster DNS${where}`;
	else if (udp.allowed && tcp.allowed) {
		// An address block such as 0.0.0.0/0 admits the DNS pods only where the plugin matches pod addresses by ipBlock.
		const viaBlock = answers.some((a) => a.udp.viaPodIpBlock || a.tcp.viaPodIpBlock) ? " through an ipBlock that covers the DNS pods' addresses (whether ipBlocks apply to pod addresses is up to the network plugin)" : '';
		detail = `DNS on ${port}/UDP and ${port}/TCP admitted by ${policies.map((p) => p.name).join(', ')}${viaBlock}${where}`;
	}
	else if (elsewhere && udpOk) {
		const tcpNowhere = answers.some((a) => !a.tcp.allowed && a.elsewhere.tcp === undefined) ? '; DNS over TCP is admitted nowhere: answers too large for UDP fail' : '';
		const which = [elsewhere.elsewhere.udp, elsewhere.elsewhere.tcp].some((e) => e?.port === 5353) ? "OpenShift's DNS, which listens on 5353" : 'NodeLocal DNSCache, an outside resolver';
		detail = `DNS admitted as ${dnsElsewhereText(elsewhere)}, not to the cluster DNS pods: name lookups work if the pods' resolver is there (${which}), which no object says${tcpNowhere}${where}`;
	} else {
		const blocked = [udp.allowed ? '' : 'UDP', tcp.allowed ? '' : 'TCP'].filter(Boolean).join(' and ');
		const isolating = [...new Set([udp, tcp].filter((l) => !l.allowed).flatMap((l) => l.isolating.map((p) => p.name)))];
		// Who the rules that cover the port admit instead (a namespace label the DNS pods' namespace lacks, say).
		const dnsPod = podEnd(dns.pods[0]!);
		const protocol = udp.allowed ? 'TCP' : 'UDP';
		// The DNS Service listens on 53 whatever port its pods do (OpenShift's: 5353).
		const refusal = refusalOf(udp.allowed ? tcp : udp, dnsPod, port, protocol, 53, peersTake(index, dnsPod));
		const ports = refusal.openTo.length > 0 ? `DNS (${port}/${protocol})` : `DNS (${port}/${blocked})`;
		const words = refusalWords(ctx, index, refusal, 'egress', isolating.length, ports, dnsPod, 'the cluster DNS pods', false);
		const fails = udp.allowed ? 'answers too large for UDP fail' : 'name lookups fail';
		detail = `${isolating.join(', ')} isolate${isolating.length > 1 ? '' : 's'} the client for egress ${words.text}${refusal.openTo.length > 0 ? ', not to the cluster DNS pods' : ' to the cluster DNS pods'}: ${fails}${words.note ? `; ${words.note}` : ''}${words.unknown ? `; but ${words.unknown}` : ''}${where}`;
		if (words.unknown) return { link: 'dns', ok: udpOk, detail, policies, notJudged: words.unknown };
	}
	return { link: 'dns', ok: udpOk, detail, policies };
}

function verdictOf(steps: ReachStep[], judged: Judged[]): ReachVerdict {
	const early = steps.filter((s) => s.link === 'dns' || s.link === 'service');
	if (early.some((s) => !s.ok) || judged.length === 0) return 'blocked';
	const ok = judged.filter((j) => j.allowed).length;
	return ok === judged.length ? 'allowed' : ok === 0 ? 'blocked' : 'partial';
}

export function reach(ctx: ModelContext, fromText: string, toText: string): ReachResult {
	const from = resolveFrom(ctx, fromText);
	const to = resolveTo(ctx, toText);
	const index = ruleContextFor(ctx).policies;
	const steps: ReachStep[] = [{ link: 'from', ok: true, detail: from.description, policies: [] }];
	const inCluster = from.kind === 'pods' || from.kind === 'controller';
	const fromOutside = from.kind === 'outside' || (from.kind === 'address' && !isNodeAddress(ctx, from.ip!));

	let targets: Target[] = [];
	if (to.kind === 'service') {
		// A pod looks the Service's name up; the controller reads the endpoints itself.
		if (from.kind === 'pods' && !to.byAddress) steps.push(dnsStep(ctx, index, from));
		const found = serviceTargets(ctx, to);
		const exposed = exposedOutside(to);
		const { seen } = clientEnds(ctx, from, to);
		if (fromOutside && !exposed) {
			steps.push({ link: 'service', ok: false, detail: `${to.description} is ${to.wiring!.service.type || 'ClusterIP'} only: not reachable from outside the cluster (no NodePort, LoadBalancer or externalIP)`, policies: [] });
		} else {
			const via = from.kind === 'controller' ? 'the controller sends to the endpoints directly (no ClusterIP)' : fromOutside ? `${exposed}, then kube-proxy DNAT` : 'ClusterIP, kube-proxy DNAT';
			steps.push({ link: 'service', ok: found.ok, detail: `${via}: ${found.detail}${seen ? `; ${seen}` : ''}`, policies: [] });
			if (found.ok) targets = found.targets;
		}
	} else if (to.kind === 'pods') {
		targets = to.targets.map((t) => ({ end: podEnd(t.pod), pod: t.pod, ip: t.pod.podIP, port: t.port }));
	} else {
		targets = [{ end: { ip: to.ip }, ip: to.ip!, port: to.port! }];
	}

	const clients = clientEnds(ctx, from, to).ends;
	const nodes = clientNodes(from);
	const judged = targets.map((t) => judge(index, clients, nodes, from.pods, t, to.protocol));
	// Endpoints that are not pods (the API server's): the ingress and port links say so instead.
	const podless = to.kind === 'service' && targets.length > 0 ? podlessEndpoints(ctx, targets) : undefined;
	if (judged.length > 0 || targets.length > 0) {
		const clientText = inCluster ? (from.pods.length === 1 ? 'the client pod' : 'the client pods') : 'the client';
		const egress = inCluster
			? legStep(ctx, index, 'egress', judged, clientText, to.protocol, policiesUnknown(ctx.readable, from.pods.map((p) => p.namespace)))
			: { link: 'egress', ok: true, detail: 'the client is not a pod: no egress policy applies', policies: [] };
		// A rule written for the ClusterIP itself: policy sees the endpoint's address and port instead.
		const byAddress = !egress.ok && to.kind === 'service' && from.kind === 'pods' && targets.length > 0 ? serviceAddressRule(index, from.pods, to.wiring!.service, to.servicePort!) : undefined;
		if (byAddress) {
			const after = [...new Set(targets.map((t) => `${t.ip || t.pod?.name}:${t.port}`))].join(', ');
			egress.detail += `; ${byAddress.policy.name} admits the ClusterIP ${byAddress.address} on ${to.protocol}/${to.servicePort!.port}, but policy sees the connection after kube-proxy's DNAT, at ${after}: admit that address and port instead`;
		}
		steps.push(egress);
		steps.push(
			to.kind === 'address'
				? { link: 'ingress', ok: true, detail: 'the destination is not a pod: no ingress policy applies', policies: [] }
				: podless
				? podless.ingress
				: legStep(ctx, index, 'ingress', judged, judged.length === 1 ? 'the endpoint pod' : 'the endpoint pods', to.protocol, policiesUnknown(ctx.readable, judged.map((j) => j.target.pod?.namespace ?? to.wiring?.service.namespace ?? ''))),
		);
	}
	if (to.kind === 'pods') {
		const undeclared = to.targets.filter((t) => !t.declared);
		steps.push({
			link: 'port',
			ok: true,
			detail: undeclared.length === 0 ? `container port ${describePolicyPort({ protocol: to.protocol, port: to.targets[0]!.port })} declared` : `${undeclared.map((t) => t.pod.name).join(', ')} ${undeclared.length === 1 ? 'declares' : 'declare'} no container port ${to.protocol}/${to.targets[0]!.port}: whether anything listens there is not known`,
			policies: [],
		});
	} else if (to.kind === 'service' && targets.length > 0) {
		if (podless) steps.push(podless.port);
		else {
			const undeclared = targets.filter((t) => t.pod && !t.pod.containers.some((c) => c.ports.some((p) => p.containerPort === t.port && p.protocol === to.protocol)));
			steps.push({
				link: 'port',
				ok: true,
				detail: undeclared.length === 0 ? `every endpoint pod declares container port ${to.protocol}/${[...new Set(targets.map((t) => t.port))].join(', ')}` : `${undeclared.map((t) => t.pod!.name).join(', ')} ${undeclared.length === 1 ? 'declares' : 'declare'} no container port ${to.protocol}/${undeclared[0]!.port}: whether anything listens there is not known`,
				policies: [],
			});
		}
	}

	const endpoints: ReachEndpoint[] = judged.map((j) => ({
		ip: j.target.ip,
		port: j.target.port,
		pod: j.target.pod?.name ?? '',
		allowed: j.allowed,
		egress: ref(decidingOf(j.egress)),
		ingress: ref(decidingOf(j.ingress)),
		egressAllowed: j.egress.every((l) => l.allowed),
		ingressAllowed: j.ingress.every((l) => l.allowed),
	}));
	return { from: fromText, to: toText, verdict: verdictOf(steps, judged), steps, endpoints, notModelled: otherPolicyKinds(ctx.snapshot.unusedKinds) };
}

function decidingOf(legs: LegVerdict[]) {
	const leg = worst(legs);
	return leg ? decidingPolicy(leg) : undefined;
}
