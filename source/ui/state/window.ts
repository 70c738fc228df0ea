/**
 * The arithmetic of a windowed list: which rows are on screen and where the cursor may go. Kept
 * apart from React so that 10,000 rows cost the same as 20 (only the window is ever rendered)
 * and so that resizing or filtering can never leave the cursor outside the list.
 */

export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Moves the first visible row just enough to keep `selected` on screen. */
export function followSelection(selected: number, offset: number, height: number, count: number): number {
	const h = Math.max(1, height);
	let top = offset;
	if (selected < top) top = selected;
	if (selected >= top + h) top = selected - h + 1;
	return clamp(top, 0, Math.max(0, count - h));
}

export interface VisibleWindow {
	/** The selected row, inside the list (−1 when the list is empty). */
	selected: number;
	/** First row on screen. */
	start: number;
	/** One past the last row on screen. */
	end: number;
}

/** The rows to draw for a list of `count` rows in `height` lines, given the stored cursor. */
export function visibleWindow(selected: number, offset: number, height: number, count: number): VisibleWindow {
	if (count === 0) return { selected: -1, start: 0, end: 0 };
	const sel = clamp(selected, 0, count - 1);
	const start = followSelection(sel, offset, height, count);
	return { selected: sel, start, end: Math.min(count, start + Math.max(1, height)) };
}

/** For screens that scroll text rather than move a cursor: the first line shown. */
export function scrollTop(offset: number, height: number, count: number): number {
	return clamp(offset, 0, Math.max(0, count - Math.max(1, height)));
}
