/**
 * ReferenceGrant (gateway-spec.md §8): a reference from a route into another namespace is
 * allowed only by a grant in the TARGET namespace whose `from` names the route's kind and
 * namespace and whose `to` names the target kind (and the name, or no name for all of them).
 */
import type { ReferenceGrant } from '../../cluster/snapshot.js';
import { gatewayGroup } from './refs.js';

export interface GrantQuery {
	fromKind: string;
	fromNamespace: string;
	/** The target: core group '' for Services and Secrets. */
	toGroup: string;
	toKind: string;
	toNamespace: string;
	toName: string;
}

/** The grant that permits the reference, if any. */
export function grantFor(grants: readonly ReferenceGrant[], q: GrantQuery, fromGroup = gatewayGroup): ReferenceGrant | undefined {
	return grants.find(
		(g) =>
			g.namespace === q.toNamespace &&
			g.from.some((f) => f.group === fromGroup && f.kind === q.fromKind && f.namespace === q.fromNamespace) &&
			g.to.some((t) => t.group === q.toGroup && t.kind === q.toKind && (t.name === '' || t.name === q.toName)),
	);
}

/** The ReferenceGrant that would permit the reference, as YAML to paste (a hint). */
export function grantYaml(q: GrantQuery, fromGroup = gatewayGroup): string {
	return (
		`ReferenceGrant in namespace ${q.toNamespace}: from {group: ${fromGroup}, kind: ${q.fromKind}, namespace: ${q.fromNamespace}}, ` +
		`to {group: "${q.toGroup}", kind: ${q.toKind}, name: ${q.toName}}`
	);
}

/**
 * Why the grants in the target namespace do not permit the reference, when some are there: the
 * likeliest slip (a grant for the target whose `from` names another namespace or kind, or one
 * from the route whose `to` names another object). Undefined when the namespace holds none.
 */
export function grantMiss(grants: readonly ReferenceGrant[], q: GrantQuery, fromGroup = gatewayGroup): string | undefined {
	const here = grants.filter((g) => g.namespace === q.toNamespace);
	if (here.length === 0) return undefined;
	const toTarget = (g: ReferenceGrant) => g.to.some((t) => t.group === q.toGroup && t.kind === q.toKind && (t.name === '' || t.name === q.toName));
	const fromRoute = (g: ReferenceGrant) => g.from.some((f) => f.group === fromGroup && f.kind === q.fromKind && f.namespace === q.fromNamespace);
	const grant = here.find(toTarget) ?? here.find(fromRoute) ?? here[0]!;
	const from = grant.from.map((f) => `${f.kind} in ${f.namespace}`).join(', ') || 'nothing';
	const to = grant.to.map((t) => `${t.kind} ${t.name || '(any)'}`).join(', ') || 'nothing';
	return toTarget(grant)
		? `ReferenceGrant ${grant.namespace}/${grant.name} permits it from ${from}, not from ${q.fromKind} in ${q.fromNamespace}`
		: `ReferenceGrant ${grant.namespace}/${grant.name} permits references to ${to}, not to ${q.toKind} ${q.toName}`;
}

/**
 * A grant that would permit the reference were it in the target's namespace: the common slip of
 * creating the ReferenceGrant beside the route (or the Gateway) instead of beside what it grants.
 * Only looked for when the target's namespace holds no fitting grant.
 */
export function misplacedGrant(grants: readonly ReferenceGrant[], q: GrantQuery, fromGroup = gatewayGroup): ReferenceGrant | undefined {
	return grants.find((g) => g.namespace !== q.toNamespace && grantFor([{ ...g, namespace: q.toNamespace }], q, fromGroup) !== undefined);
}
