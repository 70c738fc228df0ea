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

/**
 * `servicesInScope`, given the rows an earlier Analysis of the same stream had in the same scope
 * (a live update): the Services whose status did not change keep their relative order (the
 * order reads only status and name), so only those whose status changed are sorted and merged
 * in. A 10,000-Service update that changed a few statuses then costs a pass, not a sort. When
 * Services came or went, or many statuses changed, it sorts as `servicesInScope` does; either
 * way the rows are the same.
 */
export function servicesInScopeFrom(earlier: readonly ServiceAnalysis[], analysis: Analysis, scope: Scope): ServiceAnalysis[] {
	let count = 0;
	for (const s of analysis.services) if (inScope(scope, s.wiring.service.namespace)) count++;
	// The same Service twice (a key shared by two records): the keys cannot place them.
	if (analysis.serviceByKey.size !== analysis.services.length || earlier.length !== count) return servicesInScope(analysis, scope);
	const kept: ServiceAnalysis[] = [];
	const moved: ServiceAnalysis[] = [];
	for (const before of earlier) {
		const now = analysis.serviceByKey.get(before.wiring.key);
		if (!now || !inScope(scope, now.wiring.service.namespace)) return servicesInScope(analysis, scope);
		if (now.status === before.status) kept.push(now);
		else moved.push(now);
	}
	if (moved.length > 64) return servicesInScope(analysis, scope);
	moved.sort(compareServices);
	const rows: ServiceAnalysis[] = [];
	let k = 0;
	for (const m of moved) {
		while (k < kept.length && compareServices(kept[k]!, m) <= 0) rows.push(kept[k++]!);
		rows.push(m);
	}
	while (k < kept.length) rows.push(kept[k++]!);
	return rows;
}

/** The routing rows in scope, in the table's order (hosts, paths, defaultBackends last). */
export function routingRowsInScope(table: RoutingTable, scope: Scope): RoutingRow[] {
	return table.rows.filter((r) => inScope(scope, r.namespace));
}
