/**
 * A live cluster that changes under the TUI: the last complete answer stays on screen while the
 * next is computed (no row falls back to "… CHECK"), a changed status shows up, and the cursor
 * stays on the Service it was on when the rows re-sort. While the first read is still under way
 * the title says what is loading instead of counting statuses.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { LiveStore } from '../../source/cluster/live/store.js';
import { recordLists, type Meta, type Pod, type RecordListKey, type Snapshot, type SnapshotStream } from '../../source/cluster/snapshot.js';
import { controlledStream, frameWhere, keys, syntheticSnapshot } from './support.js';

afterEach(() => cleanup());

interface StoreStream extends SnapshotStream {
	publish(): void;
}

/** A stream over a LiveStore, as the live stream is: each publish builds a Snapshot and tells the app. */
function storeStream(store: LiveStore): StoreStream {
	let snapshot = store.build();
	const listeners = new Set<() => void>();
	return {
		current: () => snapshot,
		health: () => ({ state: 'live', updatedAt: snapshot.takenAt }),
		subscribe(onChange) {
			listeners.add(onChange);
			return () => listeners.delete(onChange);
		},
		changesSince: (earlier) => store.changesSince(earlier),
		publish() {
			snapshot = store.build();
			for (const l of listeners) l();
		},
	};
}

function storeOf(snapshot: Snapshot): LiveStore {
	const store = new LiveStore(snapshot.origin);
	for (const list of Object.keys(recordLists) as RecordListKey[]) {
		for (const record of snapshot[list] as Meta[]) store.upsert(list, `${record.namespace}/${record.name}`, record);
	}
	return store;
}

const until = frameWhere;

const selectedRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('› ')) ?? '';

describe('live updates', () => {
	test('statuses change in place, never flash "checking", and the cursor follows its Service', async () => {
		const base = syntheticSnapshot(60);
		const store = storeOf(base);
		const stream = storeStream(store);
		const r = render(
			<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 30 }} updateDelayMs={0} outlineAbove={1} />,
		);
		await until(r, (f) => /✗ ERROR/.test(f));
		// Broken Services (every 7th) come first; move to a healthy one further down.
		for (let i = 0; i < 12; i++) r.stdin.write(keys.down);
		const before = await until(r, (f) => /OK\s+\S*svc-\d+/.test(selectedRow(f)));
		const chosen = /svc-\d+/.exec(selectedRow(before))![0];
		const framesBefore = r.frames.length;

		// A pod of a healthy Service later in the list turns unready: that Service sorts up among the
		// errors, above the chosen one.
		const victim = base.services.map((s) => s.name).filter((n) => n > chosen && Number(n.slice(4)) % 7 !== 0)[0]!;
		const pod = base.pods.find((p) => p.name === `${victim}-pod`)!;
		const unready: Pod = { ...pod, ready: false, conditions: [{ type: 'Ready', status: 'False' }] };
		store.upsert('pods', `${pod.namespace}/${pod.name}`, unready);
		stream.publish();
		const after = await until(r, (f) => new RegExp(`ERROR\\s+\\S*${victim}`).test(f));

		expect(selectedRow(after)).toContain(chosen);
		// Not even for one frame does the cursor sit on another Service while the rows re-sort.
		for (const frame of r.frames.slice(framesBefore)) expect(selectedRow(frame)).toContain(chosen);
		for (const frame of r.frames.slice(framesBefore)) expect(frame).not.toMatch(/CHECK|checking/);
		// The header keeps its columns: same header line before and after.
		const header = (f: string) => f.split('\n').find((l) => /NAMESPACE|NAME/.test(l));
		expect(header(after)).toBe(header(before));
	});

	test('a key pressed as the rows re-sort moves from the row it was drawn on, and the cursor then follows the Service it moved to', async () => {
		const base = syntheticSnapshot(60);
		const store = storeOf(base);
		const stream = storeStream(store);
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 40 }} updateDelayMs={0} />);
		await until(r, (f) => /✗ ERROR/.test(f));
		for (let i = 0; i < 12; i++) r.stdin.write(keys.down);
		const before = await until(r, (f) => /OK\s+\S*svc-\d+/.test(selectedRow(f)));
		const chosen = /svc-\d+/.exec(selectedRow(before))![0];
		// The row below the cursor on screen: where `j` goes.
		const lines = before.split('\n');
		const next = /svc-\d+/.exec(lines[lines.findIndex((l) => l.startsWith('› ')) + 1] ?? '')![0];

		// A Service further down breaks and sorts up above the cursor, and `j` is pressed before the
		// frame with the new order is drawn: both reach the screen in one render.
		const victim = base.services.map((s) => s.name).filter((n) => n > next && Number(n.slice(4)) % 7 !== 0)[0]!;
		const pod = base.pods.find((p) => p.name === `${victim}-pod`)!;
		const unready: Pod = { ...pod, ready: false, conditions: [{ type: 'Ready', status: 'False' }] };
		store.upsert('pods', `${pod.namespace}/${pod.name}`, unready);
		stream.publish();
		setTimeout(() => r.stdin.write(keys.down), 0);
		const after = await until(r, (f) => new RegExp(`ERROR\\s+\\S*${victim}`).test(f) && !selectedRow(f).includes(chosen));
		expect(selectedRow(after)).toContain(next);
	});

	test('a cursor nobody moved stays on the first row when the rows re-sort: the most urgent Service is there', async () => {
		const base = syntheticSnapshot(60);
		const store = storeOf(base);
		const stream = storeStream(store);
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 30 }} updateDelayMs={0} outlineAbove={1} />);
		const before = await until(r, (f) => /✗ ERROR/.test(f));
		expect(selectedRow(before)).toMatch(/ERROR\s+\S*svc-00000/);
		// svc-00000's pod appears: it turns OK and sorts down among the healthy Services.
		const pod = base.pods.find((p) => p.name === 'svc-00001-pod')!;
		const healed: Pod = { ...pod, name: 'svc-00000-pod', labels: { app: 'missing-0' }, podIP: '10.244.9.9', podIPs: ['10.244.9.9'] };
		store.upsert('pods', `${pod.namespace}/${healed.name}`, healed);
		stream.publish();
		const after = await until(r, (f) => /OK\s+\S*svc-00000/.test(f) || !/svc-00000/.test(f));
		expect(selectedRow(after)).toMatch(/ERROR\s+\S*svc-00007/);
	});

	test('while the first read is under way the title says what is loading, not a count of statuses', () => {
		const partial = syntheticSnapshot(5);
		partial.pods = [];
		partial.unreadable = [{ resource: 'pods', namespace: '', reason: 'still loading' }];
		const stream = controlledStream(partial, { state: 'loading', progress: { services: '5', pods: '1200…', endpointslices: '0…' } });
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 20 }} updateDelayMs={0} />);
		const frame = r.lastFrame() ?? '';
		expect(frame).toMatch(/Services 5\s+… loading pods 1200…, endpointslices 0…/);
		expect(frame).not.toMatch(/\d+ error|\d+ ok/);
		expect(frame).toMatch(/svc-00000/);
	});
});
