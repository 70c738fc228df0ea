/**
 * A list screen's table as lines: the report's column definitions (so the TUI drops the same
 * columns as `kubewire services` at the same widths) plus a tone per cell for colour. The layout
 * is computed once per list and width, never per keypress.
 */
import { displayWidth, layoutColumns, pad, truncate, type Column, type Layout } from '../report/columns.js';
import { safe } from '../report/safe-text.js';
import { seg, type Line, type Tone } from './lines.js';

export interface UiColumn<Row> extends Column<Row> {
	tone?: (row: Row) => Tone;
	/**
	 * What the cell depends on, when that outlives the row (a Service's wiring, kept by a live
	 * update for every Service it did not touch): its width is then measured once per such object,
	 * not once per row of every new Analysis.
	 */
	dependsOn?: (row: Row) => object;
}

export interface TableLayout<Row> {
	layout: Layout<Row>;
	columns: UiColumn<Row>[];
}

/** Two cells on the left of every row hold the cursor mark. */
export const cursorWidth = 2;

const widest = new WeakMap<readonly unknown[], WeakMap<readonly unknown[], unknown[]>>();

/**
 * For each column, the row with its widest cell. A layout depends only on those widths, so laying
 * out these few rows gives the same columns as laying out all of them — and a resize of a
 * 10,000-row list costs nothing.
 */
function widestRows<Row>(columns: readonly UiColumn<Row>[], rows: readonly Row[]): Row[] {
	let byColumns = widest.get(rows);
	if (!byColumns) widest.set(rows, (byColumns = new WeakMap()));
	const hit = byColumns.get(columns) as Row[] | undefined;
	if (hit) return hit;
	const best: { row?: Row; width: number }[] = columns.map(() => ({ width: -1 }));
	const measure = columns.map((col) => widthOf(col));
	for (const row of rows) {
		measure.forEach((width, k) => {
			const w = width(row);
			if (w > best[k]!.width) best[k] = { row, width: w };
		});
	}
	const picked = [...new Set(best.filter((b) => b.row !== undefined).map((b) => b.row as Row))];
	byColumns.set(columns, picked);
	return picked;
}

const cellWidths = new WeakMap<UiColumn<never>, WeakMap<object, number>>();

/** A column's cell width for a row, remembered per `dependsOn` object when the column has one. */
function widthOf<Row>(col: UiColumn<Row>): (row: Row) => number {
	const key = col.dependsOn;
	if (!key) return (row) => cellWidth(col.cell(row));
	let memo = cellWidths.get(col as UiColumn<never>);
	if (!memo) cellWidths.set(col as UiColumn<never>, (memo = new WeakMap()));
	const widths = memo;
	return (row) => {
		const on = key(row);
		let w = widths.get(on);
		if (w === undefined) widths.set(on, (w = cellWidth(col.cell(row))));
		return w;
	};
}

const printableAscii = /^[ -~]*$/;

/** A cell's width on screen; plain ASCII (nearly every cell) without stripping or measuring. */
function cellWidth(text: string): number {
	return printableAscii.test(text) ? text.length : displayWidth(safe(text));
}

export function tableLayout<Row>(columns: UiColumn<Row>[], rows: readonly Row[], width: number): TableLayout<Row> {
	const layout = layoutColumns(columns, widestRows(columns, rows), Math.max(10, width - cursorWidth));
	return { layout, columns: layout.columns as UiColumn<Row>[] };
}

const gap = '  ';

export function headerLine<Row>(t: TableLayout<Row>): Line {
	const text = t.columns.map((c, k) => pad(truncate(c.header, t.layout.widths[k]!), t.layout.widths[k]!, c.align)).join(gap);
	return [seg(' '.repeat(cursorWidth)), seg(text.trimEnd(), 'muted', true)];
}

export function rowLine<Row>(t: TableLayout<Row>, row: Row, selected: boolean): Line {
	const line: Line = [selected ? seg('› ', 'accent', true) : seg('  ')];
	t.columns.forEach((c, k) => {
		const w = t.layout.widths[k]!;
		const text = pad(truncate(safe(c.cell(row)), w), w, c.align);
		if (k > 0) line.push(seg(gap));
		line.push(seg(k === t.columns.length - 1 ? text.trimEnd() : text, c.tone?.(row) ?? 'plain'));
	});
	return line;
}
