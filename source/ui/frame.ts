/**
 * How the terminal's rows are shared: two header lines, the body, one footer line — and the
 * whole frame one line shorter than the terminal, because Ink clears the entire screen (and
 * flickers) whenever a frame reaches the terminal's height.
 */
import type { ScreenModel } from './screens/screen-model.js';

export const headerHeight = 2;
export const footerHeight = 1;
/** Below this the frame shows only a "terminal too small" line. */
export const minColumns = 30;
export const minRows = 8;

export interface TerminalSize {
	columns: number;
	rows: number;
}

export interface BodyLayout {
	/** Every line the frame draws: the terminal's rows minus one. */
	frame: number;
	body: number;
	/** Rows of a table (after its column header and preview), or lines of a text screen. */
	window: number;
	preview: number;
}

export function tooSmall(size: TerminalSize): boolean {
	return size.columns < minColumns || size.rows < minRows;
}

export function bodyLayout(size: TerminalSize, model: ScreenModel): BodyLayout {
	const frame = Math.max(1, size.rows - 1);
	const body = Math.max(1, frame - headerHeight - footerHeight);
	if (model.kind === 'text') return { frame, body, window: body, preview: 0 };
	// The preview gives way first on short terminals: rows matter more than the message.
	const preview = model.preview && body >= 10 ? (model.previewHeight ?? 0) : 0;
	return { frame, body, window: Math.max(1, body - 1 - preview), preview };
}
