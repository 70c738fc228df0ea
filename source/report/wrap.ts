/** Word-wraps a line to `width` cells, keeping its leading indentation and continuing with `indent`. */
import { displayWidth } from './columns.js';

export function wrap(text: string, width: number, indent = ''): string[] {
	const lead = /^ */.exec(text)![0];
	const words = text.slice(lead.length).split(' ');
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		const prefix = lines.length === 0 ? lead : indent;
		const candidate = line === '' ? word : `${line} ${word}`;
		if (line !== '' && displayWidth(prefix + candidate) > width) {
			lines.push(prefix + line);
			line = word;
		} else {
			line = candidate;
		}
	}
	lines.push((lines.length === 0 ? lead : indent) + line);
	return lines;
}
