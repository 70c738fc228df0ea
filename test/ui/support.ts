/**
 * Helpers for the TUI tests: the hand-written fixture cluster, a stream whose snapshot a test can
 * replace (a live cluster in miniature), a synthetic cluster of any size, and waits for the frame
 * a test expects.
 */
import { fileURLToPath } from 'node:url';
import { addObject } from '../../source/cluster/normalize.js';
import { loadFiles } from '../../source/cluster/files.js';
import { emptySnapshot, type Snapshot, type SnapshotStream, type StreamHealth } from '../../source/cluster/snapshot.js';

export const fixturePath = fileURLToPath(new URL('./fixtures/shop.yaml', import.meta.url));

export function shopSnapshot(): Snapshot {
	return loadFiles([fixturePath], { kind: 'files', description: 'shop fixture', context: 'test-ctx' });
}

export interface ControlledStream extends SnapshotStream {
	push(snapshot: Snapshot, health?: StreamHealth): void;
	closed: boolean;
}

export function controlledStream(first: Snapshot, health: StreamHealth = { state: 'static' }): ControlledStream {
	let snapshot = first;
	let state = health;
	const listeners = new Set<() => void>();
	const stream: ControlledStream = {
		closed: false,
		current: () => snapshot,
		health: () => state,
		subscribe(onChange) {
			listeners.add(onChange);
			return () => listeners.delete(onChange);
		},
		push(next, nextHealth) {
			snapshot = next;
			if (nextHealth) state = nextHealth;
			for (const l of listeners) l();
		},
		close() {
			stream.closed = true;
		},
	};
	return stream;
}

/**
 * `count` Services spread over namespaces of 100 Services each, every 7th with a selector that
 * matches no pod (the size of a namespace, not the cluster's, is what per-namespace rules scan).
 */
export function syntheticSnapshot(count: number): Snapshot {
	const snapshot = emptySnapshot({ kind: 'files', description: 'synthetic', context: 'big' });
	for (let i = 0; i < count; i++) {
		const namespace = `ns-${String(i % Math.max(1, Math.ceil(count / 100))).padStart(3, '0')}`;
		const name = `svc-${String(i).padStart(5, '0')}`;
		addObject(snapshot, 'Service', {
			metadata: { name, namespace },
			spec: {
				clusterIP: `10.96.${Math.floor(i / 250)}.${i % 250}`,
				selector: { app: i % 7 === 0 ? `missing-${i}` : name },
				ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
			},
		});
		if (i % 7 !== 0) {
			addObject(snapshot, 'Pod', {
				metadata: { name: `${name}-pod`, namespace, labels: { app: name } },
				spec: { nodeName: 'node-1', containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }] },
				status: { podIP: `10.244.${Math.floor(i / 250)}.${i % 250}`, conditions: [{ type: 'Ready', status: 'True' }] },
			});
		}
	}
	return snapshot;
}

/** Polls until `check` holds, a turn of the event loop at a time; the bound only stops a hung test. */
export async function waitUntil(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
	const deadline = Date.now() + limitMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/** What ink-testing-library's render returns that the waits below read. */
export interface Drawing {
	frames: string[];
	lastFrame(): string | undefined;
	stdin: { write(data: string): void };
}

/**
 * Waits until Ink has drawn a frame that passes `test` and returns it. Ink draws after a key, a
 * stream push or a finished analysis on its own schedule; waiting for the frame a test expects
 * (rather than for a number of event-loop turns) is what makes the assertion after it mean something.
 */
export async function frameWhere(r: Drawing, test: RegExp | ((frame: string) => boolean), what = String(test)): Promise<string> {
	const passes = typeof test === 'function' ? test : (frame: string) => test.test(frame);
	await waitUntil(() => passes(r.lastFrame() ?? ''), `a frame matching ${what}; the last one was:\n${r.lastFrame() ?? '(none)'}`);
	return r.lastFrame() ?? '';
}

/**
 * Writes keys as a terminal would and returns the frame Ink draws after the last one. The App
 * reads its state from a ref, so keys written back to back are handled in order; a key that
 * changes nothing draws nothing, and waiting for it fails the test (press a key that does, after it).
 */
export async function press(r: Drawing, ...inputs: string[]): Promise<string> {
	// Keys written before the first frame would reach no input handler yet.
	await waitUntil(() => r.frames.length > 0, 'the first frame');
	for (const [i, input] of inputs.entries()) {
		const before = r.frames.length;
		r.stdin.write(input);
		// Each key's own redraw: an Escape is held for a turn (it may start a sequence), and a key that
		// opens a screen may draw it in two steps; the next key must meet the state this one left.
		await waitUntil(() => r.frames.length > before, `a frame after key ${JSON.stringify(input)} (${i + 1} of ${inputs.length})`);
	}
	return r.lastFrame() ?? '';
}

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
};

/** Matches any SGR colour sequence (foreground or background, basic or extended). */
export const colourCode = /\u001B\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;
