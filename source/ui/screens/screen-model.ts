/**
 * What a screen hands the frame to draw: a table of rows (drawn as a window, with a cursor) or a
 * block of text lines (scrolled). Screens build these from the Analysis; the components only
 * draw them, so every screen is testable without a terminal.
 */
import type { Analysis } from '../../model/analyze.js';
import type { Line } from '../lines.js';
import type { UiAction } from '../state/reducer.js';
import type { ContextsData } from './contexts.js';
import type { ProxyTreeProvider } from './proxy-tree.js';

export interface TableScreen {
	kind: 'table';
	title: Line;
	header: Line;
	count: number;
	/** Row i as a line; `selected` marks the cursor row. */
	row: (index: number, selected: boolean) => Line;
	/** What Enter does on row i. */
	open: (index: number) => UiAction | undefined;
	/** Lines under the table about the selected row (a finding's message and hint). */
	preview?: (index: number, width: number) => Line[];
	previewHeight?: number;
	/** Shown instead of rows when there are none. */
	empty: string;
	/** The identity of row i (a Service key), so the cursor can follow it when rows re-sort. */
	keyAt?: (index: number) => string | undefined;
	/** The row whose identity is `key`, or -1. */
	indexOfKey?: (key: string) => number;
}

export interface TextScreen {
	kind: 'text';
	title: Line;
	lines: Line[];
}

export type ScreenModel = TableScreen | TextScreen;

/** Everything a screen may read. */
export interface ScreenData {
	analysis: Analysis;
	namespace?: string;
	width: number;
	/** kube-proxy's chain trees for the detail screen (one node's view). */
	proxyTrees?: ProxyTreeProvider;
	/** While a live cluster is first read: what is still loading ("pods 1200…"); no status is final yet. */
	loading?: string;
	/** The kubeconfig's contexts for `:ctx` (live sessions only). */
	contexts?: ContextsData;
}

/** Case-insensitive substring match against a per-row text, k9s-style. */
export function filterRows<Row>(rows: readonly Row[], filter: string, text: (row: Row) => string): readonly Row[] {
	const needle = filter.trim().toLowerCase();
	if (needle === '') return rows;
	return rows.filter((row) => text(row).includes(needle));
}

/** `Services 12` or `Services 3 of 12 matching /web`. */
export function countText(noun: string, shown: number, total: number, filter: string): string {
	return filter.trim() === '' ? `${noun} ${total}` : `${noun} ${shown} of ${total} matching /${filter}`;
}
