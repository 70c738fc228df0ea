/**
 * The Ingresses screen: the routing table of the chosen IngressClass, one row per (Ingress, host,
 * path) — the columns of `kubewire ingresses` with a status in front, from the findings the
 * model tagged to that row; Ingresses the class leaves out follow, with the reason. Enter opens
 * the backend Service.
 */
import { unreadText } from './unread-text.js';
import type { Analysis, ServiceStatus } from '../../model/analyze.js';
import type { Ingress } from '../../cluster/snapshot.js';
import type { Finding } from '../../model/findings.js';
import type { LeftOutIngress, RoutingRow } from '../../model/ingress/index.js';
import { ingressColumns as reportColumns } from '../../report/ingresses.js';
import { inScope } from '../../model/scope.js';
import { safe } from '../../report/safe-text.js';
import { statusLabel } from '../../report/status.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line } from '../lines.js';
import { view } from '../state/ui-state.js';
import type { UiAction } from '../state/reducer.js';
import { headerLine, rowLine, tableLayout, type UiColumn } from '../table.js';
import { countText, filterRows, type ScreenData, type TableScreen } from './screen-model.js';

export type IngressRow =
	| { type: 'route'; route: RoutingRow; status: ServiceStatus; findings: Finding[] }
	| { type: 'leftOut'; leftOut: LeftOutIngress };

type RouteRow = Extract<IngressRow, { type: 'route' }>;

function isRoute(r: IngressRow): r is RouteRow {
	return r.type === 'route';
}

const leftOutCells: Record<string, (l: LeftOutIngress) => string> = {
	NAMESPACE: (l) => l.namespace,
	INGRESS: (l) => l.name,
	PROBLEM: (l) => l.reason,
};

/** The report's columns, lifted to screen rows; a left-out Ingress fills only its name and reason. */
function lift(header: string): UiColumn<IngressRow> {
	const col = reportColumns.find((c) => c.header === header)!;
	return {
		...col,
		cell: (r) => (isRoute(r) ? col.cell(r.route) : (leftOutCells[header]?.(r.leftOut) ?? '')),
		tone: header === 'PROBLEM' || header === 'READY' ? (r) => (isRoute(r) ? r.status : 'plain') : undefined,
	};
}

export const ingressColumns: UiColumn<IngressRow>[] = [
	{
		header: 'STATUS',
		cell: (r) => (isRoute(r) ? statusLabel(r.status) : '- OUT'),
		tone: (r) => (isRoute(r) ? r.status : 'muted'),
		min: 7,
	},
	...reportColumns.map((c) => lift(c.header)),
];

const cache = new WeakMap<Analysis, Map<string, IngressRow[]>>();

export function ingressRowsIn(analysis: Analysis, namespace: string | undefined): IngressRow[] {
	let byNs = cache.get(analysis);
	if (!byNs) cache.set(analysis, (byNs = new Map()));
	const key = namespace ?? '\u0000all';
	let rows = byNs.get(key);
	if (!rows) {
		const table = analysis.routing;
		rows = [
			...table.rows
				.filter((r) => inScope({ namespace }, r.namespace))
				.map((route): IngressRow => ({ type: 'route', route, findings: route.findings, status: route.status })),
			...table.leftOut.filter((l) => inScope({ namespace }, l.namespace)).map((leftOut): IngressRow => ({ type: 'leftOut', leftOut })),
		];
		byNs.set(key, rows);
	}
	return rows;
}

/** The first row of an Ingress in the unfiltered table, or −1. */
export function ingressRowIndex(data: ScreenData, namespace: string, name: string): number {
	return ingressRowsIn(data.analysis, data.namespace).findIndex((r) =>
		isRoute(r) ? r.route.namespace === namespace && r.route.ingress === name : r.leftOut.namespace === namespace && r.leftOut.name === name,
	);
}

const haystacks = new WeakMap<IngressRow, string>();

function haystack(r: IngressRow): string {
	let text = haystacks.get(r);
	if (text === undefined) {
		text = [...ingressColumns.map((c) => c.cell(r)), ...(isRoute(r) ? r.findings.map((f) => f.code) : [r.leftOut.reason])].join(' ').toLowerCase();
		haystacks.set(r, text);
	}
	return text;
}

function openRow(r: IngressRow | undefined, data: ScreenData): UiAction | undefined {
	if (!r) return undefined;
	if (!isRoute(r)) return { type: 'flash', message: `left out of this class: ${safe(r.leftOut.reason)}` };
	const target = r.route.backend.target;
	if (target.service === '') return { type: 'flash', message: 'this backend is a resource, not a Service' };
	const key = `${r.route.namespace}/${target.service}`;
	if (!data.analysis.serviceByKey.has(key)) return { type: 'flash', message: `Service ${safe(key)} does not exist` };
	return { type: 'push', view: view('detail', { subject: key }) };
}

function preview(r: IngressRow | undefined, width: number, notes: ReadonlyMap<Ingress, string>): Line[] {
	if (!r) return [];
	if (!isRoute(r)) return wrap(safe(`left out: ${r.leftOut.reason}`), width, '  ').map((t) => [seg(t, 'muted')]);
	const note = notes.get(r.route.object);
	const noteLines = note ? wrap(safe(`note: ${note}`), width, '  ').map((t): Line => [seg(t, 'muted')]) : [];
	if (r.findings.length === 0) {
		return [[seg(r.route.shadowedBy ? `shadowed by ${safe(r.route.shadowedBy.namespace)}/${safe(r.route.shadowedBy.name)}` : '✓ no findings for this route', r.route.shadowedBy ? 'warning' : 'ok')], ...noteLines];
	}
	return [...r.findings.flatMap((f) => wrap(`${f.code} ${safe(f.message)}`, width, '      ').map((t) => [seg(t, f.severity)])), ...noteLines];
}

export function ingressesScreen(data: ScreenData, filter: string): TableScreen {
	const all = ingressRowsIn(data.analysis, data.namespace);
	const rows = filterRows(all, filter, haystack);
	const t = tableLayout(ingressColumns, all, data.width);
	const className = data.analysis.routing.className;
	return {
		kind: 'table',
		title: [
			seg(countText('Ingress routes', rows.length, all.length, safe(filter)), 'title', true),
			seg(className ? `  class ${safe(className)}` : '  no IngressClass chosen', 'muted'),
		],
		header: headerLine(t),
		count: rows.length,
		row: (i, selected) => rowLine(t, rows[i]!, selected),
		open: (i) => openRow(rows[i], data),
		preview: (i, width) => preview(rows[i], width, data.analysis.routing.classNotes),
		previewHeight: 3,
		empty: all.length > 0 ? `No route matches /${safe(filter)}.` : unreadText(data, 'ingresses', 'Ingresses') ?? `No Ingress rules${className ? ` of class ${safe(className)}` : ''} in scope.`,
	};
}
