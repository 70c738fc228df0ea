/**
 * The Ink root of the TUI. It follows the snapshot stream (a live cluster's changes redraw in
 * place), analyses each snapshot once, keeps the UI state in a pure reducer and turns keys into
 * actions through the binding table. What is on screen is derived from those three things.
 */
import { useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { Snapshot, SnapshotOrigin, SnapshotStream, StreamHealth } from './cluster/snapshot.js';
import { holdForInput, useAnalysis } from './ui/analysis.js';
import { loadingText } from './ui/loading.js';
import { footerLine, headerLine, nextAgeChange } from './ui/chrome.js';
import { Frame } from './ui/components/Frame.js';
import { bodyLayout, type TerminalSize } from './ui/frame.js';
import { keyToAction, splitKeys } from './ui/keys.js';
import { seg, type Line } from './ui/lines.js';
import { buildScreen, prepareScreen, type ScreenData, type ScreenModel } from './ui/screens/index.js';
import { modeProxyTreeProvider } from './ui/screens/mode-proxy-tree.js';
import { inputNamespaces } from './ui/screens/namespaces.js';
import type { ProxyOverrides } from './model/iptables/index.js';
import { reduce, type Extent, type UiAction } from './ui/state/reducer.js';
import { currentView, initialState, type ScreenId, type UiState, type View } from './ui/state/ui-state.js';
import { useTerminalSize } from './ui/terminal-size.js';
import { useContextSwitch } from './ui/context-switch.js';
import type { ContextSwitcher } from './ui/screens/contexts.js';
import { safe } from './report/safe-text.js';

export interface AppOptions {
	clusterDomain: string;
	ingressClass?: string;
	/** The namespace to start in (-n); every namespace when absent. */
	namespace?: string;
	color: boolean;
	/** The screen to open first. */
	screen?: ScreenId;
}

export interface AppProps {
	stream: SnapshotStream;
	options: AppOptions;
	/** Which node's kube-proxy the detail screen shows, and its settings (--node, --node-ip…). */
	proxy?: ProxyOverrides;
	/** A fixed size (tests); otherwise the terminal's, following resizes. */
	size?: TerminalSize;
	/** The clock for "updated 5s ago" (tests pin it). */
	now?: () => number;
	/** How long to gather a burst of live changes into one redraw. */
	updateDelayMs?: number;
	/** Called once when the user quits, just before the app exits. */
	onQuit?: () => void;
	/** Snapshots with more Services and pods than this are drawn from an outline first (tests lower it). */
	outlineAbove?: number;
	/** The kubeconfig's contexts and a way to open one (`:ctx`; live sessions only). */
	contexts?: ContextSwitcher;
}

/** The Service a table's cursor is on, and where: the cursor follows it when the rows re-sort. */
interface Pin {
	data: ScreenData;
	screen: ScreenId;
	depth: number;
	key: string;
	index: number;
}

interface Source {
	snapshot: Snapshot;
	health: StreamHealth;
}

/** Follows the stream, gathering bursts of changes so a busy cluster redraws a few times a second at most. */
function useSource(stream: SnapshotStream, delay: number): Source {
	const [source, setSource] = useState<Source>(() => ({ snapshot: stream.current(), health: stream.health() }));
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		const apply = () => {
			timer = undefined;
			setSource({ snapshot: stream.current(), health: stream.health() });
		};
		const unsubscribe = stream.subscribe(() => {
			timer ??= setTimeout(apply, delay);
		});
		// A change may have come between the first read and the subscription.
		apply();
		return () => {
			unsubscribe();
			if (timer) clearTimeout(timer);
		};
	}, [stream, delay]);
	return source;
}

/**
 * The clock for the header's "updated Ns ago": while the data is live it ticks only when that
 * text would change (each second at first, then every ten, then every minute), so an idle
 * screen is redrawn a few times a minute at most.
 */
function useClock(now: () => number, ticking: boolean, since: string | undefined): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		if (!ticking) return;
		let id: ReturnType<typeof setTimeout> | undefined;
		const schedule = () => {
			const wait = nextAgeChange(since, now());
			if (wait === undefined) return;
			id = setTimeout(() => {
				setTime(now());
				schedule();
			}, wait);
		};
		schedule();
		return () => clearTimeout(id);
	}, [now, ticking, since]);
	return ticking ? time : now();
}

/** The first read failed: the one-line reason, and what the user can do about it. */
function errorBody(health: StreamHealth): Line[] {
	return [
		[seg(`  ✗ ${safe(health.message ?? 'the cluster could not be read')}`, 'error')],
		[],
		[seg('  r', 'accent'), seg(' retry    '), seg('q', 'accent'), seg(' quit')],
	];
}

function loadingBody(health: StreamHealth, origin: SnapshotOrigin): Line[] {
	const lines: Line[] = [[seg(origin.kind === 'files' ? '  Reading the files…' : '  Reading the cluster…', 'info')]];
	for (const [kind, progress] of Object.entries(health.progress ?? {})) {
		lines.push([seg(kind === '' ? '    ' : `    ${safe(kind).padEnd(15)} `, 'muted'), seg(safe(progress))]);
	}
	return lines;
}

export function App({ stream: first, options, proxy, size: fixedSize, now = Date.now, updateDelayMs = 50, onQuit, outlineAbove, contexts }: AppProps): ReactElement {
	const { exit } = useApp();
	const size = useTerminalSize(fixedSize);
	const switched = useRef<() => void>(() => {});
	const onSwitched = useCallback(() => switched.current(), []);
	const ctxSwitch = useContextSwitch(first, contexts, onSwitched);
	const stream = ctxSwitch.stream;
	const { snapshot, health } = useSource(stream, updateDelayMs);
	// Only the live and reconnecting headers show an age.
	const clock = useClock(now, health.state === 'live' || health.state === 'reconnecting', health.updatedAt ?? snapshot.takenAt);
	const stillLoading = loadingText(health);
	const [state, setState] = useState<UiState>(() => initialState(options.namespace, options.screen));
	// Keys can arrive several to a chunk (a paste, or tmux send-keys): each must see the state the
	// previous one left, not the one of the last render.
	const stateRef = useRef(state);
	const analysis = useAnalysis(
		stream,
		snapshot,
		health.state === 'loading',
		{ clusterDomain: options.clusterDomain, ingressClass: options.ingressClass },
		outlineAbove,
		// A large cluster's next answer is shown once the current screen's rows are ready for it.
		(next) => prepareScreen(currentView(stateRef.current), { analysis: next, namespace: stateRef.current.namespace, width: size.columns }),
	);

	const proxyTrees = useMemo(() => modeProxyTreeProvider(proxy ?? {}), [proxy]);
	const data: ScreenData = useMemo(
		() => ({
			analysis,
			namespace: state.namespace,
			width: size.columns,
			proxyTrees,
			loading: stillLoading || undefined,
			contexts: ctxSwitch.data(snapshot.origin.context ?? ''),
		}),
		[analysis, state.namespace, size.columns, proxyTrees, stillLoading, ctxSwitch.data, snapshot.origin.context],
	);
	const cache = useRef<{ data: ScreenData; view: View; model: ScreenModel } | undefined>(undefined);
	const modelFor = useCallback(
		(v: View): ScreenModel => {
			const hit = cache.current;
			if (hit && hit.data === data && hit.view.screen === v.screen && hit.view.subject === v.subject && hit.view.filter === v.filter) {
				return hit.model;
			}
			const model = buildScreen(v, data);
			cache.current = { data, view: v, model };
			return model;
		},
		[data],
	);

	/** The Service under the cursor in `ui`'s top view, on this render's rows: what the cursor stays on. */
	const pinOf = (ui: UiState): Pin | undefined => {
		const top = currentView(ui);
		const m = modelFor(top);
		const key = m.kind === 'table' ? m.keyAt?.(top.selected) : undefined;
		return key === undefined ? undefined : { data, screen: top.screen, depth: ui.stack.length, key, index: top.selected };
	};

	const dispatch = useCallback((action: UiAction) => {
		stateRef.current = reduce(stateRef.current, action);
		setState(stateRef.current);
	}, []);
	switched.current = () => dispatch({ type: 'contextSwitched' });

	// When a new analysis re-sorts the rows, the cursor stays on the Service it was on, and only
	// when no key moved it since the last frame (the key wins). Moved during render: React then
	// renders again before committing, so no frame is drawn with the cursor on another Service.
	// (A layout effect was too late: Ink writes the frame on commit, before layout effects run,
	// so the cursor flickered onto the row that took the Service's place for one frame.)
	const pin = useRef<Pin | undefined>(undefined);
	{
		const pinned = pin.current;
		const current = stateRef.current;
		const top = currentView(current);
		// A cursor on the first row stays there: after a re-sort the top row is the most urgent
		// Service (the first answer after loading sorts by status what the outline sorted by name),
		// and a cursor nobody has moved would otherwise open the first answer in its middle.
		if (pinned && pinned.index > 0 && pinned.data !== data && pinned.depth === current.stack.length && pinned.screen === top.screen && pinned.index === top.selected) {
			const m = modelFor(top);
			const at = m.kind === 'table' ? (m.indexOfKey?.(pinned.key) ?? -1) : -1;
			if (m.kind === 'table' && at >= 0 && at !== top.selected) {
				dispatch({ type: 'move', delta: at - top.selected, count: m.count, height: bodyLayout(size, m).window });
			}
		}
	}

	const handleKey = (input: string, key: Key) => {
		const current = stateRef.current;
		const v = currentView(current);
		const model = modelFor(v);
		const extent: Extent = {
			count: model.kind === 'table' ? model.count : model.lines.length,
			height: bodyLayout(size, model).window,
		};
		const open = () => {
			if (model.kind !== 'table' || model.count === 0) return undefined;
			return model.open(Math.min(Math.max(0, v.selected), model.count - 1));
		};
		const typed = keyToAction(current, input, key, extent, open);
		// `:ns NAME` is checked against the namespaces the input holds (the reducer knows no snapshot).
		const action = typed?.type === 'submit' && current.mode === 'command' ? { ...typed, namespaces: inputNamespaces(data.analysis) } : typed;
		if (action?.type === 'switchContext') {
			if (action.context === snapshot.origin.context) return dispatch({ type: 'contextSwitched' });
			ctxSwitch.switchTo(action.context);
		}
		if (action?.type === 'retry' && ctxSwitch.retry()) return;
		if (action?.type === 'retry') {
			if (!stream.retry) return;
			stream.retry();
		}
		if (!action) return;
		dispatch(action);
		// The key moved the cursor on the rows this render drew. When a new analysis is rendered
		// together with this key (both arrive before the next frame), the cursor must then follow
		// the Service the key moved to, not stay at its index in rows that have re-sorted (which
		// could hold the Service it was on: the key would seem lost).
		pin.current = pinOf(stateRef.current);
	};
	// Ink re-subscribes a changed input handler in a passive effect, after the frame is drawn; a key
	// arriving in between would meet the previous render's closures (a retry that no longer
	// applies, say). The handler Ink holds is stable and calls the one this render committed.
	const keyHandler = useRef(handleKey);
	useLayoutEffect(() => {
		keyHandler.current = handleKey;
	});
	const onInput = useCallback((input: string, key: Key) => {
		holdForInput();
		for (const [one, k] of splitKeys(input, key)) keyHandler.current(one, k);
	}, []);
	useInput(onInput);

	useEffect(() => {
		if (!state.quit) return;
		onQuit?.();
		exit();
	}, [state.quit, exit, onQuit]);

	const v = currentView(state);
	const model = modelFor(v);
	const drawn = pinOf(state);
	// After the check above (effects run in order): what this frame drew is what the next one compares with.
	useLayoutEffect(() => {
		pin.current = drawn;
	});
	const empty = snapshot.services.length === 0;
	const loading = health.state === 'loading' && empty;
	const failed = health.state === 'error' && empty;
	return (
		<Frame
			size={size}
			theme={{ color: options.color }}
			header={headerLine(snapshot, health, state.namespace, clock)}
			footer={footerLine(state, size.columns)}
			model={model}
			view={v}
			body={failed ? errorBody(health) : loading ? loadingBody(health, snapshot.origin) : undefined}
		/>
	);
}
