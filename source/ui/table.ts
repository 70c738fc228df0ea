/**
 * A list screen's table as lines: the report's column definitions (so the TUI drops the same
 * columns as `kubewire services` at the same widths) plus a tone per cell for colour. The layout
 * is computed once per list and width, never per keypress.
 */
import { displayWidth, layoutColumns, pad, truncate,
	truncateMiddle, type Column, type Layout } from '../report/columns.js';
import { safe } from '../report/safe-text.js';
import { seg, type Line, type Tone } from './lines.js';
import { runSteps, type Steps } from '../model/steps.js';

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
	return (widest.get(rows)?.get(columns) as Row[] | undefined) ?? runSteps(widestRowsSteps(columns, rows));
}

/** Rows measured between two yields of `widestRowsSteps`. */
const measuredPerStep = 1000;

/** `widestRows` in steps, a yield every thousand rows; the answer is kept for `tableLayout`. */
function* widestRowsSteps<Row>(columns: readonly UiColumn<Row>[], rows: readonly Row[]): Steps<Row[]> {
	let byColumns = widest.get(rows);
	if (!byColumns) widest.set(rows, (byColumns = new WeakMap()));
	const hit = byColumns.get(columns) as Row[] | undefined;
	if (hit) return hit;
	const best: { row?: Row; width: number }[] = columns.map(() => ({ width: -1 }));
	const measures = measuresOf(columns);
	let measured = 0;
	for (const row of rows) {
		if (++measured % measuredPerStep === 0) yield;
		for (const measure of measures) {
			const widths = measure.widths(row);
			measure.columns.forEach((k, i) => {
				const w = widths[i]!;
				if (w > best[k]!.width) best[k] = { row, width: w };
			});
		}
	}
	const picked = [...new Set(best.filter((b) => b.row !== undefined).map((b) => b.row as Row))];
	byColumns.set(columns, picked);
	return picked;
}

/** Some columns' cell widths for a row, and which columns (by index) they are. */
interface Measure<Row> {
	columns: number[];
	widths: (row: Row) => readonly number[];
}

const rowWidths = new WeakMap<readonly UiColumn<never>[], Map<(row: never) => object, WeakMap<object, readonly number[]>>>();

/**
 * How the columns are measured: those that depend on the same object (`dependsOn`, the same
 * function) together, their widths remembered per such object with one look-up for all of them
 * (a live update re-measures only the Services it touched); every other column per row.
 */
function measuresOf<Row>(columns: readonly UiColumn<Row>[]): Measure<Row>[] {
	const groups = new Map<((row: Row) => object) | undefined, number[]>();
	columns.forEach((col, k) => {
		const list = groups.get(col.dependsOn);
		if (list) list.push(k);
		else groups.set(col.dependsOn, [k]);
	});
	return [...groups].map(([key, ks]) => {
		const measure = (row: Row) => ks.map((k) => cellWidth(columns[k]!.cell(row)));
		if (!key) return { columns: ks, widths: measure };
		let byKey = rowWidths.get(columns as readonly UiColumn<never>[]);
		if (!byKey) rowWidths.set(columns as readonly UiColumn<never>[], (byKey = new Map()));
		let widths = byKey.get(key);
		if (!widths) byKey.set(key, (widths = new WeakMap()));
		const memo = widths;
		return {
			columns: ks,
			widths: (row: Row) => {
				const on = key(row);
				let w = memo.get(on);
				if (w === undefined) memo.set(on, (w = measure(row)));
				return w;
			},
		};
	});
}

const printableAscii = /^[ -~]*$/;

/** A cell's width on screen; plain ASCII (nearly every cell) without stripping or measuring. */
function cellWidth(text: string): number {
	return printableAscii.test(text) ? text.length : displayWidth(safe(text));
}

/**
 * Measures the rows a `tableLayout` of them will need, in steps: run before a new list is drawn
 * (a live update's), so the frame that draws it finds the widths ready.
 */
export function* measureSteps<Row>(columns: UiColumn<Row>[], rows: readonly Row[]): Steps<void> {
	yield* widestRowsSteps(columns, rows);
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
		const text = pad((c.identifies ? truncateMiddle : truncate)(safe(c.cell(row)), w), w, c.align);
		if (k > 0) line.push(seg(gap));
		line.push(seg(k === t.columns.length - 1 ? text.trimEnd() : text, c.tone?.(row) ?? 'plain'));
	});
	return line;
}
