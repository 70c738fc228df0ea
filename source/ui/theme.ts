/**
 * Tones to terminal colours. Only the 16 basic colours are used, because a bastion host's
 * terminal (or tmux over SSH) may offer nothing more; with NO_COLOR or --no-color every tone
 * maps to no colour at all, and meaning is still carried by symbols and words.
 */
import type { Tone } from './lines.js';

export type BasicColor = 'red' | 'yellow' | 'green' | 'cyan' | 'blue' | 'magenta' | 'gray' | 'white';

const palette: Record<Tone, BasicColor | undefined> = {
	plain: undefined,
	error: 'red',
	warning: 'yellow',
	info: 'cyan',
	ok: 'green',
	pending: 'gray',
	muted: 'gray',
	accent: 'cyan',
	title: undefined,
};

export interface Theme {
	color: boolean;
}

export function colorOf(theme: Theme, tone: Tone | undefined): BasicColor | undefined {
	return theme.color && tone ? palette[tone] : undefined;
}
