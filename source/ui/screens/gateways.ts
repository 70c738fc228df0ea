/**
 * The Gateways screen: the Gateway API routing table — per listener, the attached route rules in
 * precedence order with their backends and ready endpoints — with a status in front from the
 * findings on the row's route and Gateway; then the routes that are attached nowhere, with the
 * reason. Enter opens the backend Service. Built from what the model computed (gatewayTable);
 * nothing is recomputed here.
 */
import type { Analysis, ServiceStatus } from '../../model/analyze.js';
import { severityRank, type Finding } from '../../model/findings.js';
import { taggedGatewayFindings } from '../../model/gateway/findings.js';
import type { ParentStatus } from '../../model/gateway/index.js';
import { gatewayTable, type GatewayRow } from '../../model/gateway/table.js';
import { gatewayColumns as reportColumns } from '../../report/gateways.js';
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
	| { type: 'unattached'; parent: ParentStatus; findings: Finding[] };

type RuleRow = Extract<GatewayScreenRow, { type: 'rule' }>;

const isRule = (r: GatewayScreenRow): r is RuleRow => r.type === 'rule';

const unattachedCells: Record<string, (p: ParentStatus) => string> = {
	GATEWAY: (p) => p.gatewayKey,
	LISTENER: (p) => p.parentRef.sectionName ?? '-',
	HOST: (p) => p.route.hostnames.join(',') || '*',
	MATCH: (p) => p.reason ?? '',
	ROUTE: (p) => `${p.route.namespace}/${p.route.name}`,
	BACKENDS: (p) => p.detail,
};

function lift(header: string): UiColumn<GatewayScreenRow> {
	const col = reportColumns.find((c) => c.header === header)!;
	return {
		...col,
		cell: (r) => (isRule(r) ? col.cell(r.row) : (unattachedCells[header]?.(r.parent) ?? '')),
		tone: header === 'BACKENDS' ? (r) => (isRule(r) ? r.status : 'error') : undefined,
	};
}

export const gatewayScreenColumns: UiColumn<GatewayScreenRow>[] = [
	{ header: 'STATUS', cell: (r) => (isRule(r) ? statusLabel(r.status) : '✗ OUT'), tone: (r) => (isRule(r) ? r.status : 'error'), min: 7 },
	...reportColumns.map((c) => lift(c.header)),
];

function findingsOn(findings: readonly Finding[], kind: string, namespace: string, name: string): Finding[] {
	return findings.filter((f) => f.kind === kind && f.namespace === namespace && f.name === name);
}

const cache = new WeakMap<Analysis, Map<string, GatewayScreenRow[]>>();

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
	if (!isRule(r)) return { type: 'flash', message: `not attached: ${safe(r.parent.detail)}` };
	const backend = [...r.row.backends].sort((a, b) => b.ref.weight - a.ref.weight)[0];
	if (!backend) return { type: 'flash', message: 'this rule has no backendRefs' };
	const key = `${backend.namespace}/${backend.ref.name}`;
	if (!data.analysis.serviceByKey.has(key)) return { type: 'flash', message: `Service ${safe(key)} does not exist` };
	return { type: 'push', view: view('detail', { subject: key }) };
}

function preview(r: GatewayScreenRow | undefined, width: number): Line[] {
	if (!r) return [];
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
		empty: all.length === 0 ? 'No Gateway routes in scope (no Gateway, HTTPRoute or GRPCRoute).' : `No route matches /${safe(filter)}.`,
	};
}
