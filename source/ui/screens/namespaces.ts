/**
 * The namespace picker (`n`): every namespace the snapshot knows, with how many Services each
 * holds and how many of them are broken; the first row returns to every namespace.
 */
import type { Analysis } from '../../model/analyze.js';
import { safe } from '../../report/safe-text.js';
import { seg } from '../lines.js';
import { headerLine, rowLine, tableLayout, type UiColumn } from '../table.js';
import { filterRows, type ScreenData, type TableScreen } from './screen-model.js';

export interface NamespaceRow {
	/** undefined: every namespace. */
	namespace?: string;
	services: number;
	broken: number;
}

const columns: UiColumn<NamespaceRow>[] = [
	{ header: 'NAMESPACE', cell: (r) => r.namespace ?? '(all namespaces)', min: 12, flexible: true, identifies: true },
	{ header: 'SERVICES', cell: (r) => String(r.services), min: 8, align: 'right' },
	{ header: 'BROKEN', cell: (r) => (r.broken > 0 ? `✗ ${r.broken}` : '-'), tone: (r) => (r.broken > 0 ? 'error' : 'muted'), min: 6, align: 'right' },
];

const cache = new WeakMap<Analysis, NamespaceRow[]>();

export function namespaceRows(analysis: Analysis): NamespaceRow[] {
	const hit = cache.get(analysis);
	if (hit) return hit;
	const counts = new Map<string, NamespaceRow>();
	const row = (ns: string) => {
		let r = counts.get(ns);
		if (!r) counts.set(ns, (r = { namespace: ns, services: 0, broken: 0 }));
		return r;
	};
	const snapshot = analysis.context.snapshot;
	for (const ns of snapshot.namespaces) row(ns.name);
	for (const p of snapshot.pods) row(p.namespace);
	for (const i of snapshot.ingresses) row(i.namespace);
	let broken = 0;
	for (const s of analysis.services) {
		const r = row(s.wiring.service.namespace);
		r.services++;
		if (s.status === 'error') {
			r.broken++;
			broken++;
		}
	}
	const rows = [
		{ namespace: undefined, services: analysis.services.length, broken },
		...[...counts.values()].filter((r) => r.namespace !== '').sort((a, b) => (a.namespace! < b.namespace! ? -1 : 1)),
	];
	cache.set(analysis, rows);
	return rows;
}

const known = new WeakMap<Analysis, ReadonlySet<string>>();

/**
 * The namespaces the input holds (those the picker lists), when that is all there is: files and
 * the demo. A live cluster's namespace may have no Services or pods yet: undefined, nothing refused.
 */
export function inputNamespaces(analysis: Analysis): ReadonlySet<string> | undefined {
	if (analysis.context.snapshot.origin.kind === 'live') return undefined;
	let set = known.get(analysis);
	if (!set) known.set(analysis, (set = new Set(namespaceRows(analysis).flatMap((r) => (r.namespace === undefined ? [] : [r.namespace])))));
	return set;
}

export function namespacesScreen(data: ScreenData, filter: string): TableScreen {
	const all = namespaceRows(data.analysis);
	const rows = filterRows(all, filter, (r) => (r.namespace ?? 'all').toLowerCase());
	const t = tableLayout(columns, all, data.width);
	return {
		kind: 'table',
		title: [seg('Pick a namespace', 'title', true), seg(`  now: ${data.namespace ? safe(data.namespace) : 'all'}`, 'muted')],
		header: headerLine(t),
		count: rows.length,
		row: (i, selected) => rowLine(t, rows[i]!, selected),
		open: (i) => (rows[i] ? { type: 'setNamespace', namespace: rows[i].namespace } : undefined),
		empty: `No namespace matches /${safe(filter)}.`,
	};
}
