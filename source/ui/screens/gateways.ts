/**
 * The Gateways screen: the Gateway API routing table — per listener, the attached route rules in
 * precedence order with their backends and ready endpoints — with a status in front from the
 * findings on the row's route and Gateway; then the routes that are attached nowhere, with the
 * reason; then the routes no Gateway is asked to carry (mesh routes, whose parents are Services,
 * shown so they are not missed, and not judged). Enter opens the backend Service, or a mesh
 * route's Service; then the TCPRoutes, TLSRoutes and UDPRoutes of the input, which kubewire does not
 * model: listed (muted) so they are not missed, Enter opening their backend. Built from what the
 * model computed (gatewayTable);
 * nothing is recomputed here.
 */
import { unreadText } from './unread-text.js';
import type { Analysis, ServiceStatus } from '../../model/analyze.js';
import { severityRank, type Finding } from '../../model/findings.js';
import { taggedGatewayFindings } from '../../model/gateway/findings.js';
import type { ParentStatus, RouteState } from '../../model/gateway/index.js';
import { gatewayTable, type GatewayRow } from '../../model/gateway/table.js';
import { gatewayColumns as reportColumns, meshServices, noGatewayParentReason, unmodelledBackendsText } from '../../report/gateways.js';
import { isGatewayParent, isListenerSetParent, parentKey, serviceBackendKeys } from '../../model/gateway/refs.js';
import type { UnmodelledRoute } from '../../cluster/snapshot.js';
import { safe } from '../../report/safe-text.js';
import { inScope } from '../../model/scope.js';
import { statusLabel } from '../../report/status.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line } from '../lines.js';
import type { UiAction } from '../state/reducer.js';
import { view } from '../state/ui-state.js';
import { headerLine, rowLine, tableLayout, type UiColumn } from '../table.js';
import { countText, filterRows, type ScreenData, type TableScreen } from './screen-model.js';

export type GatewayScreenRow =
	| { type: 'rule'; row: GatewayRow; status: ServiceStatus; findings: Finding[] }
	| { type: 'unattached'; parent: ParentStatus; findings: Finding[] }
	/** A route with no Gateway parent: a mesh route (its parents are Services), or one that names no Gateway. */
	| { type: 'elsewhere'; state: RouteState; findings: Finding[] }
	/** A TCPRoute, TLSRoute or UDPRoute: listed, not judged (model/gateway/unmodelled.ts). */
	| { type: 'unmodelled'; route: UnmodelledRoute; findings: Finding[] };

const unattachedCells: Record<string, (p: ParentStatus) => string> = {
	GATEWAY: (p) => p.gatewayKey,
	LISTENER: (p) => p.parentRef.sectionName ?? '-',
	HOST: (p) => p.route.hostnames.join(',') || '*',
	MATCH: (p) => p.reason ?? '',
	ROUTE: (p) => `${p.route.namespace}/${p.route.name}`,
	BACKENDS: (p) => p.detail,
};

/** The ListenerSets a route names as parents (`ns/name`): listeners of a Gateway kubewire does not model. */
function listenerSetsOf(s: RouteState): string[] {
	return s.route.parentRefs.filter(isListenerSetParent).map((ref) => parentKey(s.route, ref));
}

const elsewhereCells: Record<string, (s: RouteState) => string> = {
	GATEWAY: (s) => (meshServices(s).length > 0 ? 'mesh' : listenerSetsOf(s).join(',') || '-'),
	LISTENER: (s) => s.route.parentRefs.filter(isListenerSetParent).map((ref) => ref.sectionName).filter(Boolean).join(',') || '-',
	HOST: (s) => s.route.hostnames.join(',') || '*',
	ROUTE: (s) => `${s.route.namespace}/${s.route.name}`,
	BACKENDS: noGatewayParentReason,
};

const unmodelledCells: Record<string, (r: UnmodelledRoute) => string> = {
	GATEWAY: (r) => r.parentRefs.filter(isGatewayParent).map((ref) => parentKey(r, ref)).join(',') || '-',
	LISTENER: (r) => r.parentRefs.map((ref) => ref.sectionName).filter(Boolean).join(',') || '-',
	HOST: (r) => r.hostnames.join(',') || '*',
	ROUTE: (r) => `${r.namespace}/${r.name}`,
	BACKENDS: (r) => `${unmodelledBackendsText(r)} (${r.kind}: not modelled)`,
};

function cellOf(r: GatewayScreenRow, header: string, col: (typeof reportColumns)[number]): string {
	if (r.type === 'rule') return col.cell(r.row);
	if (r.type === 'unattached') return unattachedCells[header]?.(r.parent) ?? '';
	if (r.type === 'unmodelled') return unmodelledCells[header]?.(r.route) ?? '';
	return elsewhereCells[header]?.(r.state) ?? '';
}

/** The row's colour: a rule's status; red for a route its Gateway refuses; muted for one kubewire does not judge. */
function toneOf(r: GatewayScreenRow): ServiceStatus {
	return r.type === 'rule' ? r.status : r.type === 'unattached' ? 'error' : 'pending';
}

function lift(header: string): UiColumn<GatewayScreenRow> {
	const col = reportColumns.find((c) => c.header === header)!;
	return {
		...col,
		cell: (r) => cellOf(r, header, col),
		tone: header === 'BACKENDS' ? toneOf : undefined,
	};
}

/**
 * STATUS: a rule's status; OUT for a route its Gateway refuses; MESH, LSET (through a
 * ListenerSet) or NONE for a route no Gateway is asked to carry; TCP, TLS or UDP for a route of a
 * kind kubewire does not model.
 */
function statusOf(r: GatewayScreenRow): string {
	if (r.type === 'rule') return statusLabel(r.status);
	if (r.type === 'unattached') return '✗ OUT';
	// TCPRoute → TCP: the kind, in the width of the other labels.
	if (r.type === 'unmodelled') return `- ${r.route.kind.replace(/Route$/, '').toUpperCase()}`;
	return meshServices(r.state).length > 0 ? '- MESH' : listenerSetsOf(r.state).length > 0 ? '- LSET' : '- NONE';
}

export const gatewayScreenColumns: UiColumn<GatewayScreenRow>[] = [
	{ header: 'STATUS', cell: statusOf, tone: toneOf, min: 7 },
	...reportColumns.map((c) => lift(c.header)),
];

function findingsOn(findings: readonly Finding[], kind: string, namespace: string, name: string): Finding[] {
	return findings.filter((f) => f.kind === kind && f.namespace === namespace && f.name === name);
}

const cache = new WeakMap<Analysis, Map<string, GatewayScreenRow[]>>();

/** The first row of the Gateways screen for a route or a Gateway: where Enter on its finding goes. */
export function gatewayRowIndex(data: ScreenData, kind: string, namespace: string, name: string): number {
	return gatewayRowsIn(data.analysis, data.namespace).findIndex((r) => {
		if (kind === 'Gateway') return r.type === 'rule' && r.row.gateway.gateway.namespace === namespace && r.row.gateway.gateway.name === name;
		const route = r.type === 'rule' ? r.row.state.route : r.type === 'unattached' ? r.parent.route : r.type === 'elsewhere' ? r.state.route : r.route;
		return route.kind === kind && route.namespace === namespace && route.name === name;
	});
}

export function gatewayRowsIn(analysis: Analysis, namespace: string | undefined): GatewayScreenRow[] {
	let byNs = cache.get(analysis);
	if (!byNs) cache.set(analysis, (byNs = new Map()));
	const key = namespace ?? '\u0000all';
	let rows = byNs.get(key);
	if (rows) return rows;
	const table = gatewayTable(analysis.context);
	const scope = { namespace };
	const tagged = taggedGatewayFindings(analysis.context);
	rows = [
		...table.rows
			.filter((r) => inScope(scope, r.gateway.gateway.namespace) || inScope(scope, r.state.route.namespace))
			.map((row): GatewayScreenRow => {
				const g = row.gateway.gateway;
				const route = row.state.route;
				// Findings on the route (a backend finding only on its own rule) and on the Gateway.
				const mine = tagged
					.filter((t) => (t.finding.kind === route.kind && t.finding.namespace === route.namespace && t.finding.name === route.name && (t.rule === undefined || t.rule === row.ruleIndex)) || (t.finding.kind === 'Gateway' && t.finding.namespace === g.namespace && t.finding.name === g.name && (t.listener === undefined || t.listener === row.listener.name)))
					.map((t) => t.finding)
					.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
				return { type: 'rule', row, findings: mine, status: mine[0]?.severity ?? 'ok' };
			}),
		...table.routes
			.filter((s) => inScope(scope, s.route.namespace))
			.flatMap((s) => s.parents.filter((p) => p.accepted === false))
			.map((parent): GatewayScreenRow => ({ type: 'unattached', parent, findings: findingsOn(analysis.findings, parent.route.kind, parent.route.namespace, parent.route.name) })),
		...table.routes
			.filter((s) => s.parents.length === 0 && inScope(scope, s.route.namespace))
			.map((state): GatewayScreenRow => ({ type: 'elsewhere', state, findings: findingsOn(analysis.findings, state.route.kind, state.route.namespace, state.route.name) })),
		...table.unmodelled.filter((route) => inScope(scope, route.namespace)).map((route): GatewayScreenRow => ({ type: 'unmodelled', route, findings: [] })),
	];
	byNs.set(key, rows);
	return rows;
}

const haystacks = new WeakMap<GatewayScreenRow, string>();

function haystack(r: GatewayScreenRow): string {
	let text = haystacks.get(r);
	if (text === undefined) {
		text = [...gatewayScreenColumns.map((c) => c.cell(r)), ...r.findings.map((f) => f.code)].join(' ').toLowerCase();
		haystacks.set(r, text);
	}
	return text;
}

/** Enter: the Service the rule sends to (the largest share), or why there is none. */
function openRow(r: GatewayScreenRow | undefined, data: ScreenData): UiAction | undefined {
	if (!r) return undefined;
	if (r.type === 'unattached') return { type: 'flash', message: `not attached: ${safe(r.parent.detail)}` };
	if (r.type === 'unmodelled') {
		const backend = serviceBackendKeys(r.route, r.route.backendRefs).find((key) => data.analysis.serviceByKey.has(key));
		return backend ? { type: 'push', view: view('detail', { subject: backend }) } : { type: 'flash', message: `${r.route.kind}: no backend Service in the input` };
	}
	if (r.type === 'elsewhere') {
		// A mesh route's parent is the Service whose traffic it shapes: that is where to look next.
		const parent = meshServices(r.state).find((key) => data.analysis.serviceByKey.has(key));
		// A route through a ListenerSet still sends to its backends: the first that exists.
		const backends = r.state.route.rules.flatMap((rule) => serviceBackendKeys(r.state.route, rule.backendRefs));
		const backend = listenerSetsOf(r.state).length > 0 ? backends.find((key) => data.analysis.serviceByKey.has(key)) : undefined;
		const subject = parent ?? backend;
		return subject ? { type: 'push', view: view('detail', { subject }) } : { type: 'flash', message: noGatewayParentReason(r.state) };
	}
	const backend = [...r.row.backends].sort((a, b) => b.ref.weight - a.ref.weight)[0];
	if (!backend) return { type: 'flash', message: 'this rule has no backendRefs' };
	const key = `${backend.namespace}/${backend.ref.name}`;
	if (!data.analysis.serviceByKey.has(key)) return { type: 'flash', message: `Service ${safe(key)} does not exist` };
	return { type: 'push', view: view('detail', { subject: key }) };
}

function preview(r: GatewayScreenRow | undefined, width: number): Line[] {
	if (!r) return [];
	if (r.type === 'unmodelled') return wrap(safe(`${r.route.kind} ${r.route.namespace}/${r.route.name} → ${unmodelledBackendsText(r.route)}: kubewire does not model ${r.route.kind}, so it is listed, not judged`), width, '      ').map((t) => [seg(t, 'muted')]);
	if (r.type === 'elsewhere' && r.findings.length === 0) return wrap(noGatewayParentReason(r.state), width, '      ').map((t) => [seg(t, 'muted')]);
	if (r.findings.length === 0) return [[seg('✓ no findings for this rule', 'ok')]];
	return r.findings.flatMap((f) => wrap(`${f.code} ${safe(f.message)}`, width, '      ').map((t) => [seg(t, f.severity)]));
}

export function gatewaysScreen(data: ScreenData, filter: string): TableScreen {
	const all = gatewayRowsIn(data.analysis, data.namespace);
	const rows = filterRows(all, filter, haystack);
	const t = tableLayout(gatewayScreenColumns, all, data.width);
	return {
		kind: 'table',
		title: [seg(countText('Gateway routes', rows.length, all.length, safe(filter)), 'title', true)],
		header: headerLine(t),
		count: rows.length,
		row: (i, selected) => rowLine(t, rows[i]!, selected),
		open: (i) => openRow(rows[i], data),
		preview: (i, width) => preview(rows[i], width),
		previewHeight: 3,
		empty: all.length > 0 ? `No route matches /${safe(filter)}.` : unreadText(data, 'httproutes', 'HTTPRoutes') ?? 'No Gateway routes in scope (no Gateway, HTTPRoute or GRPCRoute).',
	};
}
