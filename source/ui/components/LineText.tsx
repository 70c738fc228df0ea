/**
 * Draws one prepared line: each segment in its tone's colour (none with NO_COLOR). Lines arrive
 * already cut to the width, so Ink never wraps and the frame's height is exactly its line count.
 */
import { Text } from 'ink';
import { fitLine, type Line } from '../lines.js';
import { colorOf, type Theme } from '../theme.js';

export interface LineTextProps {
	line: Line;
	width: number;
	theme: Theme;
	inverse?: boolean;
}

interface Run {
	text: string;
	color?: string;
	bold?: boolean;
}

/**
 * The line as runs of one look: neighbouring segments drawn alike (a row's plain cells and the
 * gaps between them; with NO_COLOR, nearly all of it) become one Text, so Ink lays out and
 * paints a few nodes per row, not one per cell. Every frame is cheaper for it.
 */
function runsOf(line: Line, theme: Theme): Run[] {
	const runs: Run[] = [];
	for (const s of line) {
		const color = colorOf(theme, s.tone);
		const last = runs[runs.length - 1];
		if (last && last.color === color && last.bold === s.bold) last.text += s.text;
		else runs.push({ text: s.text, color, bold: s.bold });
	}
	return runs;
}

export function LineText({ line, width, theme, inverse }: LineTextProps) {
	const fitted = fitLine(line, width);
	// An empty Text has no height in Ink; a space keeps blank lines in place.
	if (fitted.length === 0 || fitted.every((s) => s.text === '')) return <Text> </Text>;
	return (
		<Text wrap="truncate-end" inverse={inverse}>
			{runsOf(fitted, theme).map((r, i) => (
				<Text key={i} color={r.color} bold={r.bold}>
					{r.text}
				</Text>
			))}
		</Text>
	);
}
