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

export function LineText({ line, width, theme, inverse }: LineTextProps) {
	const fitted = fitLine(line, width);
	// An empty Text has no height in Ink; a space keeps blank lines in place.
	if (fitted.length === 0 || fitted.every((s) => s.text === '')) return <Text> </Text>;
	return (
		<Text wrap="truncate-end" inverse={inverse}>
			{fitted.map((s, i) => (
				<Text key={i} color={colorOf(theme, s.tone)} bold={s.bold}>
					{s.text}
				</Text>
			))}
		</Text>
	);
}
