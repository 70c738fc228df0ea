/** Word-wraps a line to `width` cells, continuing lines with `indent`. */
import { displayWidth } from './columns.js';

export function wrap(text: string, width: number, indent = ''): string[] {
	const words = text.split(' ');
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		const candidate = line === '' ? word : `${line} ${word}`;
		const prefix = lines.length === 0 ? '' : indent;
		if (line !== '' && displayWidth(prefix + candidate) > width) {
			lines.push(prefix + line);
			line = word;
		} else {
			line = candidate;
		}
	}
	lines.push((lines.length === 0 ? '' : indent) + line);
	return lines;
}
