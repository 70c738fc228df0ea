/**
 * The Ingress routing model: per-class routing tables, route resolution and findings
 * KW501–KW509. Pure: objects in, answers out.
 */
import type { ModelContext } from '../context.js';
import type { Finding } from '../findings.js';
import { ingressFindingList } from './findings.js';
import { buildRoutingTable, type RoutingTable } from './table.js';

export type { RoutingRow, RoutingTable, LeftOutIngress } from './table.js';
export type { BackendResolution, BackendTarget } from './backend.js';
export type { ClassChoice } from './class.js';
export type { TlsBinding } from './tls.js';
export type { RouteAnswer } from './answer.js';
export { describeAnswer } from './answer.js';
export { route, RouteUrlError, type RouteMode, type RouteOptions, type RouteResult } from './route.js';
export { parseRequestUrl, type RequestUrl } from './url.js';
export { albActionAnnotation, portText, targetText } from './backend.js';
export { keepRouting, routingTableSteps, rowsToService, tableFindings } from './table.js';
export { routeModeFor } from './controller-classes.js';

/** The routing table of `className`, else of the default IngressClass, else of the only one. */
export function buildRouting(ctx: ModelContext, className?: string): RoutingTable {
	return buildRoutingTable(ctx, className);
}

/** KW501–KW509 for every Ingress in the snapshot, whatever its class. */
export function ingressFindings(ctx: ModelContext): Finding[] {
	return ingressFindingList(ctx);
}
