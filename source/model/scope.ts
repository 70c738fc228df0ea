/**
 * Which objects a report or screen covers, and in what order: computed here once, so `services`,
 * `ingresses`, `check` and the TUI list the same rows in the same order.
 */
import { compareServices, type Analysis, type ServiceAnalysis } from './analyze.js';
import type { RoutingRow, RoutingTable } from './ingress/table.js';

/** Which namespaces a report covers: one (-n) or every namespace in the snapshot. */
export interface Scope {
	namespace?: string;
}

/** Cluster-scoped objects (namespace '') are in every scope. */
export function inScope(scope: Scope, namespace: string): boolean {
	return scope.namespace === undefined || namespace === scope.namespace || namespace === '';
}

/** The Services in scope, broken first, then warnings, info, healthy; by namespace and name within each. */
export function servicesInScope(analysis: Analysis, scope: Scope): ServiceAnalysis[] {
	return analysis.services.filter((s) => inScope(scope, s.wiring.service.namespace)).sort(compareServices);
}

/** The routing rows in scope, in the table's order (hosts, paths, defaultBackends last). */
export function routingRowsInScope(table: RoutingTable, scope: Scope): RoutingRow[] {
	return table.rows.filter((r) => inScope(scope, r.namespace));
}
