/**
 * A refused policy leg in words, for `reach`: when rules of the isolating policies cover the port,
 * who they admit instead (a client is told it is not among them, not that the port is closed),
 * with a note on a peer that matches nothing in the input, the usual sign of a label typo. A
 * client whose namespace the input does not hold may carry the labels a namespaceSelector asks
 * for: that is said, not guessed. A closed port names the rules' ports that do not resolve on
 * the destination pod.
 */
import type { LabelSelector, NetworkPolicyPeer } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { ruleContextFor } from '../diagnostics/rule.js';
import type { PolicyEnd } from '../netpol/connection.js';
import { describePeer } from '../netpol/peers.js';
import { namespaceNameLabel, type NetworkPolicyIndex } from '../netpol/policy-index.js';
import type { OpenRule, Refusal } from '../netpol/refusal.js';
import { formatLabelSelector, matchesLabelSelector } from '../selectors.js';

export interface RefusalWords {
	/** "and no rule admits TCP/80", "and admits TCP/80 only from pods app=web in shop" */
	text: string;
	/** A sentence for after the caller's own: a rule that names the Service's port, not the pod's. */
	note?: string;
	/**
	 * Set when the answer turns on what the input does not give (the far end's namespace, whose
	 * labels a namespaceSelector asks for): a sentence the caller adds after its own.
	 */
	unknown?: string;
}

function selectorKeys(selector: LabelSelector): string[] {
	return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
}

/** The namespaces the input knows of: its Namespace objects and the namespaces of its pods. */
function knownNamespaces(ctx: ModelContext): string[] {
	return [...new Set([...ctx.snapshot.namespaces.map((n) => n.name), ...ctx.pods.namespaces()])];
}

/** Why a selector peer admits no pod of the input, or undefined when it admits some (or the input cannot say). */
function emptyPeerNote(ctx: ModelContext, index: NetworkPolicyIndex, peer: NetworkPolicyPeer, policyNamespace: string, namespacesKnown: boolean): string | undefined {
	if (peer.ipBlock || (!peer.podSelector && !peer.namespaceSelector)) return undefined;
	const namespaces = peer.namespaceSelector
		? knownNamespaces(ctx).filter((ns) => matchesLabelSelector(peer.namespaceSelector!, index.namespaceLabels(ns)))
		: [policyNamespace];
	if (peer.namespaceSelector && namespaces.length === 0) {
		// Only Namespace objects carry labels beyond the name: without them the input cannot say.
		// A selector by the name label names a namespace, which files often leave out: no typo then.
		const given = namespacesKnown && ctx.readable.canRead('namespaces') && ctx.snapshot.namespaces.length > 0;
		const byName = selectorKeys(peer.namespaceSelector).includes(namespaceNameLabel);
		return given && (!byName || ctx.snapshot.origin.kind === 'live') ? `no namespace in the input carries ${formatLabelSelector(peer.namespaceSelector)}` : undefined;
	}
	if (!peer.podSelector) return undefined;
	// Said only of namespaces whose pods the input holds, and not where an operator makes the pods.
	const covered = namespaces.filter((ns) => ctx.pods.inNamespace(ns).length > 0 && ctx.readable.canRead('pods', ns));
	if (covered.length === 0 || covered.length < namespaces.length) return undefined;
	if (covered.some((ns) => ctx.pods.matching(ns, peer.podSelector!).length > 0 || ruleContextFor(ctx).podMakerFor(ns, peer.podSelector!))) return undefined;
	return 'no pod in the input matches';
}

/**
 * Whether a namespaceSelector asks for labels other than the name one, which the name label it
 * does ask for (if any) lets `namespace` meet: then only the Namespace object can say.
 */
function beyondName(selector: LabelSelector, namespace: string): boolean {
	const byName: LabelSelector = {
		matchLabels: Object.fromEntries(Object.entries(selector.matchLabels).filter(([k]) => k === namespaceNameLabel)),
		matchExpressions: selector.matchExpressions.filter((e) => e.key === namespaceNameLabel),
	};
	const others = selectorKeys(selector).some((k) => k !== namespaceNameLabel);
	return others && matchesLabelSelector(byName, { [namespaceNameLabel]: namespace });
}

/**
 * The peers whose namespaceSelector is all that stands between them and `other` when its
 * namespace is not in the input: its labels beyond the name are not known.
 */
export function namespaceUnknown(ctx: ModelContext, open: readonly OpenRule[], other: PolicyEnd): string | undefined {
	const pod = other.pod;
	if (!pod || pod.hostNetwork || ctx.snapshot.namespaces.some((n) => n.name === pod.namespace)) return undefined;
	for (const { policy, peers } of open) {
		for (const peer of peers) {
			if (!peer.namespaceSelector || !beyondName(peer.namespaceSelector, pod.namespace)) continue;
			if (peer.podSelector && !matchesLabelSelector(peer.podSelector, pod.labels)) continue;
			return `namespace ${pod.namespace} is not in the input, so whether it carries ${formatLabelSelector(peer.namespaceSelector)} (asked by ${policy.name}) is not known`;
		}
	}
	return undefined;
}

/**
 * OpenShift's OVN-Kubernetes lets a namespaceSelector on its policy-group labels select traffic
 * from the host network (`policy-group.network.openshift.io/host-network`, and `.../ingress` for
 * a router on the host network): where a rule uses one, a host-network or node end may well be
 * admitted, which the plugin decides (OpenShift 4.6/4.7 release notes, "network policy supports
 * selecting host network traffic").
 */
function openShiftHostGroup(open: readonly OpenRule[]): string | undefined {
	for (const { policy, peers } of open) {
		for (const peer of peers) {
			const key = peer.namespaceSelector ? selectorKeys(peer.namespaceSelector).find((k) => k.startsWith('policy-group.network.openshift.io/')) : undefined;
			if (key) return `${policy.name} selects namespaces by ${key}, which OpenShift's OVN-Kubernetes also matches to host-network traffic, so whether it admits this end depends on the network plugin`;
		}
	}
	return undefined;
}

/**
 * `names` isolate(s) the subject for the link — this says the rest: the port closed, or open only
 * to other peers. `other` is the far end (the client for ingress, the destination for egress),
 * `otherText` its address or name, and `notPod` whether it is no pod (or a host-network one):
 * then only an ipBlock can admit it, and the answer says so.
 */
export function refusalWords(
	ctx: ModelContext,
	index: NetworkPolicyIndex,
	refusal: Refusal,
	link: 'egress' | 'ingress',
	isolatingCount: number,
	ports: string,
	other: PolicyEnd,
	otherText: string,
	notPod: boolean,
): RefusalWords {
	const verb = (one: string, many: string) => (isolatingCount === 1 ? one : many);
	// A rule on the Service's port: policy sees the pod's port, after kube-proxy's DNAT.
	const sp = refusal.servicePort;
	const note = sp ? `${sp.policies.map((p) => p.name).join(', ')} ${sp.policies.length === 1 ? 'names' : 'name'} port ${sp.port}, the Service's, but policy sees the pod's port ${sp.podPort}, after kube-proxy's DNAT` : undefined;
	const withNote = (words: RefusalWords): RefusalWords => (note ? { ...words, note } : words);
	if (refusal.openTo.length === 0) {
		const names = refusal.unresolved.map((u) => `${u.policy.name} names port ${u.name}, which ${link === 'ingress' ? 'the endpoint pod does not declare' : other.pod ? 'the destination pod does not declare' : 'only a pod can declare'}`);
		return withNote({ text: `and no rule admits ${ports}${names.length > 0 ? ` (${names.join('; ')})` : ''}` });
	}
	const byPolicy = new Set(refusal.openTo.map((o) => o.policy.name)).size > 1 || isolatingCount > 1;
	// The far end's namespace is not in the input: "no namespace carries it" would mislead then.
	const unknown = namespaceUnknown(ctx, refusal.openTo, other);
	const peers: string[] = [];
	for (const { policy, peers: list } of refusal.openTo) {
		for (const peer of list) {
			const note = emptyPeerNote(ctx, index, peer, policy.namespace, unknown === undefined);
			const aside = [byPolicy ? policy.name : '', note ?? ''].filter(Boolean).join(': ');
			const words = `${describePeer(peer, policy.namespace)}${aside ? ` (${aside})` : ''}`;
			if (!peers.includes(words)) peers.push(words);
		}
	}
	const onlySelectors = refusal.openTo.every((o) => o.peers.every((p) => !p.ipBlock));
	const hostGroup = notPod ? openShiftHostGroup(refusal.openTo) : undefined;
	const tail = notPod && onlySelectors ? `; ${otherText} is not a pod${other.pod ? ' (it uses the host\'s network)' : ''}${hostGroup ? '' : ', so only an ipBlock can admit it'}` : '';
	return withNote({
		text: `and ${verb('admits', 'admit')} ${ports} only ${link === 'ingress' ? 'from' : 'to'} ${peers.join('; ')}${tail}`,
		...(unknown ? { unknown } : hostGroup ? { unknown: hostGroup } : {}),
	});
}
