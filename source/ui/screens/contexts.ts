/**
 * The context picker (`:ctx`, live sessions): the kubeconfig's contexts with their servers and
 * namespaces, the one in use marked. Enter switches to the selected context without restarting
 * (the app closes the old stream and opens the new one); a switch that failed is one line in the
 * title, and r tries it again.
 */
import type { SnapshotStream } from '../../cluster/snapshot.js';
import { safe } from '../../report/safe-text.js';
import { seg, type Line } from '../lines.js';
import { headerLine, rowLine, tableLayout, type UiColumn } from '../table.js';
import { filterRows, type ScreenData, type TableScreen } from './screen-model.js';

export interface ContextEntry {
	name: string;
	/** The server of the context's cluster ('' when the kubeconfig does not define it). */
	server: string;
	/** The context's namespace ('' when it names none). */
	namespace: string;
}

/** What the picker shows; absent from ScreenData when the session is not live. */
export interface ContextsData {
	entries: readonly ContextEntry[];
	/** The context in use. */
	current: string;
	/** One line: why the kubeconfig could not be listed, or why the last switch failed. */
	error?: string;
	/** The context being opened, while it is. */
	switching?: string;
}

/** What a live session hands the app for `:ctx`: the contexts, and a way to open one. */
export interface ContextSwitcher {
	entries: readonly ContextEntry[];
	/** Why the kubeconfig's contexts could not be listed (one line). */
	error?: string;
	/** Opens a watched stream on the context; rejects with the one-line reason. */
	open(context: string): Promise<SnapshotStream>;
}

interface ContextRow extends ContextEntry {
	current: boolean;
}

const columns: UiColumn<ContextRow>[] = [
	{ header: ' ', cell: (r) => (r.current ? '●' : ' '), min: 1, tone: (r) => (r.current ? 'ok' : 'muted') },
	{ header: 'CONTEXT', cell: (r) => safe(r.name), min: 12, flexible: true, identifies: true },
	{ header: 'SERVER', cell: (r) => safe(r.server) || '-', min: 10, flexible: true },
	{ header: 'NAMESPACE', cell: (r) => safe(r.namespace) || '-', min: 9 },
];

function titleOf(contexts: ContextsData | undefined): Line {
	const title: Line = [seg('Contexts', 'title', true)];
	if (!contexts) return title;
	title.push(seg(`  now: ${safe(contexts.current)}`, 'muted'));
	if (contexts.switching) title.push(seg(`  switching to ${safe(contexts.switching)}…`, 'info'));
	else if (contexts.error) title.push(seg('  ✗ failed (r retries): ', 'error'), seg(safe(contexts.error), 'error'));
	return title;
}

export function contextsScreen(data: ScreenData, filter: string): TableScreen {
	const contexts = data.contexts;
	const all: ContextRow[] = (contexts?.entries ?? []).map((e) => ({ ...e, current: e.name === contexts?.current }));
	const rows = filterRows(all, filter, (r) => `${r.name} ${r.server} ${r.namespace}`.toLowerCase());
	const t = tableLayout(columns, all, data.width);
	return {
		kind: 'table',
		title: titleOf(contexts),
		header: headerLine(t),
		count: rows.length,
		row: (i, selected) => rowLine(t, rows[i]!, selected),
		open: (i) => {
			const row = rows[i];
			return row ? { type: 'switchContext', context: row.name } : undefined;
		},
		keyAt: (i) => rows[i]?.name,
		indexOfKey: (name) => rows.findIndex((r) => r.name === name),
		empty: !contexts
			? 'Contexts can be switched in live sessions only (this snapshot was read from files or is the demo).'
			: all.length === 0
				? 'The kubeconfig lists no context.'
				: `No context matches /${safe(filter)}.`,
	};
}
