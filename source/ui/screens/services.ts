/**
 * The Services screen: one row per Service in scope, broken first, then warnings, then healthy —
 * the same rows and columns as `kubewire services`, with the status and problem coloured.
 */
import type { Analysis, ServiceAnalysis } from '../../model/analyze.js';
import { servicesInScope, servicesInScopeFrom } from '../../model/scope.js';
import { serviceColumns } from '../../report/services.js';
import { statusSymbol, statusWord } from '../../report/status.js';
import { safe } from '../../report/safe-text.js';
import { portsText, problemText, clusterIPText } from '../../report/services.js';
import { seg, type Line } from '../lines.js';
import { view } from '../state/ui-state.js';
import { headerLine, measureSteps, rowLine, tableLayout, type TableLayout, type UiColumn } from '../table.js';
import type { Steps } from '../../model/steps.js';
import { countText, filterRows, type ScreenData, type TableScreen } from './screen-model.js';

const statusCols = new Set(['STATUS', 'PROBLEM']);

const wiringOf = (s: ServiceAnalysis) => s.wiring;

// STATUS and PROBLEM follow the findings; every other cell is a fact of the Service's wiring.
export const serviceUiColumns: UiColumn<ServiceAnalysis>[] = serviceColumns.map((c) =>
	statusCols.has(c.header) ? { ...c, tone: (s: ServiceAnalysis) => s.status } : { ...c, dependsOn: wiringOf },
);

const scoped = new WeakMap<Analysis, Map<string, ServiceAnalysis[]>>();
/**
 * The rows last computed for each scope, of whichever Analysis: the next Analysis's rows start
 * from them (a live update changes few statuses; see servicesInScopeFrom, right from any rows).
 */
const latest = new Map<string, ServiceAnalysis[]>();

/** Services in the namespace (or all), sorted worst first; computed once per Analysis. */
export function servicesIn(analysis: Analysis, namespace: string | undefined): ServiceAnalysis[] {
	let byNs = scoped.get(analysis);
	if (!byNs) scoped.set(analysis, (byNs = new Map()));
	const key = namespace ?? '\u0000all';
	let rows = byNs.get(key);
	if (!rows) {
		const earlier = latest.get(key);
		rows = earlier ? servicesInScopeFrom(earlier, analysis, { namespace }) : servicesInScope(analysis, { namespace });
		byNs.set(key, rows);
		latest.set(key, rows);
	}
	return rows;
}

const haystacks = new WeakMap<ServiceAnalysis, string>();
const wiringText = new WeakMap<ServiceAnalysis['wiring'], string>();

/** What `/` searches in a row; the wiring's part is kept per wiring record, as the widths are. */
function haystack(s: ServiceAnalysis): string {
	let text = haystacks.get(s);
	if (text === undefined) {
		let wired = wiringText.get(s.wiring);
		if (wired === undefined) wiringText.set(s.wiring, (wired = [s.wiring.key, s.wiring.service.type, clusterIPText(s), portsText(s)].join(' ').toLowerCase()));
		text = [wired, ...[statusWord[s.status], problemText(s), ...s.findings.map((f) => f.code)].map((t) => t.toLowerCase())].join(' ');
		haystacks.set(s, text);
	}
	return text;
}

const layouts = new WeakMap<readonly ServiceAnalysis[], Map<number, TableLayout<ServiceAnalysis>>>();

/** Column widths come from every row in scope, so they stay put while a filter is typed. */
function layoutFor(rows: readonly ServiceAnalysis[], width: number): TableLayout<ServiceAnalysis> {
	let byWidth = layouts.get(rows);
	if (!byWidth) layouts.set(rows, (byWidth = new Map()));
	let t = byWidth.get(width);
	if (!t) {
		t = tableLayout(serviceUiColumns, rows, width);
		byWidth.set(width, t);
	}
	return t;
}

/** `✗ 3 error  ! 2 warn  ✓ 7 ok`: how many Services are in each state. */
export function statusCounts(rows: readonly ServiceAnalysis[]): Line {
	// An outline (a large cluster's first frame) has no statuses yet: say they are coming.
	if (rows.some((s) => s.status === 'pending')) return [seg('  '), seg('… checking every Service', 'pending')];
	const n = { error: 0, warning: 0, info: 0, ok: 0, pending: 0 };
	for (const s of rows) n[s.status]++;
	const line: Line = [];
	for (const status of ['error', 'warning', 'info', 'ok'] as const) {
		if (n[status] === 0 && status !== 'ok' && status !== 'error') continue;
		line.push(seg('  '), seg(`${statusSymbol[status]} ${n[status]} ${statusWord[status].toLowerCase()}`, status));
	}
	return line;
}

/**
 * What drawing the Services screen of a new Analysis costs on a large cluster (its rows in order,
 * their widths), in steps: run in slices before a live update is shown, so the frame that shows
 * it only reads what these computed.
 */
export function* prepareServices(data: ScreenData, filter: string): Steps<void> {
	const all = servicesIn(data.analysis, data.namespace);
	yield;
	yield* measureSteps(serviceUiColumns, all);
	if (filter.trim() === '') return;
	// What `/` searches, for each row (the filter then only compares).
	for (const [i, row] of all.entries()) {
		haystack(row);
		if (i % 1000 === 999) yield;
	}
}

export function servicesScreen(data: ScreenData, filter: string): TableScreen {
	const all = servicesIn(data.analysis, data.namespace);
	const rows = filterRows(all, filter, haystack);
	const t = layoutFor(all, data.width);
	return {
		kind: 'table',
		title: [
			seg(countText('Services', rows.length, all.length, safe(filter)), 'title', true),
			// The counts are of the rows shown: "1 of 41 matching" beside "8 error" read as if the match had errors.
			...(data.loading ? [seg('  '), seg(`… loading ${data.loading}`, 'pending')] : statusCounts(rows)),
		],
		header: headerLine(t),
		count: rows.length,
		row: (i, selected) => rowLine(t, rows[i]!, selected),
		open: (i) => {
			const s = rows[i];
			return s ? { type: 'push', view: view('detail', { subject: s.wiring.key }) } : undefined;
		},
		keyAt: (i) => rows[i]?.wiring.key,
		indexOfKey: (key) => rows.findIndex((s) => s.wiring.key === key),
		empty:
			all.length === 0
				? data.namespace
					? `No Services in namespace ${safe(data.namespace)} (n picks another).`
					: 'No Services in this snapshot.'
				: `No Service matches /${safe(filter)} (Esc clears the filter).`,
	};
}
