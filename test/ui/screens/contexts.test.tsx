/**
 * `:ctx`: the kubeconfig's contexts in a picker; Enter switches the session to another context
 * without restarting (the old stream is closed, the header names the new context); a context that
 * cannot be opened is one line, and r tries again. Files and the demo have nothing to switch.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../../source/app.js';
import type { Snapshot, SnapshotStream } from '../../../source/cluster/snapshot.js';
import type { ContextSwitcher } from '../../../source/ui/screens/contexts.js';
import { controlledStream, frameWhere, keys, press, shopSnapshot, type ControlledStream } from '../support.js';

afterEach(() => cleanup());

function liveSnapshot(context: string): Snapshot {
	const snapshot = shopSnapshot();
	snapshot.origin = { kind: 'live', description: `context ${context} at https://${context}.example:6443`, context, server: `https://${context}.example:6443` };
	if (context !== 'prod') snapshot.services = snapshot.services.slice(0, 2);
	return snapshot;
}

const entries = [
	{ name: 'prod', server: 'https://prod.example:6443', namespace: '' },
	{ name: 'staging', server: 'https://staging.example:6443', namespace: 'shop' },
	{ name: 'broken', server: '', namespace: '' },
];

function setup(failFirst = 0) {
	const first = controlledStream(liveSnapshot('prod'), { state: 'live', updatedAt: '2025-01-01T00:00:09Z' });
	const opened: ControlledStream[] = [];
	let failures = failFirst;
	const switcher: ContextSwitcher = {
		entries,
		open: async (context: string): Promise<SnapshotStream> => {
			if (context === 'broken' && failures-- > 0) throw new Error('context broken: user "nobody" is not defined in the kubeconfig\nsecond line');
			const stream = controlledStream(liveSnapshot(context), { state: 'live', updatedAt: '2025-01-01T00:00:09Z' });
			opened.push(stream);
			return stream;
		},
	};
	const r = render(
		<App
			stream={first}
			contexts={switcher}
			options={{ clusterDomain: 'cluster.local', color: false }}
			size={{ columns: 90, rows: 20 }}
			now={() => Date.parse('2025-01-01T00:00:10Z')}
			updateDelayMs={0}
		/>,
	);
	const frame = () => r.lastFrame() ?? '';
	return {
		first,
		opened,
		frame,
		press: (...inputs: string[]) => press(r, ...inputs),
		until: (test: (frame: string) => boolean) => frameWhere(r, test),
	};
}

describe(':ctx', () => {
	test('lists the contexts with the current one marked', async () => {
		const app = setup();
		await app.press(':ctx', keys.enter);
		const lines = app.frame().split('\n');
		expect(lines[1]).toMatch(/^Contexts\s+now: prod/);
		expect(lines[2]).toMatch(/CONTEXT\s+SERVER\s+NAMESPACE/);
		expect(app.frame()).toMatch(/●\s+prod\s+https:\/\/prod\.example:6443/);
		expect(app.frame()).toMatch(/staging\s+https:\/\/staging\.example:6443\s+shop/);
		expect(lines.at(-1)).toMatch(/⏎ switch/);
	});

	test('Enter switches to the selected context: old stream closed, header and rows follow', async () => {
		const app = setup();
		expect(app.frame().split('\n')[0]).toMatch(/ctx prod/);
		await app.press(':ctx', keys.enter, keys.down, keys.enter);
		const frame = await app.until((f) => /ctx staging/.test(f.split('\n')[0] ?? ''));
		expect(frame.split('\n')[1]).toMatch(/^Services 2\b/);
		expect(app.first.closed).toBe(true);
		expect(app.opened).toHaveLength(1);
		expect(app.opened[0]!.closed).toBe(false);
	});

	test('a context that cannot be opened is one line; r tries again and the session stays meanwhile', async () => {
		const app = setup(1);
		await app.press(':ctx', keys.enter, keys.down, keys.down, keys.enter);
		const failed = await app.until((f) => /✗ failed \(r retries\)/.test(f));
		expect(failed.split('\n')[1]).toMatch(/Contexts\s+now: prod\s+✗ failed \(r retries\): context broken: user "nobody" is not/);
		expect(failed).not.toMatch(/second line/);
		expect(app.first.closed).toBe(false);
		await app.press('r');
		const switched = await app.until((f) => /ctx broken/.test(f.split('\n')[0] ?? ''));
		expect(switched.split('\n')[1]).toMatch(/^Services 2\b/);
		expect(app.first.closed).toBe(true);
	});

	test('outside a live session the picker says there is nothing to switch', async () => {
		const r = render(<App stream={controlledStream(shopSnapshot())} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 90, rows: 20 }} updateDelayMs={0} />);
		await press(r, ':', 'ctx', keys.enter);
		expect(await frameWhere(r, /^Contexts/m)).toMatch(/Contexts can be switched in live sessions only/);
	});
});
