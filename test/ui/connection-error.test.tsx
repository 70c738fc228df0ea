/**
 * A live cluster that cannot be read: the TUI shows the same one-line reason the commands print,
 * and `r` asks the source to read again while `q` still quits.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../source/app.js';
import { emptySnapshot } from '../../source/cluster/snapshot.js';
import { controlledStream, frameWhere, press, shopSnapshot } from './support.js';

afterEach(() => cleanup());

function failedStream() {
	const stream = controlledStream(emptySnapshot({ kind: 'live', description: 'context dev', context: 'dev' }), {
		state: 'error',
		message: 'context dev (https://127.0.0.1:6443): connection refused',
	});
	const retry = vi.fn();
	return Object.assign(stream, { retry });
}

describe('connection errors', () => {
	test('the reason and the keys to retry or quit fill the screen', async () => {
		const stream = failedStream();
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} updateDelayMs={0} />);
		const frame = await frameWhere(r, /connection refused/);
		expect(frame).toContain('✗ context dev (https://127.0.0.1:6443): connection refused');
		expect(frame).toMatch(/r retry\s+q quit/);
		expect(frame.split('\n')).toHaveLength(23);
	});

	test('r asks the stream to read again; fresh data replaces the error', async () => {
		const stream = failedStream();
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} updateDelayMs={0} />);
		await frameWhere(r, /r retry/);
		r.stdin.write('r');
		// The key is handled as it is written: the stream is asked at once.
		expect(stream.retry).toHaveBeenCalledTimes(1);
		stream.push(shopSnapshot(), { state: 'live', updatedAt: new Date().toISOString() });
		const frame = await frameWhere(r, /SERVICE/);
		expect(frame).not.toContain('connection refused');
	});

	test('r does nothing on a static source', async () => {
		const stream = controlledStream(shopSnapshot());
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} updateDelayMs={0} />);
		const before = await frameWhere(r, /SERVICE/);
		const drawn = r.frames.length;
		// r changes nothing, so it draws nothing; the j after it does, and shows r was passed over.
		r.stdin.write('r');
		await press(r, 'j');
		expect(r.frames.length).toBe(drawn + 1);
		expect(r.lastFrame()).not.toBe(before);
		expect(r.lastFrame()?.replace(/^[›\s] /gm, '')).toBe(before.replace(/^[›\s] /gm, ''));
	});
});
