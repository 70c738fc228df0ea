import { describe, expect, test } from 'vitest';
import { reduce, type UiAction } from '../../../source/ui/state/reducer.js';
import { currentView, initialState, view, type UiState } from '../../../source/ui/state/ui-state.js';
import { parseCommand } from '../../../source/ui/state/commands.js';
import { loadDemo } from '../../../source/cluster/demo.js';
import { emptySnapshot } from '../../../source/cluster/snapshot.js';
import { analyze } from '../../../source/model/analyze.js';
import { inputNamespaces } from '../../../source/ui/screens/namespaces.js';

const list = { count: 100, height: 10 };

function run(state: UiState, ...actions: UiAction[]): UiState {
	return actions.reduce(reduce, state);
}

function typed(state: UiState, text: string): UiState {
	return run(state, ...[...text].map((ch): UiAction => ({ type: 'typeText', text: ch })));
}

describe('cursor movement on a list', () => {
	test('moves one row at a time and never leaves the list', () => {
		let s = run(initialState(), { type: 'move', delta: -1, ...list });
		expect(currentView(s).selected).toBe(0);
		s = run(s, { type: 'move', delta: 1, ...list }, { type: 'move', delta: 1, ...list });
		expect(currentView(s).selected).toBe(2);
		s = run(s, { type: 'bottom', ...list }, { type: 'move', delta: 1, ...list });
		expect(currentView(s).selected).toBe(99);
	});

	test('scrolls so the cursor stays in the window', () => {
		let s = run(initialState(), ...Array.from({ length: 12 }, (): UiAction => ({ type: 'move', delta: 1, ...list })));
		expect(currentView(s)).toMatchObject({ selected: 12, offset: 3 });
		s = run(s, { type: 'top', ...list });
		expect(currentView(s)).toMatchObject({ selected: 0, offset: 0 });
		s = run(s, { type: 'bottom', ...list });
		expect(currentView(s)).toMatchObject({ selected: 99, offset: 90 });
	});

	test('pages by the window height less one line of overlap', () => {
		let s = run(initialState(), { type: 'page', direction: 1, ...list });
		expect(currentView(s).selected).toBe(9);
		s = run(s, { type: 'page', direction: 1, ...list }, { type: 'page', direction: -1, ...list });
		expect(currentView(s).selected).toBe(9);
	});

	test('an empty list keeps the cursor at 0', () => {
		const s = run(initialState(), { type: 'move', delta: 1, count: 0, height: 10 });
		expect(currentView(s)).toMatchObject({ selected: 0, offset: 0 });
	});
});

describe('scrolling a text screen', () => {
	test('moves the first line shown, never past the last page', () => {
		const detail: UiState = { ...initialState(), stack: [view('services'), view('detail', { subject: 'a/b' })] };
		let s = run(detail, { type: 'move', delta: 1, count: 30, height: 20 });
		expect(currentView(s).offset).toBe(1);
		s = run(s, { type: 'page', direction: 1, count: 30, height: 20 });
		expect(currentView(s).offset).toBe(10);
		s = run(s, { type: 'top', count: 30, height: 20 });
		expect(currentView(s).offset).toBe(0);
		s = run(s, { type: 'bottom', count: 30, height: 20 });
		expect(currentView(s).offset).toBe(10);
	});
});

describe('the view stack', () => {
	test('Enter pushes a detail view and Esc pops back to the list with its cursor', () => {
		let s = run(initialState(), { type: 'move', delta: 1, ...list }, { type: 'move', delta: 1, ...list });
		s = run(s, { type: 'push', view: view('detail', { subject: 'shop/web' }) });
		expect(currentView(s)).toMatchObject({ screen: 'detail', subject: 'shop/web' });
		s = run(s, { type: 'back' });
		expect(currentView(s)).toMatchObject({ screen: 'services', selected: 2 });
		expect(run(s, { type: 'back' }).stack).toHaveLength(1);
	});

	test('Esc clears a filter before it goes back', () => {
		let s = typed(run(initialState(), { type: 'startFilter' }), 'web');
		s = run(s, { type: 'submit' }, { type: 'push', view: view('detail', { subject: 'x/y' }) }, { type: 'back' });
		expect(currentView(s)).toMatchObject({ screen: 'services', filter: 'web' });
		s = run(s, { type: 'back' });
		expect(currentView(s).filter).toBe('');
	});

	test('jumping to a main screen replaces the stack; help sits on top and goes away with Esc', () => {
		let s = run(initialState(), { type: 'push', view: view('detail', { subject: 'a/b' }) }, { type: 'jump', screen: 'problems' });
		expect(s.stack.map((v) => v.screen)).toEqual(['problems']);
		s = run(s, { type: 'jump', screen: 'help' });
		expect(s.stack.map((v) => v.screen)).toEqual(['problems', 'help']);
		expect(currentView(run(s, { type: 'back' })).screen).toBe('problems');
	});

	test('Esc on a main screen reached with `:` leads back to the Services (the footer says esc back)', () => {
		const s = run(initialState(), { type: 'jump', screen: 'gateways' });
		expect(run(s, { type: 'back' }).stack.map((v) => v.screen)).toEqual(['services']);
		// On the Services themselves Esc has nowhere further to go.
		expect(run(initialState(), { type: 'back' }).stack.map((v) => v.screen)).toEqual(['services']);
	});
});

describe('the filter', () => {
	test('applies while it is typed and resets the cursor', () => {
		let s = run(initialState(), { type: 'move', delta: 5, ...list }, { type: 'startFilter' });
		expect(s.mode).toBe('filter');
		s = typed(s, 'api');
		expect(currentView(s)).toMatchObject({ filter: 'api', selected: 0, offset: 0 });
		s = run(s, { type: 'erase' });
		expect(currentView(s).filter).toBe('ap');
	});

	test('Enter keeps it, Esc clears it', () => {
		const typing = typed(run(initialState(), { type: 'startFilter' }), 'db');
		const kept = run(typing, { type: 'submit' });
		expect(kept.mode).toBe('normal');
		expect(currentView(kept).filter).toBe('db');
		const cleared = run(typing, { type: 'cancel' });
		expect(cleared.mode).toBe('normal');
		expect(currentView(cleared).filter).toBe('');
	});

	test('is refused on screens without rows to filter', () => {
		const detail: UiState = { ...initialState(), stack: [view('detail', { subject: 'a/b' })] };
		const s = run(detail, { type: 'startFilter' });
		expect(s.mode).toBe('normal');
		expect(s.message).toMatch(/no filter/);
	});
});

describe(': commands', () => {
	test('jump to screens by k9s names', () => {
		for (const [text, screen] of [
			['svc', 'services'],
			['ing', 'ingresses'],
			['problems', 'problems'],
			['help', 'help'],
			['ns', 'namespaces'],
		] as const) {
			const s = run(typed(run(initialState(undefined, 'problems'), { type: 'startCommand' }), text), { type: 'submit' });
			expect(currentView(s).screen, text).toBe(screen);
			expect(s.mode).toBe('normal');
		}
	});

	test(':ns NAME picks a namespace and :ns all goes back to every namespace', () => {
		let s = run(typed(run(initialState(), { type: 'startCommand' }), 'ns shop'), { type: 'submit' });
		expect(s.namespace).toBe('shop');
		s = run(typed(run(s, { type: 'startCommand' }), 'ns all'), { type: 'submit' });
		expect(s.namespace).toBeUndefined();
	});

	test(':ns NAME of a namespace the input does not hold is refused when its namespaces are known; live sessions take any name', () => {
		const namespaces = inputNamespaces(analyze(loadDemo()));
		let s = run(typed(run(initialState(), { type: 'startCommand' }), 'ns bogus'), { type: 'submit', namespaces });
		expect(s.namespace).toBeUndefined();
		expect(s.mode).toBe('normal');
		expect(s.message).toBe('namespace bogus is not in the input (n lists the namespaces it has)');
		s = run(typed(run(s, { type: 'startCommand' }), 'ns shop'), { type: 'submit', namespaces });
		expect(s.namespace).toBe('shop');
		s = run(typed(run(s, { type: 'startCommand' }), 'ns all'), { type: 'submit', namespaces });
		expect(s.namespace).toBeUndefined();
		// A live cluster: no list to check against (a new namespace may have no Services yet).
		const live = emptySnapshot({ kind: 'live', description: 'live', context: 'kind' });
		expect(inputNamespaces(analyze(live))).toBeUndefined();
		expect(run(typed(run(initialState(), { type: 'startCommand' }), 'ns new-team'), { type: 'submit' }).namespace).toBe('new-team');
	});

	test(':q quits; an unknown command says so and changes nothing else', () => {
		expect(run(typed(run(initialState(), { type: 'startCommand' }), 'q'), { type: 'submit' }).quit).toBe(true);
		const s = run(typed(run(initialState(), { type: 'startCommand' }), 'pods'), { type: 'submit' });
		expect(s.message).toMatch(/unknown command :pods/);
		expect(s.stack).toEqual(initialState().stack);
		// The notice goes with the next key.
		expect(run(s, { type: 'move', delta: 1, ...list }).message).toBe('');
	});

	test('backspace on an empty command line leaves command mode', () => {
		const s = run(initialState(), { type: 'startCommand' }, { type: 'erase' });
		expect(s.mode).toBe('normal');
	});

	test('parseCommand is case-insensitive and ignores spaces', () => {
		expect(parseCommand('  SVC ')).toEqual({ type: 'jump', screen: 'services' });
		expect(parseCommand('nope')).toBeUndefined();
	});
});

describe('namespace choice', () => {
	test('closes the picker and sends every list back to its first row', () => {
		let s = run(initialState(), { type: 'move', delta: 7, ...list }, { type: 'jump', screen: 'namespaces' });
		expect(s.stack.map((v) => v.screen)).toEqual(['services', 'namespaces']);
		s = run(s, { type: 'setNamespace', namespace: 'ops' });
		expect(s.namespace).toBe('ops');
		expect(s.stack.map((v) => v.screen)).toEqual(['services']);
		expect(currentView(s).selected).toBe(0);
	});
});
