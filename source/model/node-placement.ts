/**
 * Whether a pod template may be scheduled on a node, as the scheduler's NodeAffinity filter
 * reads it: every spec.nodeSelector pair, and one of the required node affinity's terms
 * (a term matches when all its requirements do; NotIn and DoesNotExist match a node without
 * the label; Gt and Lt compare integers). Taints are not judged: kube-proxy's DaemonSets
 * tolerate them all. A malformed term matches no node, as the scheduler treats it.
 */
import type { Labels, Node, NodePlacement } from '../cluster/snapshot.js';
import { formatLabels, matchesRequirement } from './selectors.js';

function labelOf(labels: Labels, key: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

export function placesOn(placement: NodePlacement | undefined, node: Node): boolean {
	if (!placement) return true;
	for (const key in placement.nodeSelector) {
		if (labelOf(node.labels, key) !== placement.nodeSelector[key]) return false;
	}
	if (placement.terms.length === 0) return true;
	return placement.terms.some(
		(t) =>
			(t.matchExpressions.length > 0 || t.matchFields.length > 0) &&
			t.matchExpressions.every((r) => matchesRequirement(r, node.labels)) &&
			t.matchFields.every((r) => r.key === 'metadata.name' && matchesRequirement(r, { 'metadata.name': node.name })),
	);
}

/** The constraint in a few words, for a message: "nodeSelector kubernetes.io/os=linux; node affinity eks.amazonaws.com/compute-type NotIn fargate,…". */
export function describePlacement(placement: NodePlacement): string {
	const parts: string[] = [];
	if (Object.keys(placement.nodeSelector).length > 0) parts.push(`nodeSelector ${formatLabels(placement.nodeSelector)}`);
	const terms = placement.terms.map((t) =>
		[...t.matchExpressions, ...t.matchFields].map((r) => `${r.key} ${r.operator}${r.values.length > 0 ? ` ${r.values.join(',')}` : ''}`).join(', '),
	);
	if (terms.length > 0) parts.push(`required node affinity ${terms.join(' or ')}`);
	return parts.join('; ');
}
