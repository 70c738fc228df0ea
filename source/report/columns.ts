/**
 * Fitting a table into a terminal width: columns that matter least are dropped first, then the
 * flexible ones are shrunk and their cells cut with an ellipsis. Used by the text reports and by
 * the TUI's lists, so both drop the same columns at the same widths.
 */
import { safe } from './safe-text.js';

export interface Column<Row> {
	header: string;
	cell: (row: Row) => string;
	/** Narrowest the column may get before it is dropped instead. */
	min: number;
	/** Columns with a higher number are dropped first when the width runs out; 0 is never dropped. */
	dropOrder?: number;
	/** Takes left-over shrinking before fixed columns; fixed columns keep their natural width. */
	flexible?: boolean;
	/**
	 * The column that tells rows apart (a Service's or route's name): it gets its whole width,
	 * up to 30% of the table, before any column that can be dropped is kept, and is cut last.
	 */
	identifies?: boolean;
	align?: 'left' | 'right';
}

export interface Layout<Row> {
	columns: Column<Row>[];
	widths: number[];
}

const gap = 2;

/** Terminal cell width, counting wide (CJK, emoji) characters as two. */
export function displayWidth(text: string): number {
	let width = 0;
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		width += isWide(code) ? 2 : 1;
	}
	return width;
}

function isWide(code: number): boolean {
	return (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		(code >= 0x1f300 && code <= 0x1faff) ||
		(code >= 0x20000 && code <= 0x3fffd)
	);
}

/** Cuts text to at most `width` cells, ending in … when something was cut. */
export function truncate(text: string, width: number): string {
	if (displayWidth(text) <= width) return text;
	if (width <= 0) return '';
	let out = '';
	let used = 0;
	for (const ch of text) {
		const w = isWide(ch.codePointAt(0)!) ? 2 : 1;
		if (used + w > width - 1) break;
		out += ch;
		used += w;
	}
	return `${out}…`;
}

/**
 * `ingress-nginx/…ler-admission`: a name cut in the middle keeps its end, where names that share a
 * prefix differ (`…-controller` and `…-controller-admission` stay two different rows).
 */
export function truncateMiddle(text: string, width: number): string {
	if (displayWidth(text) <= width) return text;
	if (width < 8) return truncate(text, width);
	const chars = [...text];
	const tailWidth = Math.floor((width - 1) / 2);
	let tail = '';
	let used = 0;
	for (let i = chars.length - 1; i >= 0; i--) {
		const w = isWide(chars[i]!.codePointAt(0)!) ? 2 : 1;
		if (used + w > tailWidth) break;
		tail = chars[i]! + tail;
		used += w;
	}
	return `${truncate(text, width - used)}${tail}`;
}

export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
	return align === 'right' ? fill + text : text + fill;
}

/**
 * Chooses the columns and their widths for `rows` in `width` cells. In order: identifying columns
 * claim the width nine names in ten need (at most 30% of the table) and droppable columns go, highest dropOrder
 * first, until the rest fit; if even the columns that are never dropped do not fit at their
 * minimum, the rightmost of them go too (a column cut to a lone `…` tells nothing); then the
 * flexible columns give up cells, identifying ones only when the others are at their minimum.
 */
export function layoutColumns<Row>(columns: Column<Row>[], rows: readonly Row[], width: number): Layout<Row> {
	const natural = columns.map((col) =>
		rows.reduce((max, row) => Math.max(max, displayWidth(safe(col.cell(row)))), displayWidth(col.header)),
	);
	// A droppable column with nothing in it (no problems to show, say) only costs space on a
	// terminal; an unlimited width (a pipe, --output wide) keeps every column, as kubectl does.
	const empty = columns.map((col) => Number.isFinite(width) && rows.every((row) => col.cell(row) === ''));
	let kept = columns.map((_, i) => i).filter((i) => !(empty[i] && (columns[i]!.dropOrder ?? 0) > 0));
	const total = (idx: number[], widths: (i: number) => number) =>
		idx.reduce((sum, i) => sum + widths(i), 0) + gap * Math.max(0, idx.length - 1);
	const minOf = (i: number) => (columns[i]!.flexible ? Math.min(columns[i]!.min, natural[i]!) : natural[i]!);
	// A name keeps its width while optional columns compete for it: rows cut to `monitoring/prom…`
	// cannot be told apart, whatever the other columns say.
	// The width most names need, not the longest: one outlier (a 48-character webhook Service) must
	// not push TYPE, CLUSTER-IP and PORTS off every row at 80 columns; it alone is cut.
	const typical = columns.map((col, i) => (col.identifies && Number.isFinite(width) ? typicalWidth(rows, (row) => displayWidth(safe(col.cell(row))), displayWidth(col.header), natural[i]!) : natural[i]!));
	const claim = (i: number) => (columns[i]!.identifies ? Math.max(minOf(i), Math.min(typical[i]!, Math.floor(width * 0.3))) : minOf(i));
	// Drop columns (highest dropOrder first) until the claimed widths fit.
	while (total(kept, claim) > width) {
		const candidates = kept.filter((i) => (columns[i]!.dropOrder ?? 0) > 0);
		if (candidates.length === 0) break;
		const drop = candidates.reduce((a, b) => ((columns[b]!.dropOrder ?? 0) >= (columns[a]!.dropOrder ?? 0) ? b : a));
		kept = kept.filter((i) => i !== drop);
	}
	// Still too wide at the minimum widths: the rightmost column that does not identify the row goes
	// (never the first, the status a row is read by) rather than being cut at the terminal's edge.
	while (total(kept, minOf) > width) {
		const drop = kept.filter((i, k) => k > 0 && !columns[i]!.identifies).at(-1);
		if (drop === undefined) break;
		kept = kept.filter((i) => i !== drop);
	}
	const widths = kept.map((i) => natural[i]!);
	let excess = total(kept, (i) => natural[i]!) - width;
	// Shrink flexible columns a cell at a time from the one with the most room above its floor,
	// so a long host and a long problem text share the cut instead of one losing everything;
	// identifying columns are cut only when every other column is down to its minimum.
	const whole = (i: number) => (columns[i]!.identifies ? typical[i]! : minOf(i));
	for (const floorOf of [whole, minOf]) {
		const floor = kept.map((i, k) => Math.min(floorOf(i), widths[k]!));
		while (excess > 0) {
			let best = -1;
			for (let k = 0; k < kept.length; k++) {
				if (!columns[kept[k]!]!.flexible || widths[k]! <= floor[k]!) continue;
				if (best < 0 || widths[k]! - floor[k]! > widths[best]! - floor[best]!) best = k;
			}
			if (best < 0) break;
			widths[best]!--;
			excess--;
		}
	}
	return { columns: kept.map((i) => columns[i]!), widths };
}

/** The width that nine rows in ten fit in (at least the header's); the longest for a few rows. */
function typicalWidth<Row>(rows: readonly Row[], widthOf: (row: Row) => number, header: number, longest: number): number {
	if (rows.length < 10) return longest;
	const widths = rows.map(widthOf).sort((a, b) => a - b);
	return Math.max(header, widths[Math.floor(widths.length * 0.9)] ?? longest);
}

export function formatRow<Row>(layout: Layout<Row>, row: Row): string {
	return layout.columns
		.map((col, k) => pad((col.identifies ? truncateMiddle : truncate)(safe(col.cell(row)), layout.widths[k]!), layout.widths[k]!, col.align))
		.join(' '.repeat(gap))
		.trimEnd();
}

export function formatHeader<Row>(layout: Layout<Row>): string {
	return layout.columns
		.map((col, k) => pad(truncate(col.header, layout.widths[k]!), layout.widths[k]!, col.align))
		.join(' '.repeat(gap))
		.trimEnd();
}

/** A whole table as text: header, then one line per row. */
export function renderTable<Row>(columns: Column<Row>[], rows: readonly Row[], width: number): string {
	const layout = layoutColumns(columns, rows, width);
	return [formatHeader(layout), ...rows.map((row) => formatRow(layout, row))].join('\n');
}
