/**
 * What a live update carries over from the previous answer. When a watch batch changed only pods,
 * EndpointSlices and Endpoints (no Service added, removed or edited, no other kind, no pod of an
 * Ingress controller), a Service outside `affected` keeps its wiring object, and so everything
 * made from that wiring and objects that did not change comes out as before. The Ingress routing
 * table (ingress/reuse.ts) and the Gateway routes (gateway/index.ts, gateway/findings.ts) then
 * keep what they made for the routes that reach no affected Service, instead of making it again:
 * at 10,000 Services that was half of an update.
 *
 * The carry-over is registered on the new context for the length of the update only
 * (model/incremental.ts), so a context never holds on to the one before it.
 */
import type { ModelContext } from './context.js';
import type { RoutingTable } from './ingress/table.js';

export interface CarryOver {
	/** The previous answer's context and routing table. */
	previous: ModelContext;
	routing: RoutingTable;
	/** Keys (`ns/name`) of the Services whose wiring was made again. */
	affected: ReadonlySet<string>;
}

const carried = new WeakMap<ModelContext, CarryOver>();

export function carryOver(context: ModelContext, carry: CarryOver): void {
	carried.set(context, carry);
}

export function carriedOver(context: ModelContext): CarryOver | undefined {
	return carried.get(context);
}

export function endCarryOver(context: ModelContext): void {
	carried.delete(context);
}
