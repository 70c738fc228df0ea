/**
 * The route conditions kubewire computes (Accepted, ResolvedRefs per parentRef) next to the ones
 * the controller wrote in status.parents: where they disagree both are shown, because a
 * controller that is not running, or one that departs from the spec, is itself the answer.
 */
import type { GatewayRoute, ParentRef, StatusCondition } from '../../cluster/snapshot.js';
import type { ParentAttachment } from './attachment.js';
import type { BackendReason, BackendResolution } from './backends.js';
import { parentNamespace } from './refs.js';

export interface Condition {
	type: 'Accepted' | 'ResolvedRefs';
	/** 'Unknown' only when what the condition depends on could not be read. */
	status: 'True' | 'False' | 'Unknown';
	reason: string;
}

export interface ResolvedRefs {
	status: Condition['status'];
	reason: BackendReason | 'Unknown';
	/** The first backendRef that does not resolve (rule order). */
	failing?: BackendResolution;
}

/** ResolvedRefs for a route: False with the first failing reference's reason, in rule order. */
export function resolvedRefs(backends: readonly BackendResolution[]): ResolvedRefs {
	const failing = backends.find((b) => b.reason !== undefined && b.reason !== 'ResolvedRefs');
	if (failing) return { status: 'False', reason: failing.reason!, failing };
	if (backends.some((b) => b.reason === undefined)) return { status: 'Unknown', reason: 'Unknown' };
	return { status: 'True', reason: 'ResolvedRefs' };
}

export function conditionsOf(parent: ParentAttachment, refs: ResolvedRefs): Condition[] {
	const accepted: Condition =
		parent.accepted === undefined
			? { type: 'Accepted', status: 'Unknown', reason: 'Pending' }
			: { type: 'Accepted', status: parent.accepted ? 'True' : 'False', reason: parent.reason ?? '' };
	return [accepted, { type: 'ResolvedRefs', status: refs.status, reason: refs.reason === 'Unknown' ? 'Pending' : refs.reason }];
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
	if (!observed || observed.length === 0) return computed.some((c) => c.status !== 'Unknown');
	return computed.some((c) => {
		if (c.status === 'Unknown') return false;
		const o = observed.find((x) => x.type === c.type);
		return !o || o.status !== c.status || (o.reason !== '' && o.reason !== c.reason);
	});
}
