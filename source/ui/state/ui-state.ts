/**
 * What the TUI remembers between keypresses, as plain data: the stack of screens the user walked
 * through (each with its own cursor, scroll and filter), the selected namespace and whether a
 * filter or `:` command is being typed. Everything on screen is derived from this plus the
 * Analysis; nothing else is stateful.
 */

import type { ScreenId } from '../screens/registry.js';

export type { ScreenId };

export interface View {
	screen: ScreenId;
	/** What the screen is about: the Service key (`ns/name`) for detail. */
	subject?: string;
	/** Cursor row in list screens. */
	selected: number;
	/** First row (or line) on screen. */
	offset: number;
	filter: string;
}

export type InputMode = 'normal' | 'filter' | 'command';

export interface UiState {
	stack: View[];
	mode: InputMode;
	/** The text after `/` or `:` while it is being typed. */
	input: string;
	/** undefined: every namespace in the snapshot. */
	namespace?: string;
	/** A one-line notice shown until the next key ("unknown command: foo"). */
	message: string;
	quit: boolean;
}

export function view(screen: ScreenId, init: Partial<View> = {}): View {
	return { screen, selected: 0, offset: 0, filter: '', ...init };
}

export function initialState(namespace?: string, screen: ScreenId = 'services'): UiState {
	return { stack: [view(screen)], mode: 'normal', input: '', namespace, message: '', quit: false };
}

export function currentView(state: UiState): View {
	return state.stack[state.stack.length - 1]!;
}
