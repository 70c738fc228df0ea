/**
 * The Help screen (`?`): every key and `:` command, read from the same tables the input handler
 * uses, and the symbols that carry each status when there is no colour.
 */
import { statusSymbol, statusWord } from '../../report/status.js';
import { bindings } from '../keys.js';
import { seg, type Line } from '../lines.js';
import { commandSpecs } from '../state/commands.js';
import type { TextScreen } from './screen-model.js';

export function helpScreen(): TextScreen {
	const keyWidth = Math.max(...bindings.map((b) => b.keys.length));
	const lines: Line[] = [[seg('KEYS', 'title', true)]];
	for (const b of bindings) lines.push([seg(`  ${b.keys.padEnd(keyWidth)}  `, 'accent'), seg(b.help)]);
	lines.push([], [seg('COMMANDS (type : then the name, Enter)', 'title', true)]);
	const commands = commandSpecs();
	const names = commands.map((c) => `:${c.names.join(' :')}${c.argument ? ` ${c.argument}` : ''}`);
	const nameWidth = Math.max(...names.map((n) => n.length));
	commands.forEach((c, i) => lines.push([seg(`  ${names[i]!.padEnd(nameWidth)}  `, 'accent'), seg(c.help)]));
	lines.push([], [seg('STATUS (symbol and word, so no colour is needed)', 'title', true)]);
	for (const s of ['error', 'warning', 'info', 'ok'] as const) {
		lines.push([seg(`  ${statusSymbol[s]} ${statusWord[s].padEnd(6)}`, s), seg(s === 'ok' ? 'no finding' : `worst finding is ${s === 'warning' ? 'a warning' : s === 'error' ? 'an error' : 'info'}`)]);
	}
	lines.push([seg('  ►        ', 'error'), seg('the first broken link of a Service\'s chain (detail screen)')]);
	return { kind: 'text', title: [seg('Help', 'title', true), seg('  Esc or ? to go back', 'muted')], lines };
}
