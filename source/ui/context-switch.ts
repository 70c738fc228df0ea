/**
 * `:ctx` in a live session: which stream the app follows, and switching it to another context
 * without restarting. The new stream is opened first; only when it is there is the old one
 * closed, so a context that cannot be opened (a broken user entry, say) leaves the session as it
 * was, with the reason as one line and r to try again.
 */
import { useCallback, useRef, useState } from 'react';
import type { SnapshotStream } from '../cluster/snapshot.js';
import type { ContextSwitcher, ContextsData } from './screens/contexts.js';

interface SwitchState {
	context: string;
	error?: string;
}

export interface ContextSwitch {
	/** The stream to follow now. */
	stream: SnapshotStream;
	/** What the picker shows (undefined outside live sessions). */
	data: (current: string) => ContextsData | undefined;
	switchTo(context: string): void;
	/** Tries the failed switch again; false when there is none to retry. */
	retry(): boolean;
}

function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'the context could not be opened';
}

export function useContextSwitch(first: SnapshotStream, switcher: ContextSwitcher | undefined, onSwitched: () => void): ContextSwitch {
	const [stream, setStream] = useState(first);
	const current = useRef(first);
	const [state, setState] = useState<SwitchState | undefined>(undefined);
	const attempt = useRef(0);
	const switchTo = useCallback(
		(context: string) => {
			if (!switcher) return;
			const id = ++attempt.current;
			setState({ context });
			switcher.open(context).then(
				(next) => {
					// A later switch wins; a stream nobody follows is closed at once.
					if (id !== attempt.current) {
						next.close?.();
						return;
					}
					const old = current.current;
					current.current = next;
					setStream(next);
					setState(undefined);
					old.close?.();
					onSwitched();
				},
				(error: unknown) => {
					if (id === attempt.current) setState({ context, error: oneLine(error) });
				},
			);
		},
		[switcher, onSwitched],
	);
	const data = useCallback(
		(now: string): ContextsData | undefined =>
			switcher
				? {
						entries: switcher.entries,
						current: now,
						error: state?.error ?? switcher.error,
						switching: state && !state.error ? state.context : undefined,
					}
				: undefined,
		[switcher, state],
	);
	const retry = useCallback(() => {
		if (!state?.error) return false;
		switchTo(state.context);
		return true;
	}, [state, switchTo]);
	return { stream, data, switchTo, retry };
}
