/**
 * The route conditions kubewire computes (Accepted, ResolvedRefs per parentRef) next to the ones
 * the controller wrote in status.parents: where they disagree both are shown, because a
 * controller that is not running, or one that departs from the spec, is itself the answer.
 * A condition that depends on what the input does not hold (no ReferenceGrants given, Gateways
 * not read) is not computed at all: it is listed as not judged, with why, instead of inventing
 * an Unknown status the contract does not have.
 */
import type { GatewayRoute, ParentRef, StatusCondition } from '../../cluster/snapshot.js';
import type { ParentAttachment } from './attachment.js';
import type { BackendReason, BackendResolution } from './backends.js';
import { parentNamespace } from './refs.js';

export interface Condition {
	type: 'Accepted' | 'ResolvedRefs';
	status: 'True' | 'False';
	reason: string;
}

/** A condition kubewire does not compute, because what it depends on is not in the input. */
export interface NotJudged {
	type: Condition['type'];
	/** What was not given or not read. */
	why: string;
}

export interface ResolvedRefs {
	/** undefined when a backendRef could not be judged and none is known to fail. */
	status?: Condition['status'];
	reason?: BackendReason;
	/** The first backendRef that does not resolve (rule order). */
	failing?: BackendResolution;
	/** The first backendRef that could not be judged, when no other fails. */
	unjudged?: BackendResolution;
}

/** ResolvedRefs for a route: False with the first failing reference's reason, in rule order. */
export function resolvedRefs(backends: readonly BackendResolution[]): ResolvedRefs {
	const failing = backends.find((b) => b.reason !== undefined && b.reason !== 'ResolvedRefs');
	if (failing) return { status: 'False', reason: failing.reason!, failing };
	const unjudged = backends.find((b) => b.reason === undefined);
	if (unjudged) return { unjudged };
	return { status: 'True', reason: 'ResolvedRefs' };
}

/** The conditions computed for one parentRef, and those that could not be. */
export function conditionsOf(parent: ParentAttachment, refs: ResolvedRefs): { conditions: Condition[]; notJudged: NotJudged[] } {
	const conditions: Condition[] = [];
	const notJudged: NotJudged[] = [];
	if (parent.accepted === undefined) notJudged.push({ type: 'Accepted', why: acceptedUnjudged(parent) });
	else conditions.push({ type: 'Accepted', status: parent.accepted ? 'True' : 'False', reason: parent.reason ?? '' });
	if (refs.status && refs.reason) conditions.push({ type: 'ResolvedRefs', status: refs.status, reason: refs.reason });
	else if (refs.unjudged) notJudged.push({ type: 'ResolvedRefs', why: `backendRef ${refs.unjudged.namespace}/${refs.unjudged.ref.name}: ${refs.unjudged.detail}` });
	return { conditions, notJudged };
}

/** Why acceptance could not be judged (attachment.ts leaves it undefined in these two cases). */
function acceptedUnjudged(parent: ParentAttachment): string {
	if (!parent.gateway) return parent.unjudged ?? `Gateways in namespace ${parent.gatewayKey.split('/')[0]} were not read`;
	return `a listener admits routes by a namespace Selector and namespace ${parent.route.namespace} is not in the input`;
}

function sameParent(route: GatewayRoute, a: ParentRef, b: ParentRef): boolean {
	return (
		a.name === b.name &&
		parentNamespace(route, a) === parentNamespace(route, b) &&
		(a.sectionName ?? '') === (b.sectionName ?? '') &&
		a.port === b.port
	);
}

/** The conditions the controller wrote for this parentRef (Accepted and ResolvedRefs only). */
export function observedConditions(route: GatewayRoute, parentRef: ParentRef): StatusCondition[] | undefined {
	const entry = route.statusParents.find((p) => sameParent(route, p.parentRef, parentRef));
	return entry?.conditions.filter((c) => c.type === 'Accepted' || c.type === 'ResolvedRefs');
}

/** True when the object's status says something else than the computed conditions. */
export function disagrees(computed: readonly Condition[], observed: readonly StatusCondition[] | undefined, hasStatus: boolean): boolean {
	if (!hasStatus) return false;
	if (!observed || observed.length === 0) return computed.length > 0;
	return computed.some((c) => {
		const o = observed.find((x) => x.type === c.type);
		return !o || o.status !== c.status || (o.reason !== '' && o.reason !== c.reason);
	});
}
