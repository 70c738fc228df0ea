/**
 * The notes `reach` adds to a policy leg: what a refusal admits instead (refusal-text.ts), the
 * plugin dependence of an ipBlock that admits a node's address, the word on a pod's own node, and
 * the ingress and port links of endpoints that are no pods. Split from walk.ts, which follows
 * the chain; these only describe one link of it.
 */
import type { Pod } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import type { LegVerdict, PolicyEnd } from '../netpol/connection.js';
import type { NetworkPolicyIndex } from '../netpol/policy-index.js';
import { peersTake, refusalOf } from '../netpol/refusal.js';
import type { ReachTo } from './ends.js';
import { refusalWords, type RefusalWords } from './refusal-text.js';
import type { ReachStep } from './walk.js';
import { nodeWithAddress } from './node-address.js';

/** One endpoint a connection is judged at: the pod (or address) and its own port after DNAT. */
export interface Target {
	end: PolicyEnd;
	pod?: Pod;
	/** The endpoint's pod by name when the input does not hold it (an EndpointSlice's targetRef). */
	podName?: string;
	/** The Service port the client sent to, when it went through a Service. */
	servicePort?: number;
	ip: string;
	port: number;
}

/** Both policy legs of one endpoint, once per client end. */
export interface Judged {
	target: Target;
	/** The client ends the legs were judged for, in the order of `egress` and `ingress`. */
	clients: PolicyEnd[];
	/** The client pods behind `clients`, same order (empty when the client is not a pod). */
	clientPods: Pod[];
	allowed: boolean;
	self: boolean;
	egress: LegVerdict[];
	ingress: LegVerdict[];
}

/**
 * The ingress and port links when no endpoint is a pod of the input: a Service whose endpoints
 * are addresses (the API server's `kubernetes` Service, a selector-less Service's manual
 * endpoints) has no ingress policy and no container port; an endpoint whose pod the input lacks
 * has both, unknown.
 */
export function podlessEndpoints(ctx: ModelContext, targets: Target[]): { ingress: ReachStep; port: ReachStep } | undefined {
	if (targets.length === 0 || targets.some((t) => t.pod)) return undefined;
	const missing = [...new Set(targets.flatMap((t) => (t.podName ? [t.podName] : [])))];
	if (missing.length > 0) {
		const which = `the endpoint ${missing.length === 1 ? `pod ${missing[0]} is` : `pods ${missing.join(', ')} are`} not in the input`;
		return {
			ingress: { link: 'ingress', ok: true, detail: `not judged: ${which}, so whether a NetworkPolicy isolates ${missing.length === 1 ? 'it' : 'them'} is not known`, policies: [], notJudged: which },
			port: { link: 'port', ok: true, detail: `${which}: ${missing.length === 1 ? 'its' : 'their'} container ports are not known`, policies: [] },
		};
	}
	const addresses = [...new Set(targets.map((t) => t.ip))];
	const nodes = addresses.map((ip) => nodeWithAddress(ctx, ip)?.name).filter((n): n is string => n !== undefined);
	const one = addresses.length === 1;
	const what = `the endpoint${one ? '' : 's'} ${addresses.join(', ')} ${one ? 'is not a pod' : 'are not pods'}${nodes.length > 0 ? ` (${nodes.length === 1 && one ? `node ${nodes[0]}'s address` : `addresses of nodes ${[...new Set(nodes)].join(', ')}`})` : ''}`;
	return {
		ingress: { link: 'ingress', ok: true, detail: `${what}: no ingress policy applies`, policies: [] },
		port: { link: 'port', ok: true, detail: `${what}: no container port to check`, policies: [] },
	};
}

/**
 * The node whose address an admitting ipBlock covers, when the far end of the leg is a node (the
 * API server's endpoint, a client seen as a node's address): plugins differ on whether ipBlocks
 * match cluster nodes, so the admission is said to depend on it.
 */
export function nodeAdmittedByBlock(ctx: ModelContext, link: 'egress' | 'ingress', judged: Judged[]): string | undefined {
	for (const j of judged) {
		const legs = link === 'egress' ? j.egress : j.ingress;
		for (let i = 0; i < legs.length; i++) {
			const by = legs[i]!.by;
			const far = link === 'egress' ? j.target.end : j.clients[i];
			if (!by || !far?.ip || (far.pod && !far.pod.hostNetwork)) continue;
			const rule = (link === 'egress' ? by.policy.egress : by.policy.ingress)[by.rule];
			if (!rule?.peers.some((p) => p.ipBlock)) continue;
			const node = nodeWithAddress(ctx, far.ip);
			if (node) return node.name;
		}
	}
	return undefined;
}

/** What the first refused leg of `j` admits instead, in words (see refusal-text.ts). */
export function refusedWords(ctx: ModelContext, index: NetworkPolicyIndex, link: 'egress' | 'ingress', j: Judged, isolatingCount: number, ports: string, protocol: ReachTo['protocol']): RefusalWords {
	const legs = link === 'egress' ? j.egress : j.ingress;
	const i = legs.findIndex((l) => !l.allowed);
	const leg = legs[i]!;
	const other = link === 'egress' ? j.target.end : (j.clients[i] ?? {});
	const otherText = link === 'egress' ? j.target.ip || j.target.pod?.name || 'the destination' : other.ip ?? 'the client';
	// A destination whose pod the input lacks is a pod all the same: not said to need an ipBlock.
	const notPod = link === 'egress' && j.target.podName !== undefined ? false : !other.pod || other.pod.hostNetwork;
	// A rule on the Service's port is named when it takes the far end: fixing its port would do.
	const refusal = refusalOf(leg, j.target.end, j.target.port, protocol, j.target.servicePort, peersTake(index, other));
	const words = refusalWords(ctx, index, refusal, link, isolatingCount, ports, other, otherText, notPod);
	// The endpoint's pod is not in the input: its labels are unknown, so a selector rule may take it.
	const bySelector = link === 'egress' && j.target.podName !== undefined ? refusal.openTo.find((o) => o.peers.some((p) => !p.ipBlock)) : undefined;
	if (bySelector && !words.unknown) return { ...words, unknown: `the endpoint pod ${j.target.podName} is not in the input, so whether ${bySelector.policy.name}'s selectors take it is not known` };
	// The Kubernetes documentation says traffic to a pod's own node is always allowed; plugins
	// differ (many apply the pod's egress policy to it), so the refusal stands, with a word.
	const clientNode = link === 'egress' && notPod ? j.clientPods[i]?.nodeName : undefined;
	if (clientNode && nodeWithAddress(ctx, j.target.ip)?.name === clientNode) {
		return { ...words, text: `${words.text}; ${j.target.ip} is the client pod's own node (${clientNode}): the Kubernetes documentation says traffic to a pod's own node is always allowed, but plugins differ and many apply the pod's egress policy to it` };
	}
	return words;
}
