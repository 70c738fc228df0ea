import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { bindings, footerKeys, keyToAction, splitKeys } from '../../source/ui/keys.js';
import { helpScreen } from '../../source/ui/screens/help.js';
import { displayWidth, lineText } from '../../source/ui/lines.js';
import { loadDemo } from '../../source/cluster/demo.js';
import { initialState, view, type ScreenId, type UiState } from '../../source/ui/state/ui-state.js';
import { commandSpecs, parseCommand } from '../../source/ui/state/commands.js';
import { reduce } from '../../source/ui/state/reducer.js';
import { buildScreen } from '../../source/ui/screens/index.js';
import { screenIds, screens } from '../../source/ui/screens/registry.js';
import { analyze } from '../../source/model/analyze.js';
import { shopSnapshot } from './support.js';

const none: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
	home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
	backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};
const k = (over: Partial<Key>): Key => ({ ...none, ...over });
const extent = { count: 50, height: 10 };
const noOpen = () => undefined;

function act(state: UiState, input: string, key: Key = none) {
	return keyToAction(state, input, key, extent, () => ({ type: 'flash', message: 'opened' }));
}

describe('normal mode follows k9s habits', () => {
	const s = initialState();
	test.each([
		['j', none, { type: 'move', delta: 1 }],
		['', k({ downArrow: true }), { type: 'move', delta: 1 }],
		['k', none, { type: 'move', delta: -1 }],
		['', k({ upArrow: true }), { type: 'move', delta: -1 }],
		['g', none, { type: 'top' }],
		['G', k({ shift: true }), { type: 'bottom' }],
		['', k({ home: true }), { type: 'top' }],
		['', k({ end: true }), { type: 'bottom' }],
		['', k({ pageDown: true }), { type: 'page', direction: 1 }],
		['', k({ pageUp: true }), { type: 'page', direction: -1 }],
		['f', k({ ctrl: true }), { type: 'page', direction: 1 }],
		['', k({ return: true }), { type: 'flash', message: 'opened' }],
		['', k({ escape: true }), { type: 'back' }],
		['/', none, { type: 'startFilter' }],
		[':', none, { type: 'startCommand' }],
		['n', none, { type: 'jump', screen: 'namespaces' }],
		['?', none, { type: 'jump', screen: 'help' }],
		['q', none, { type: 'quit' }],
		['c', k({ ctrl: true }), { type: 'quit' }],
	] as const)('%j %j', (input, key, expected) => {
		expect(act(s, input, key)).toMatchObject(expected);
	});

	test('moves carry the size of the list so the reducer can clamp', () => {
		expect(act(s, 'j')).toEqual({ type: 'move', delta: 1, count: 50, height: 10 });
	});

	test('? on the Help screen closes it', () => {
		const help: UiState = { ...s, stack: [view('services'), view('help')] };
		expect(act(help, '?')).toEqual({ type: 'back' });
	});

	test('keys that do nothing here do nothing (no Enter on detail, no n on Help)', () => {
		const detail: UiState = { ...s, stack: [view('detail', { subject: 'a/b' })] };
		expect(keyToAction(detail, '', k({ return: true }), extent, noOpen)).toBeUndefined();
		expect(act({ ...s, stack: [view('help')] }, 'n')).toBeUndefined();
		expect(act(s, 'x')).toBeUndefined();
	});
});

describe('while a filter or command is typed', () => {
	const typing: UiState = { ...initialState(), mode: 'filter', input: '' };
	test('letters are text, even q and j', () => {
		expect(act(typing, 'q')).toEqual({ type: 'typeText', text: 'q' });
		expect(act(typing, 'j')).toEqual({ type: 'typeText', text: 'j' });
	});
	test('Enter submits, Esc cancels, Backspace erases, Ctrl-C still quits', () => {
		expect(act(typing, '', k({ return: true }))).toEqual({ type: 'submit' });
		expect(act(typing, '', k({ escape: true }))).toEqual({ type: 'cancel' });
		expect(act(typing, '', k({ backspace: true }))).toEqual({ type: 'erase' });
		expect(act(typing, 'c', k({ ctrl: true }))).toEqual({ type: 'quit' });
	});
	test('control characters never reach the input line', () => {
		expect(act(typing, '\u0007')).toBeUndefined();
		expect(act(typing, 'a\u001Bb')).toEqual({ type: 'typeText', text: 'ab' });
	});
});

describe('splitKeys', () => {
	test('a run of typed-ahead characters becomes one key each', () => {
		const parts = splitKeys('jj\r', none);
		expect(parts.map(([input]) => input)).toEqual(['j', 'j', '']);
		expect(parts[2]![1].return).toBe(true);
		expect(splitKeys('G\u007F', none)[0]![1].shift).toBe(true);
		expect(splitKeys('G\u007F', none)[1]![1].backspace).toBe(true);
	});
	test('single keys and escape sequences pass through untouched', () => {
		const down = k({ downArrow: true });
		expect(splitKeys('', down)).toEqual([['', down]]);
		expect(splitKeys('j', none)).toEqual([['j', none]]);
	});
});

describe('one table for keys, footer and help', () => {
	test('the footer lists only keys that work on the screen', () => {
		expect(footerKeys('services').join(' ')).toMatch(/⏎ detail.*\/ filter.*n ns.*\? help.*q quit/);
		expect(footerKeys('detail').join(' ')).not.toMatch(/filter|⏎/);
		expect(footerKeys('ingresses').join(' ')).toMatch(/⏎ backend/);
		expect(footerKeys('problems').join(' ')).toMatch(/⏎ go to/);
	});

	test('a narrow footer drops the least needed keys first, keeping quit and help', () => {
		const narrow = footerKeys('services', 40);
		expect(narrow.join('  ').length).toBeLessThanOrEqual(40);
		expect(narrow).toContain('q quit');
		expect(narrow).toContain('? help');
		expect(narrow).toContain('⏎ detail');
		expect(narrow).not.toContain('n ns');
		expect(footerKeys('services', 200)).toHaveLength(8);
	});

	test('Help lists every binding and every : command', () => {
		const text = helpScreen().lines.map(lineText).join('\n');
		for (const b of bindings) expect(text).toContain(b.keys);
		for (const c of commandSpecs()) expect(text).toContain(`:${c.names[0]}`);
	});

	test('Help at 60 columns wraps rather than cuts, says the footer shows only what fits, and explains every row mark the demo screens use', () => {
		const help = helpScreen(60).lines.map(lineText);
		for (const line of help) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
		const text = help.join('\n');
		expect(text).toContain('the footer shows those that fit');
		const analysis = analyze(loadDemo());
		const marks = new Set<string>();
		for (const id of ['services', 'ingresses', 'gateways', 'problems'] as const) {
			const model = buildScreen(view(id), { analysis, width: 200 });
			if (model.kind !== 'table') continue;
			// The STATUS cell: a symbol and a word, after the cursor's two cells.
			for (let i = 0; i < model.count; i++) marks.add(/^ {2}(\S+ \S+(?: READ)?)/.exec(lineText(model.row(i, false)))![1]!);
		}
		expect([...marks]).toEqual(expect.arrayContaining(['✗ OUT', '- OUT', '✗ NOPROG']));
		for (const mark of [...marks, '? NOT READ', '? UNJUDGED', '- TCP', '- LSET', '- MESH', '- NONE', '- IDLE', '2/2*', 'planned', '~']) expect(text, mark).toContain(mark);
	});
});

describe('one record per screen', () => {
	test('every screen in the registry builds, and its record decides the keys, footer and commands', () => {
		const analysis = analyze(shopSnapshot());
		for (const id of screenIds) {
			const spec = screens[id];
			const model = buildScreen(view(id, { subject: 'shop/web' }), { analysis, width: 80 });
			expect(model.kind, id).toBe(spec.body === 'rows' ? 'table' : 'text');
			// Enter's footer word is the record's; screens without rows offer no Enter.
			if (spec.body === 'rows') expect(footerKeys(id).join(' '), id).toContain(`⏎ ${spec.open}`);
			else expect(footerKeys(id).join(' '), id).not.toContain('⏎');
			expect(footerKeys(id).join(' ').includes('/ filter'), id).toBe(spec.filter);
			// Its command, when it has one, jumps to it.
			for (const name of spec.command?.names ?? []) expect(parseCommand(name), `:${name}`).toEqual({ type: 'jump', screen: id });
		}
	});

	test('an overlay opens on top of the current screen; a main screen replaces the walk', () => {
		const on = (screen: ScreenId) => reduce(reduce(initialState(), { type: 'push', view: view('detail', { subject: 'shop/web' }) }), { type: 'jump', screen }).stack.map((v) => v.screen);
		for (const id of screenIds.filter((s) => s !== 'detail')) {
			expect(on(id), id).toEqual(screens[id].place === 'overlay' ? ['services', 'detail', id] : [id]);
		}
	});
});
