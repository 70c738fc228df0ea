/**
 * The Problems screen: every finding in scope, worst first, then what could not be read (no
 * finding is drawn from those, so the user must see them). The selected finding's message and
 * hint are shown in full under the table; Enter goes to the object it is about.
 */
import { gatewayRowIndex } from './gateways.js';
import type { Unreadable } from '../../cluster/snapshot.js';
import type { Analysis } from '../../model/analyze.js';
import { catalogue, type Finding } from '../../model/findings.js';
import { findingsInScope, unreadableInScope, unreadableLine } from '../../report/check.js';
import { notInInput } from '../../model/readable.js';
import { safe } from '../../report/safe-text.js';
import { statusLabel } from '../../report/status.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line } from '../lines.js';
import { view } from '../state/ui-state.js';
import type { UiAction } from '../state/reducer.js';
import { headerLine, rowLine, tableLayout, type TableLayout, type UiColumn } from '../table.js';
import { ingressRowIndex } from './ingresses.js';
import { countText, filterRows, type ScreenData, type TableScreen } from './screen-model.js';

export type ProblemRow =
	| { type: 'finding'; finding: Finding }
	| { type: 'unreadable'; unreadable: Unreadable }
	/** The kinds the files held none of, in one row: nothing is concluded from them. */
	| { type: 'absent'; resources: string[] };

function objectText(row: ProblemRow): string {
	if (row.type === 'absent') return row.resources.join(', ');
	if (row.type === 'unreadable') return row.unreadable.resource + (row.unreadable.namespace ? ` in ${row.unreadable.namespace}` : '');
	const f = row.finding;
	return `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
}

export const problemColumns: UiColumn<ProblemRow>[] = [
	{
		header: 'SEVERITY',
		cell: (r) => (r.type === 'finding' ? statusLabel(r.finding.severity) : '? NOT READ'),
		tone: (r) => (r.type === 'finding' ? r.finding.severity : 'warning'),
		min: 7,
	},
	{ header: 'CODE', cell: (r) => (r.type === 'finding' ? r.finding.code : '-'), min: 5, dropOrder: 2 },
	{ header: 'OBJECT', cell: objectText, min: 14, flexible: true, identifies: true },
	{
		header: 'PROBLEM',
		cell: (r) => (r.type === 'finding' ? catalogue[r.finding.code].title : r.type === 'absent' ? notInInput : r.unreadable.reason),
		min: 12,
		flexible: true,
		dropOrder: 1,
	},
];

const cache = new WeakMap<Analysis, Map<string, ProblemRow[]>>();

export function problemsIn(analysis: Analysis, namespace: string | undefined): ProblemRow[] {
	let byNs = cache.get(analysis);
	if (!byNs) cache.set(analysis, (byNs = new Map()));
	const key = namespace ?? '\u0000all';
	let rows = byNs.get(key);
	if (!rows) {
		const unreadable = unreadableInScope(analysis, { namespace });
		const absent = unreadable.filter((u) => u.reason === notInInput).map((u) => u.resource);
		rows = [
			...findingsInScope(analysis, { namespace }).map((finding): ProblemRow => ({ type: 'finding', finding })),
			...unreadable.filter((u) => u.reason !== notInInput).map((u): ProblemRow => ({ type: 'unreadable', unreadable: u })),
			...(absent.length > 0 ? [{ type: 'absent', resources: absent } as const] : []),
		];
		byNs.set(key, rows);
	}
	return rows;
}

function haystack(row: ProblemRow): string {
	if (row.type === 'absent') return `${objectText(row)} ${notInInput}`.toLowerCase();
	if (row.type === 'unreadable') return `${objectText(row)} ${row.unreadable.reason}`.toLowerCase();
	const f = row.finding;
	return `${f.code} ${f.severity} ${objectText(row)} ${f.message} ${catalogue[f.code].title}`.toLowerCase();
}

/** Where Enter on a finding goes: its Service's detail, its Ingress's rows, or its route's or Gateway's rows. */
export function openProblem(row: ProblemRow | undefined, data: ScreenData): UiAction | undefined {
	if (!row) return undefined;
	if (row.type === 'unreadable') return { type: 'flash', message: 'nothing to open: this resource could not be read' };
	if (row.type === 'absent') return { type: 'flash', message: 'nothing to open: the input holds none of these' };
	const f = row.finding;
	if (f.kind === 'Service') {
		const key = `${f.namespace}/${f.name}`;
		if (data.analysis.serviceByKey.has(key)) return { type: 'push', view: view('detail', { subject: key }) };
	}
	if (f.kind === 'Ingress') {
		const index = ingressRowIndex(data, f.namespace, f.name);
		if (index >= 0) return { type: 'push', view: view('ingresses', { selected: index }) };
		return { type: 'flash', message: `Ingress ${safe(f.namespace)}/${safe(f.name)} has no row in the routing table` };
	}
	if (['Gateway', 'HTTPRoute', 'GRPCRoute'].includes(f.kind)) {
		const index = gatewayRowIndex(data, f.kind, f.namespace, f.name);
		if (index >= 0) return { type: 'push', view: view('gateways', { selected: index }) };
		return { type: 'flash', message: `${safe(f.kind)} ${safe(f.namespace)}/${safe(f.name)} has no row in the Gateways table (see kubewire gateways)` };
	}
	return { type: 'flash', message: `no screen shows ${safe(f.kind)} objects` };
}

export function problemPreview(row: ProblemRow | undefined, width: number): Line[] {
	if (!row) return [];
	if (row.type === 'unreadable') {
		return wrap(safe(unreadableLine(row.unreadable)), width, '  ').map((t) => [seg(t, 'warning')]);
	}
	if (row.type === 'absent') {
		const text = `not in the input: ${row.resources.join(', ')}. The files hold no object of these kinds, so no finding is drawn from their absence.`;
		return wrap(safe(text), width, '  ').map((t) => [seg(t)]);
	}
	const f = row.finding;
	return [
		...wrap(`${f.code} ${safe(f.message)}`, width, '      ').map((t) => [seg(t, f.severity)]),
		...wrap(`fix: ${safe(f.hint)}`, width, '     ').map((t) => [seg(t)]),
	];
}

export function problemsScreen(data: ScreenData, filter: string): TableScreen {
	const all = problemsIn(data.analysis, data.namespace);
	const rows = filterRows(all, filter, haystack);
	const t: TableLayout<ProblemRow> = tableLayout(problemColumns, all, data.width);
	return {
		kind: 'table',
		title: [seg(countText('Problems', rows.length, all.length, safe(filter)), 'title', true)],
		header: headerLine(t),
		count: rows.length,
		row: (i, selected) => rowLine(t, rows[i]!, selected),
		open: (i) => openProblem(rows[i], data),
		preview: (i, width) => problemPreview(rows[i], width),
		previewHeight: 4,
		empty: all.length === 0 ? 'No problems found: every Service in scope is wired to ready pods.' : `No problem matches /${safe(filter)}.`,
	};
}
