/**
 * While a large cluster is still being read, each new snapshot's outline is made in slices with
 * the earlier outline on screen, and the read's last snapshot is outlined and checked in slices
 * too: no render makes a 10,000-Service outline on the spot (a key pressed then waited for it).
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import type { Snapshot, StreamHealth } from '../../source/cluster/snapshot.js';
import { controlledStream, frameWhere, syntheticSnapshot } from './support.js';

afterEach(() => cleanup());

const loadingHealth: StreamHealth = { state: 'loading', progress: { services: '12', pods: '0…' } };

/** The first 12 Services of a 13-Service cluster, pods still being read. */
function partial(withLast: boolean): Snapshot {
	const whole = syntheticSnapshot(13);
	const snapshot = { ...whole, pods: [], unreadable: [{ resource: 'pods', namespace: '', reason: 'still loading' }] };
	return withLast ? snapshot : { ...snapshot, services: whole.services.slice(0, 12) };
}

describe('outlines while the first read runs', () => {
	test('a later snapshot is drawn once its outline is made; meanwhile the earlier outline stays', async () => {
		const stream = controlledStream(partial(false), loadingHealth);
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 24 }} updateDelayMs={0} outlineAbove={1} />);
		await frameWhere(r, /svc-00011/);
		expect(r.lastFrame()).not.toMatch(/svc-00012/);
		const drawn = r.frames.length;
		// The push brings a new page count, so it draws a frame of its own at once: that frame still
		// shows the earlier outline, without the new Service, whose outline is being made.
		stream.push(partial(true), { state: 'loading', progress: { services: '13', pods: '600…' } });
		const atPush = await frameWhere(r, /pods 600…/);
		expect(r.frames.slice(drawn).find((f) => /pods 600…/.test(f))).not.toMatch(/svc-00012/);
		expect(atPush).toMatch(/svc-00011/);
		await frameWhere(r, /svc-00012/);
		expect(r.lastFrame()).toMatch(/Services 13\s+… loading/);
	});

	test('the last snapshot of the read goes from the earlier outline straight to its checked rows', async () => {
		const stream = controlledStream(partial(false), loadingHealth);
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 24 }} updateDelayMs={0} outlineAbove={1} />);
		await frameWhere(r, /svc-00011/);
		const drawn = r.frames.length;
		stream.push(syntheticSnapshot(13), { state: 'live' });
		const done = await frameWhere(r, (f) => /svc-00012/.test(f) && !/CHECK/.test(f));
		expect(done).toMatch(/Services 13\s+✗ \d+ error/);
		// No frame in between showed the final snapshot unchecked: its outline was not drawn on its own.
		for (const frame of r.frames.slice(drawn)) expect(/svc-00012/.test(frame) && /CHECK/.test(frame)).toBe(false);
	});
});
