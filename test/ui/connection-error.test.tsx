/**
 * A live cluster that cannot be read: the TUI shows the same one-line reason the commands print,
 * and `r` asks the source to read again while `q` still quits.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../source/app.js';
import { emptySnapshot } from '../../source/cluster/snapshot.js';
import { controlledStream, settle, shopSnapshot } from './support.js';

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
		await settle();
		const frame = r.lastFrame() ?? '';
		expect(frame).toContain('✗ context dev (https://127.0.0.1:6443): connection refused');
		expect(frame).toMatch(/r retry\s+q quit/);
		expect(frame.split('\n')).toHaveLength(23);
	});

	test('r asks the stream to read again; fresh data replaces the error', async () => {
		const stream = failedStream();
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} updateDelayMs={0} />);
		await settle();
		r.stdin.write('r');
		await settle();
		expect(stream.retry).toHaveBeenCalledTimes(1);
		stream.push(shopSnapshot(), { state: 'live', updatedAt: new Date().toISOString() });
		await settle();
		expect(r.lastFrame() ?? '').not.toContain('connection refused');
		expect(r.lastFrame() ?? '').toMatch(/SERVICE/);
	});

	test('r does nothing on a static source', async () => {
		const stream = controlledStream(shopSnapshot());
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} updateDelayMs={0} />);
		await settle();
		const before = r.lastFrame();
		r.stdin.write('r');
		await settle();
		expect(r.lastFrame()).toBe(before);
	});
});
