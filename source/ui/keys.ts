/**
 * Key bindings as data, in k9s's habits. The input handler and the Help screen both read this
 * one table, so a key can't work without being documented or be documented without working.
 */
import type { Key } from 'ink';
import type { Extent, UiAction } from './state/reducer.js';
import type { ScreenId, UiState } from './state/ui-state.js';
import { currentView, filterableScreens } from './state/ui-state.js';

export type KeyAction =
	| 'down'
	| 'up'
	| 'pageDown'
	| 'pageUp'
	| 'top'
	| 'bottom'
	| 'open'
	| 'back'
	| 'filter'
	| 'command'
	| 'namespace'
	| 'help'
	| 'retry'
	| 'quit';

export interface Binding {
	action: KeyAction;
	/** How Help writes the keys. */
	keys: string;
	/** How the footer writes them, when the binding is shown there. */
	short?: string;
	help: string;
	/** Screens where the key does something; every screen when absent. */
	screens?: ReadonlySet<ScreenId>;
	match: (input: string, key: Key) => boolean;
}

const listScreens: ReadonlySet<ScreenId> = new Set<ScreenId>(['services', 'ingresses', 'problems', 'namespaces', 'contexts']);
const mainScreens: ReadonlySet<ScreenId> = new Set<ScreenId>(['services', 'ingresses', 'problems', 'detail']);

export const bindings: Binding[] = [
	{ action: 'down', keys: '↓ j', short: '↑↓', help: 'next row (scroll down)', match: (i, k) => k.downArrow || (i === 'j' && !k.ctrl) },
	{ action: 'up', keys: '↑ k', help: 'previous row (scroll up)', match: (i, k) => k.upArrow || (i === 'k' && !k.ctrl) },
	{ action: 'pageDown', keys: 'PgDn ctrl-f', help: 'next page', match: (i, k) => k.pageDown || (k.ctrl && i === 'f') },
	{ action: 'pageUp', keys: 'PgUp ctrl-b', help: 'previous page', match: (i, k) => k.pageUp || (k.ctrl && i === 'b') },
	{ action: 'top', keys: 'g Home', help: 'first row', match: (i, k) => k.home || i === 'g' },
	{ action: 'bottom', keys: 'G End', help: 'last row', match: (i, k) => k.end || i === 'G' },
	{ action: 'open', keys: 'Enter', short: '⏎', help: 'open: Service detail, an Ingress backend, a finding\'s object', screens: listScreens, match: (_i, k) => k.return },
	{ action: 'back', keys: 'Esc', short: 'esc', help: 'clear the filter, else go back', match: (_i, k) => k.escape },
	{ action: 'filter', keys: '/', short: '/', help: 'filter rows (Enter keeps it, Esc clears it)', screens: filterableScreens, match: (i) => i === '/' },
	{ action: 'command', keys: ':', short: ':', help: 'jump: :svc :ing :problems :ns NAME :help :q', match: (i) => i === ':' },
	{ action: 'namespace', keys: 'n', short: 'n', help: 'pick a namespace', screens: mainScreens, match: (i, k) => i === 'n' && !k.ctrl },
	{ action: 'help', keys: '?', short: '?', help: 'this help (again to close)', match: (i) => i === '?' },
	{ action: 'retry', keys: 'r', help: 'read the cluster again after a connection error (live clusters)', match: (i, k) => i === 'r' && !k.ctrl },
	{ action: 'quit', keys: 'q ctrl-c', short: 'q', help: 'quit', match: (i, k) => i === 'q' || (k.ctrl && i === 'c') },
];

/** What Enter does on each screen, for the footer. */
export const openLabel: Partial<Record<ScreenId, string>> = {
	services: 'detail',
	ingresses: 'backend',
	problems: 'go to',
	namespaces: 'pick',
	contexts: 'switch',
};

const footerWords: Partial<Record<KeyAction, string>> = {
	down: 'move',
	back: 'back',
	filter: 'filter',
	command: 'jump',
	namespace: 'ns',
	help: 'help',
	quit: 'quit',
};

export function bindingWorksOn(binding: Binding, screen: ScreenId): boolean {
	return !binding.screens || binding.screens.has(screen);
}

/** Which footer entries stay longest when the terminal is narrow: quitting and help above all. */
const footerRank: Partial<Record<KeyAction, number>> = {
	quit: 9,
	help: 8,
	open: 7,
	filter: 6,
	back: 5,
	down: 4,
	command: 3,
	namespace: 2,
};

/**
 * The footer's key list for a screen: only keys that work there, in table order. When `width`
 * is too small for all of them, the least needed go first (q and ? stay).
 */
export function footerKeys(screen: ScreenId, width = Infinity): string[] {
	let shown = bindings
		.filter((b) => b.short && bindingWorksOn(b, screen))
		.map((b) => ({ rank: footerRank[b.action] ?? 0, text: `${b.short} ${b.action === 'open' ? (openLabel[screen] ?? 'open') : footerWords[b.action]}` }));
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
	if (!bindingWorksOn(binding, screen)) {
		return binding.action === 'filter' ? { type: 'flash', message: 'this screen has no filter' } : undefined;
	}
	switch (binding.action) {
		case 'down':
			return { type: 'move', delta: 1, ...extent };
		case 'up':
			return { type: 'move', delta: -1, ...extent };
		case 'pageDown':
			return { type: 'page', direction: 1, ...extent };
		case 'pageUp':
			return { type: 'page', direction: -1, ...extent };
		case 'top':
			return { type: 'top', ...extent };
		case 'bottom':
			return { type: 'bottom', ...extent };
		case 'open':
			return open();
		case 'back':
			return { type: 'back' };
		case 'filter':
			return { type: 'startFilter' };
		case 'command':
			return { type: 'startCommand' };
		case 'retry':
			return { type: 'retry' };
		case 'namespace':
			return { type: 'jump', screen: 'namespaces' };
		case 'help':
			return screen === 'help' ? { type: 'back' } : { type: 'jump', screen: 'help' };
		case 'quit':
			return { type: 'quit' };
	}
}
