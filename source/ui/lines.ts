/**
 * A line of the screen as plain data: segments of text, each with a tone. Screens build lines,
 * fit them to the width here, and one component draws them. Keeping lines as data makes every
 * screen testable without rendering and guarantees nothing is wider than the terminal.
 */
import { displayWidth, truncate } from '../report/columns.js';

/** What a segment means; the theme turns meaning into colour (or into nothing, with NO_COLOR). */
export type Tone = 'plain' | 'error' | 'warning' | 'info' | 'ok' | 'pending' | 'muted' | 'accent' | 'title';

export interface Segment {
	text: string;
	tone?: Tone;
	bold?: boolean;
}

export type Line = Segment[];

export function seg(text: string, tone: Tone = 'plain', bold = false): Segment {
	return bold ? { text, tone, bold } : { text, tone };
}

export function lineText(line: Line): string {
	return line.map((s) => s.text).join('');
}

/** Cuts a line to `width` cells (with … where it was cut), keeping each segment's tone. */
export function fitLine(line: Line, width: number): Line {
	if (displayWidth(lineText(line)) <= width) return line;
	if (width <= 0) return [];
	const out: Line = [];
	let used = 0;
	for (const s of line) {
		const w = displayWidth(s.text);
		if (used + w <= width - 1) {
			out.push(s);
			used += w;
			continue;
		}
		// Something after this point is cut, so this segment ends in the ellipsis; the two extra
		// characters make truncate() cut even when the segment itself would just fit.
		out.push({ ...s, text: truncate(`${s.text}..`, width - used) });
		break;
	}
	return out;
}

/** Pads a line with spaces to exactly `width` cells (used for the highlighted row). */
export function padLine(line: Line, width: number): Line {
	const used = displayWidth(lineText(line));
	return used >= width ? line : [...line, seg(' '.repeat(width - used))];
}

export { displayWidth };
