/**
 * The Gateways screen: the Gateway API routing table — per listener, the attached route rules in
 * precedence order with their backends and ready endpoints — with a status in front from the
 * findings on the row's route and Gateway (NOPROG when no controller programs the Gateway), and a
 * listener no route attaches to as a row of its own (IDLE, or what is wrong with it), so an
 * unprogrammed Gateway or a broken listener is seen; the preview gives the row's attachment
 * conditions; then the routes that are attached nowhere, with the
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
import { classProblemShort } from '../../model/gateway/programmed.js';
import type { ParentStatus, RouteState } from '../../model/gateway/index.js';
import { gatewayTable, type GatewayRow, type ListenerRow } from '../../model/gateway/table.js';
import { backendsCell, gatewayColumns as reportColumns, meshServices, noGatewayParentReason, unmodelledBackendsText } from '../../report/gateways.js';
import { attachmentPreview, listenerPreview } from './gateway-preview.js';
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
	/** A listener no route rule is attached to: shown so a Gateway nobody programs, or a broken listener, is not missed. */
	| { type: 'listener'; listener: ListenerRow; status: ServiceStatus; findings: Finding[] }
	| { type: 'unattached'; parent: ParentStatus; findings: Finding[] }
	/** A route with no Gateway parent: a mesh route (its parents are Services), or one that names no Gateway. */
	| { type: 'elsewhere'; state: RouteState; findings: Finding[] }
	/** A TCPRoute, TLSRoute or UDPRoute: listed, not judged (model/gateway/unmodelled.ts). */
	| { type: 'unmodelled'; route: UnmodelledRoute; findings: Finding[] };

const listenerCells: Record<string, (l: ListenerRow) => string> = {
	GATEWAY: (l) => `${l.gateway.gateway.namespace}/${l.gateway.gateway.name}`,
	LISTENER: (l) => l.listener.name,
	HOST: (l) => l.listener.hostname || '*',
	MATCH: (l) => `${l.listener.protocol} :${l.listener.port}`,
	// No route to name: the Gateway instead, as GATEWAY is the first column to give way.
	ROUTE: (l) => `(none on ${l.gateway.gateway.namespace}/${l.gateway.gateway.name})`,
	BACKENDS: (l) =>
		l.unmodelledKinds.length > 0
			? `${l.unmodelledKinds.join('/')} not modelled`
			: `no route attached${l.gateway.missingClass ? `, not programmed (${classProblemShort(l.gateway.missingClass)})` : ''}`,
};

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
	if (r.type === 'listener') return listenerCells[header]?.(r.listener) ?? '';
	if (r.type === 'unattached') return unattachedCells[header]?.(r.parent) ?? '';
	if (r.type === 'unmodelled') return unmodelledCells[header]?.(r.route) ?? '';
	return elsewhereCells[header]?.(r.state) ?? '';
}

/** The mark of a rule with no finding one of whose backends is not judged. */
export const unjudgedMark = '? UNJUDGED';

function unjudgedRule(row: GatewayRow): boolean {
	const parents = row.state.parents.filter((p) => p.gateway === row.gateway.gateway);
	return row.backends.some((b) => b.reason === undefined) || parents.some((p) => p.accepted === undefined);
}

/** The row's colour: a rule's or listener's status; red for a route its Gateway refuses; muted for one kubewire does not judge. */
function toneOf(r: GatewayScreenRow): ServiceStatus {
	if (r.type === 'listener' && r.findings.length === 0) return 'pending';
	if (r.type === 'rule' && r.status === 'ok' && unjudgedRule(r.row)) return 'pending';
	return r.type === 'rule' || r.type === 'listener' ? r.status : r.type === 'unattached' ? 'error' : 'pending';
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
 * STATUS: a rule's status (UNJUDGED for one without findings whose backend could not be judged), NOPROG when its Gateway is not programmed (no controller takes it:
 * nothing serves the rule, whatever its backends); a listener without routes: its status, or IDLE
 * when nothing is wrong with it; OUT for a route its Gateway refuses; MESH, LSET (through a
 * ListenerSet) or NONE for a route no Gateway is asked to carry; TCP, TLS or UDP for a route of a
 * kind kubewire does not model.
 */
function statusOf(r: GatewayScreenRow): string {
	if (r.type === 'rule' || r.type === 'listener') {
		const gateway = r.type === 'rule' ? r.row.gateway : r.listener.gateway;
		if (gateway.missingClass) return '✗ NOPROG';
		if (r.type === 'listener') return r.findings.length === 0 ? '- IDLE' : statusLabel(r.status);
		// Nothing found is not OK when a backend could not be judged (no Services or grants given, a kind of another API group).
		return r.status === 'ok' && unjudgedRule(r.row) ? unjudgedMark : statusLabel(r.status);
	}
	if (r.type === 'unattached') return '✗ OUT';
	// TCPRoute → TCP: the kind, in the width of the other labels.
	if (r.type === 'unmodelled') return `- ${r.route.kind.replace(/Route$/, '').toUpperCase()}`;
	return meshServices(r.state).length > 0 ? '- MESH' : listenerSetsOf(r.state).length > 0 ? '- LSET' : '- NONE';
}

export const gatewayScreenColumns: UiColumn<GatewayScreenRow>[] = [
	{ header: 'STATUS', cell: statusOf, tone: toneOf, min: 8 },
	...reportColumns.map((c) => lift(c.header)),
];

function findingsOn(findings: readonly Finding[], kind: string, namespace: string, name: string): Finding[] {
	return findings.filter((f) => f.kind === kind && f.namespace === namespace && f.name === name);
}

const cache = new WeakMap<Analysis, Map<string, GatewayScreenRow[]>>();

/** The first row of the Gateways screen for a route or a Gateway: where Enter on its finding goes. */
export function gatewayRowIndex(data: ScreenData, kind: string, namespace: string, name: string): number {
	return gatewayRowsIn(data.analysis, data.namespace).findIndex((r) => {
		if (kind === 'Gateway') {
			const g = r.type === 'rule' ? r.row.gateway.gateway : r.type === 'listener' ? r.listener.gateway.gateway : undefined;
			return g?.namespace === namespace && g.name === name;
		}
		if (r.type === 'listener') return false;
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
	const onGateway = (g: { namespace: string; name: string }, listener?: string) => (t: (typeof tagged)[number]) =>
		t.finding.kind === 'Gateway' && t.finding.namespace === g.namespace && t.finding.name === g.name && (t.listener === undefined || t.listener === listener);
	const bySeverity = (a: Finding, b: Finding) => severityRank[a.severity] - severityRank[b.severity];
	const ruleRows = new Map<ListenerRow['listener'], GatewayScreenRow[]>();
	for (const row of table.rows) {
		if (!(inScope(scope, row.gateway.gateway.namespace) || inScope(scope, row.state.route.namespace))) continue;
		const g = row.gateway.gateway;
		const route = row.state.route;
		// Findings on the route (a backend finding only on its own rule) and on the Gateway.
		const mine = tagged
			.filter((t) => (t.finding.kind === route.kind && t.finding.namespace === route.namespace && t.finding.name === route.name && (t.rule === undefined || t.rule === row.ruleIndex)) || onGateway(g, row.listener.name)(t))
			.map((t) => t.finding)
			.sort(bySeverity);
		const list = ruleRows.get(row.listener) ?? [];
		list.push({ type: 'rule', row, findings: mine, status: mine[0]?.severity ?? 'ok' });
		ruleRows.set(row.listener, list);
	}
	rows = [
		// Listener by listener: its rules, or the listener itself when no rule is attached to it.
		...table.listeners.flatMap((listener): GatewayScreenRow[] => {
			const rules = ruleRows.get(listener.listener);
			if (rules) return rules;
			// A TCP or TLS listener's routes are listed below as routes kubewire does not model.
			if (!inScope(scope, listener.gateway.gateway.namespace) || listener.unmodelledRoutes.length > 0) return [];
			const findings = tagged.filter(onGateway(listener.gateway.gateway, listener.listener.name)).map((t) => t.finding).sort(bySeverity);
			return [{ type: 'listener', listener, findings, status: findings[0]?.severity ?? 'ok' }];
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
	if (r.type === 'listener') return { type: 'flash', message: `no route is attached to listener ${safe(r.listener.listener.name)}` };
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

/** The rule's parentRef that attached it to this row's Gateway listener. */
function parentOf(row: GatewayRow): ParentStatus | undefined {
	const key = `${row.gateway.gateway.namespace}/${row.gateway.gateway.name}`;
	return row.state.parents.find((p) => p.gatewayKey === key && p.listeners.some((l) => l.listener === row.listener));
}

function preview(r: GatewayScreenRow | undefined, width: number): Line[] {
	if (!r) return [];
	if (r.type === 'unmodelled') return wrap(safe(`${r.route.kind} ${r.route.namespace}/${r.route.name} → ${unmodelledBackendsText(r.route)}: kubewire does not model ${r.route.kind}, so it is listed, not judged`), width, '      ').map((t) => [seg(t, 'muted')]);
	if (r.type === 'elsewhere' && r.findings.length === 0) return wrap(noGatewayParentReason(r.state), width, '      ').map((t) => [seg(t, 'muted')]);
	const findings = r.findings.flatMap((f) => wrap(`${f.code} ${safe(f.message)}`, width, '      ').map((t): Line => [seg(t, f.severity)]));
	if (r.type === 'listener') return [...listenerPreview(r.listener, width), ...findings];
	const parent = r.type === 'rule' ? parentOf(r.row) : r.type === 'unattached' ? r.parent : undefined;
	// The attachment first, in one line: it is what a Gateway's status would say about the row.
	const attachment = parent ? attachmentPreview(parent, width) : [];
	// The BACKENDS cell is often cut (a traffic split names several): whole here, with the weights.
	const backends = r.type === 'rule' ? wrap(safe(`→ ${backendsCell(r.row)}`), width, '      ').map((t): Line => [seg(t, 'muted')]) : [];
	if (findings.length === 0) return [[seg('✓ no findings for this rule', 'ok')], ...backends, ...attachment];
	return [...backends, ...attachment, ...findings];
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
