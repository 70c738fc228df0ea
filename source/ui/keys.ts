/**
 * Key bindings as data, in k9s's habits. The input handler and the Help screen both read this
 * one table, so a key can't work without being documented or be documented without working.
 */
import type { Key } from 'ink';
import type { Extent, UiAction } from './state/reducer.js';
import type { ScreenId, UiState } from './state/ui-state.js';
import { screens } from './screens/registry.js';
import { currentView } from './state/ui-state.js';

/** What a key's action is handed: the screen it was pressed on, the list's extent, and the row's destination. */
export interface KeyContext {
	screen: ScreenId;
	extent: Extent;
	/** Where Enter leads from the current row: only the screen knows what its rows are. */
	open: () => UiAction | undefined;
}

/** One command: its keys, its help, its footer entry, the screens where it works, and the action it produces. */
interface KeyCommand {
	/** How Help writes the keys. */
	keys: string;
	help: string;
	/** The footer entry (`short word`) and how long it stays when the terminal is narrow (higher stays longer). */
	footer?: { short: string; word: string | ((screen: ScreenId) => string); rank: number };
	/** Where the key does something; every screen when absent (read from the screen registry). */
	screens?: (screen: ScreenId) => boolean;
	match: (input: string, key: Key) => boolean;
	/** The UI action the key produces; required, so a key without a handler is a type error. */
	act: (c: KeyContext) => UiAction | undefined;
	/** What to say when the key is pressed on a screen where it does nothing (silence when absent). */
	elsewhere?: string;
}

/** Where Enter opens a row: the screens with rows. */
const onRows = (screen: ScreenId) => screens[screen].body === 'rows';
/** Where `n` picks a namespace: the main screens. */
const onMain = (screen: ScreenId) => screens[screen].place === 'main';

/**
 * Every key command, one record each, in the order Help lists them. The matcher (keyToAction),
 * the Help screen and the footer are all generated from this table.
 */
const keyCommands = {
	down: { keys: '↓ j', help: 'next row (scroll down)', footer: { short: '↑↓', word: 'move', rank: 4 }, match: (i, k) => k.downArrow || (i === 'j' && !k.ctrl), act: (c) => ({ type: 'move', delta: 1, ...c.extent }) },
	up: { keys: '↑ k', help: 'previous row (scroll up)', match: (i, k) => k.upArrow || (i === 'k' && !k.ctrl), act: (c) => ({ type: 'move', delta: -1, ...c.extent }) },
	pageDown: { keys: 'PgDn ctrl-f', help: 'next page', match: (i, k) => k.pageDown || (k.ctrl && i === 'f'), act: (c) => ({ type: 'page', direction: 1, ...c.extent }) },
	pageUp: { keys: 'PgUp ctrl-b', help: 'previous page', match: (i, k) => k.pageUp || (k.ctrl && i === 'b'), act: (c) => ({ type: 'page', direction: -1, ...c.extent }) },
	top: { keys: 'g Home', help: 'first row', match: (i, k) => k.home || i === 'g', act: (c) => ({ type: 'top', ...c.extent }) },
	bottom: { keys: 'G End', help: 'last row', match: (i, k) => k.end || i === 'G', act: (c) => ({ type: 'bottom', ...c.extent }) },
	open: {
		keys: 'Enter',
		help: "open: Service detail, an Ingress backend, a finding's object",
		footer: { short: '⏎', word: (screen) => screens[screen].open ?? 'open', rank: 7 },
		screens: onRows,
		match: (_i, k) => k.return,
		act: (c) => c.open(),
	},
	back: { keys: 'Esc', help: 'clear the filter, else go back', footer: { short: 'esc', word: 'back', rank: 5 }, match: (_i, k) => k.escape, act: () => ({ type: 'back' }) },
	filter: {
		keys: '/',
		help: 'filter rows (Enter keeps it, Esc clears it)',
		footer: { short: '/', word: 'filter', rank: 6 },
		screens: (screen) => screens[screen].filter,
		match: (i) => i === '/',
		act: () => ({ type: 'startFilter' }),
		elsewhere: 'this screen has no filter',
	},
	command: { keys: ':', help: 'jump to a screen: the commands below', footer: { short: ':', word: 'jump', rank: 3 }, match: (i) => i === ':', act: () => ({ type: 'startCommand' }) },
	namespace: { keys: 'n', help: 'pick a namespace', footer: { short: 'n', word: 'ns', rank: 2 }, screens: onMain, match: (i, k) => i === 'n' && !k.ctrl, act: () => ({ type: 'jump', screen: 'namespaces' }) },
	help: {
		keys: '?',
		help: 'this help (again to close)',
		footer: { short: '?', word: 'help', rank: 8 },
		match: (i) => i === '?',
		act: (c) => (c.screen === 'help' ? { type: 'back' } : { type: 'jump', screen: 'help' }),
	},
	retry: { keys: 'r', help: 'read the cluster again after a connection error (live clusters)', match: (i, k) => i === 'r' && !k.ctrl, act: () => ({ type: 'retry' }) },
	quit: { keys: 'q ctrl-c', help: 'quit', footer: { short: 'q', word: 'quit', rank: 9 }, match: (i, k) => i === 'q' || (k.ctrl && i === 'c'), act: () => ({ type: 'quit' }) },
} satisfies Record<string, KeyCommand>;

export type KeyAction = keyof typeof keyCommands;

export interface Binding extends KeyCommand {
	action: KeyAction;
	/** How the footer writes the keys, when the binding is shown there. */
	short?: string;
}

export const bindings: Binding[] = (Object.keys(keyCommands) as KeyAction[]).map((action) => {
	const command: KeyCommand = keyCommands[action];
	return { ...command, action, short: command.footer?.short };
});

export function bindingWorksOn(binding: Binding, screen: ScreenId): boolean {
	return !binding.screens || binding.screens(screen);
}

/**
 * The footer's key list for a screen: only keys that work there, in table order. When `width`
 * is too small for all of them, the least needed go first (q and ? stay).
 */
export function footerKeys(screen: ScreenId, width = Infinity): string[] {
	let shown = bindings.flatMap((b) => {
		const f = b.footer;
		if (!f || !bindingWorksOn(b, screen)) return [];
		return [{ rank: f.rank, text: `${f.short} ${typeof f.word === 'string' ? f.word : f.word(screen)}` }];
	});
	const length = () => shown.reduce((n, e) => n + [...e.text].length, 0) + 2 * Math.max(0, shown.length - 1);
	while (shown.length > 1 && length() > width) {
		const least = shown.reduce((a, b) => (b.rank < a.rank ? b : a));
		shown = shown.filter((e) => e !== least);
	}
	return shown.map((e) => e.text);
}

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

function plainKey(ch: string): [string, Key] {
	const code = ch.codePointAt(0)!;
	if (ch === '\r' || ch === '\n') return ['', { ...noKey, return: true }];
	if (ch === '\t') return ['', { ...noKey, tab: true }];
	if (ch === '\u007F' || ch === '\b') return ['', { ...noKey, backspace: true }];
	if (code < 0x20) return [String.fromCharCode(code + 96), { ...noKey, ctrl: true }];
	return [ch, { ...noKey, shift: /[A-Z]/.test(ch) }];
}

/**
 * Ink hands over a run of plain characters that arrived together (typing ahead, a paste, tmux
 * send-keys) as one input; each is a key of its own here, so "jj⏎" moves twice and opens.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
	const chars = [...input];
	const special = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageDown || key.pageUp || key.home || key.end || key.escape || key.meta;
	if (chars.length <= 1 || special) return [[input, key]];
	return chars.map(plainKey);
}

function isCtrlC(input: string, key: Key): boolean {
	return key.ctrl && input === 'c';
}

/**
 * Turns one keypress into a UI action. `open` is asked for the current row's destination, since
 * only the screen knows what its rows are.
 */
export function keyToAction(
	state: UiState,
	input: string,
	key: Key,
	extent: Extent,
	open: () => UiAction | undefined,
): UiAction | undefined {
	if (isCtrlC(input, key)) return { type: 'quit' };
	if (state.mode !== 'normal') {
		if (key.escape) return { type: 'cancel' };
		if (key.return) return { type: 'submit' };
		if (key.backspace || key.delete) return { type: 'erase' };
		if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return undefined;
		// Pasted or typed text; control characters never reach the input line.
		const text = input.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
		return text === '' ? undefined : { type: 'typeText', text };
	}
	const screen = currentView(state).screen;
	const binding = bindings.find((b) => b.match(input, key));
	if (!binding) return undefined;
	if (!bindingWorksOn(binding, screen)) return binding.elsewhere ? { type: 'flash', message: binding.elsewhere } : undefined;
	return binding.act({ screen, extent, open });
}
