/**
 * Every change to the UI state, as a pure function. Actions that move a cursor carry the size of
 * the list and of the window they act on, so the reducer can clamp without knowing the data;
 * React only feeds it and renders the result.
 */
import { safe } from '../../report/safe-text.js';
import { commandNames, parseCommand } from './commands.js';
import { clamp, followSelection, scrollTop } from './window.js';
import { screens } from '../screens/registry.js';
import {
	currentView,
	view,
	type ScreenId,
	type UiState,
	type View,
} from './ui-state.js';

/** The size of what the current screen shows: its row (or line) count and visible height. */
export interface Extent {
	count: number;
	height: number;
}

export type UiAction =
	| ({ type: 'move'; delta: number } & Extent)
	| ({ type: 'page'; direction: 1 | -1 } & Extent)
	| ({ type: 'top' } & Extent)
	| ({ type: 'bottom' } & Extent)
	| { type: 'push'; view: View }
	| { type: 'jump'; screen: ScreenId }
	| { type: 'back' }
	| { type: 'startFilter' }
	| { type: 'startCommand' }
	| { type: 'typeText'; text: string }
	| { type: 'erase' }
	/**
	 * Enter in the filter or command line. `namespaces`: the namespaces the input holds, when they
	 * are all known (files, the demo), so `:ns NAME` can refuse one that is not there; absent for a
	 * live cluster, where a namespace may simply have no Services yet.
	 */
	| { type: 'submit'; namespaces?: ReadonlySet<string> }
	| { type: 'cancel' }
	| { type: 'setNamespace'; namespace?: string }
	| { type: 'flash'; message: string }
	/** Switch to another kubeconfig context; the app opens its stream (`:ctx`). */
	| { type: 'switchContext'; context: string }
	| { type: 'contextSwitched' }
	/** Ask the source to read the cluster again; the app passes it on to the stream. */
	| { type: 'retry' }
	| { type: 'quit' };

function replaceTop(state: UiState, change: Partial<View>): UiState {
	const stack = state.stack.slice();
	stack[stack.length - 1] = { ...currentView(state), ...change };
	return { ...state, stack };
}

function moveTo(state: UiState, target: number, extent: Extent): UiState {
	const top = currentView(state);
	if (screens[top.screen].body === 'text') {
		return replaceTop(state, { offset: scrollTop(target, extent.height, extent.count) });
	}
	if (extent.count === 0) return replaceTop(state, { selected: 0, offset: 0 });
	const selected = clamp(target, 0, extent.count - 1);
	return replaceTop(state, { selected, offset: followSelection(selected, top.offset, extent.height, extent.count) });
}

/** Where a relative move starts: the cursor, or the scroll position on text screens. */
function position(state: UiState, extent: Extent): number {
	const top = currentView(state);
	if (screens[top.screen].body === 'text') return scrollTop(top.offset, extent.height, extent.count);
	return clamp(top.selected, 0, Math.max(0, extent.count - 1));
}

function setFilter(state: UiState, filter: string): UiState {
	return replaceTop(state, { filter, selected: 0, offset: 0 });
}

function jump(state: UiState, screen: ScreenId): UiState {
	const top = currentView(state);
	if (top.screen === screen) return state;
	// Help and the pickers sit on top of where the user was; the main screens replace it.
	if (screens[screen].place === 'overlay') return { ...state, stack: [...state.stack, view(screen)] };
	return { ...state, stack: [view(screen)] };
}

function runCommand(state: UiState, text: string, namespaces: ReadonlySet<string> | undefined): UiState {
	const done: UiState = { ...state, mode: 'normal', input: '' };
	if (text.trim() === '') return done;
	const effect = parseCommand(text);
	if (!effect) return { ...done, message: `unknown command :${text.trim()} — try ${commandNames()}` };
	if (effect.type === 'quit') return { ...done, quit: true };
	if (effect.type === 'namespace' && effect.namespace !== undefined && namespaces && !namespaces.has(effect.namespace)) {
		return { ...done, message: `namespace ${safe(effect.namespace)} is not in the input (n lists the namespaces it has)` };
	}
	if (effect.type === 'namespace') return reduce(done, { type: 'setNamespace', namespace: effect.namespace });
	return jump(done, effect.screen);
}

export function reduce(state: UiState, action: UiAction): UiState {
	// A notice lasts until the next thing the user does.
	const s = state.message && action.type !== 'flash' ? { ...state, message: '' } : state;
	switch (action.type) {
		case 'move':
			return moveTo(s, position(s, action) + action.delta, action);
		case 'page':
			return moveTo(s, position(s, action) + action.direction * Math.max(1, action.height - 1), action);
		case 'top':
			return moveTo(s, 0, action);
		case 'bottom':
			return moveTo(s, Math.max(0, action.count - 1), action);
		case 'push':
			return { ...s, stack: [...s.stack, action.view] };
		case 'jump':
			return jump(s, action.screen);
		case 'back': {
			const top = currentView(s);
			if (top.filter !== '') return setFilter(s, '');
			if (s.stack.length > 1) return { ...s, stack: s.stack.slice(0, -1) };
			// A main screen reached with `:` replaced the stack: back leads home, to the Services.
			if (top.screen !== 'services') return { ...s, stack: [view('services')] };
			return s;
		}
		case 'startFilter': {
			const top = currentView(s);
			if (!screens[top.screen].filter) return { ...s, message: 'this screen has no filter' };
			return { ...s, mode: 'filter', input: top.filter };
		}
		case 'startCommand':
			return { ...s, mode: 'command', input: '' };
		case 'typeText': {
			const input = s.input + action.text;
			return s.mode === 'filter' ? setFilter({ ...s, input }, input) : { ...s, input };
		}
		case 'erase': {
			if (s.input === '') return s.mode === 'command' ? { ...s, mode: 'normal' } : s;
			const input = [...s.input].slice(0, -1).join('');
			return s.mode === 'filter' ? setFilter({ ...s, input }, input) : { ...s, input };
		}
		case 'submit':
			if (s.mode === 'command') return runCommand(s, s.input, action.namespaces);
			return { ...s, mode: 'normal', input: '' };
		case 'cancel':
			// Esc while typing a filter clears it, as in k9s; a half-typed command is dropped.
			if (s.mode === 'filter') return setFilter({ ...s, mode: 'normal', input: '' }, '');
			return { ...s, mode: 'normal', input: '' };
		case 'setNamespace': {
			const stack = s.stack.filter((v) => v.screen !== 'namespaces').map((v) => ({ ...v, selected: 0, offset: 0 }));
			return { ...s, namespace: action.namespace, stack: stack.length > 0 ? stack : [view('services')] };
		}
		case 'flash':
			return { ...s, message: action.message };
		case 'switchContext':
			return { ...s, message: `switching to context ${action.context}…` };
		case 'contextSwitched': {
			// Back to where the user was, on the new context's data.
			const stack = s.stack.filter((v) => v.screen !== 'contexts');
			return { ...s, stack: stack.length > 0 ? stack : [view('services')] };
		}
		case 'retry':
			return { ...s, message: 'reading the cluster again…' };
		case 'quit':
			return { ...s, quit: true };
	}
}
