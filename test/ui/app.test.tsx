import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App, type AppOptions } from '../../source/app.js';
import type { Snapshot, SnapshotStream } from '../../source/cluster/snapshot.js';
import { emptySnapshot } from '../../source/cluster/snapshot.js';
import { displayWidth } from '../../source/ui/lines.js';
import { controlledStream, frameWhere, keys, press, shopSnapshot, waitUntil } from './support.js';

const options: AppOptions = { clusterDomain: 'cluster.local', color: false };

afterEach(() => cleanup());

function start(stream: SnapshotStream = controlledStream(shopSnapshot()), size = { columns: 80, rows: 24 }, over: Partial<AppOptions> = {}) {
	const onQuit = vi.fn();
	const r = render(<App stream={stream} options={{ ...options, ...over }} size={size} now={() => Date.parse('2025-01-01T00:00:10Z')} updateDelayMs={0} onQuit={onQuit} />);
	const frame = () => r.lastFrame() ?? '';
	return { ...r, frame, press: (...inputs: string[]) => press(r, ...inputs), until: (test: RegExp | ((f: string) => boolean)) => frameWhere(r, test), onQuit };
}

function selectedLine(frame: string): string {
	return frame.split('\n').find((l) => l.startsWith('›')) ?? '';
}

describe('at 80x24', () => {
	test('the frame is one line shorter than the terminal and no line is wider', async () => {
		const app = start();
		const lines = (await app.until(/✓ 2 ok/)).split('\n');
		expect(lines).toHaveLength(23);
		for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
	});

	test('header with context, scope and freshness; rows broken first; footer with the keys', async () => {
		const app = start();
		const lines = (await app.until(/✓ 2 ok/)).split('\n');
		expect(lines[0]).toMatch(/^kubewire\s+ctx test-ctx\s+ns all\s+offline snapshot\s+shop fixture/);
		expect(lines[1]).toMatch(/^Services 5\s+✗ 2 error\s+! 1 warn\s+✓ 2 ok\s+1-5\/5$/);
		expect(lines[2]).toMatch(/STATUS\s+SERVICE\s+TYPE\s+PORTS\s+READY/);
		expect(lines[3]).toMatch(/^› ✗ ERROR\s+shop\/api/);
		expect(lines[5]).toMatch(/! WARN\s+shop\/web\s+NodePort\s+80:30080→/);
		expect(lines[22]).toBe('↑↓ move  ⏎ detail  esc back  / filter  : jump  n ns  ? help  q quit');
	});
});

describe('keys', () => {
	test('j, k and the arrows move the cursor; g and G go to the ends', async () => {
		const app = start();
		await app.press('j', 'j');
		expect(selectedLine(app.frame())).toMatch(/shop\/web/);
		await app.press('k');
		expect(selectedLine(app.frame())).toMatch(/shop\/db/);
		await app.press(keys.down, keys.down);
		expect(selectedLine(app.frame())).toMatch(/ops\/mail/);
		await app.press(keys.up);
		expect(selectedLine(app.frame())).toMatch(/shop\/web/);
		await app.press('G');
		expect(selectedLine(app.frame())).toMatch(/ops\/metrics/);
		await app.press('g');
		expect(selectedLine(app.frame())).toMatch(/shop\/api/);
		await app.press(keys.pageDown);
		expect(selectedLine(app.frame())).toMatch(/ops\/metrics/);
		await app.press(keys.pageUp);
		expect(selectedLine(app.frame())).toMatch(/shop\/api/);
	});

	test('Enter opens the detail, PgDn scrolls it, Esc comes back to the same row', async () => {
		const app = start();
		await app.press('j', 'j', keys.enter);
		let lines = app.frame().split('\n');
		expect(lines[1]).toMatch(/^! WARN\s+shop\/web\s+NodePort 10\.96\.0\.10\s+lines 1-20\/\d+$/);
		expect(app.frame()).toMatch(/CHAIN/);
		expect(lines[22]).toBe('↑↓ move  esc back  : jump  n ns  ? help  q quit');
		await app.press(keys.pageDown);
		lines = app.frame().split('\n');
		expect(lines[1]).toMatch(/lines 20-39\/\d+$/);
		expect(app.frame()).toMatch(/ENDPOINTS 1\/2 ready/);
		await app.press(keys.escape);
		expect(app.frame().split('\n')[1]).toMatch(/^Services 5/);
		expect(selectedLine(app.frame())).toMatch(/shop\/web/);
	});

	test('/ filters as you type, Enter keeps the filter, Esc clears it', async () => {
		const app = start();
		await app.press('/', 'w', 'e', 'b');
		expect(app.frame().split('\n')[22]).toMatch(/^\/web█\s+Enter keeps\s+Esc clears/);
		expect(app.frame().split('\n')[1]).toMatch(/Services 1 of 5 matching \/web/);
		expect(app.frame()).not.toMatch(/shop\/api/);
		await app.press(keys.enter);
		expect(app.frame().split('\n')[22]).toMatch(/^↑↓ move/);
		expect(selectedLine(app.frame())).toMatch(/shop\/web/);
		await app.press(keys.escape);
		expect(app.frame().split('\n')[1]).toMatch(/^Services 5 /);
	});

	test('typed-ahead keys arriving together are each handled (filter, then open)', async () => {
		const app = start();
		await app.press('/db\r\r');
		expect(app.frame().split('\n')[1]).toMatch(/✗ ERROR\s+shop\/db/);
	});

	test(':ing shows the routing table and Enter opens the backend Service', async () => {
		const app = start();
		await app.press(':', 'i', 'n', 'g');
		expect(app.frame().split('\n')[22]).toMatch(/^:ing█/);
		await app.press(keys.enter);
		expect(app.frame().split('\n')[1]).toMatch(/^Ingress routes 2\s+class nginx/);
		expect(app.frame()).toMatch(/shop\.exampl/);
		await app.press('/', 'w', 'e', 'b', keys.enter, keys.enter);
		expect(app.frame().split('\n')[1]).toMatch(/shop\/web/);
	});

	test(':problems lists every finding with the selected one in full; Enter jumps to its object', async () => {
		const app = start();
		await app.press(':problems', keys.enter);
		const frame = app.frame();
		// The fixture's Ingress carries no status (a manifest): no KW508 is drawn from that. Six
		// findings, and one row naming the kinds the fixture holds none of (not in the input).
		expect(frame.split('\n')[1]).toMatch(/^Problems 7\b/);
		expect(frame).toMatch(/\? NOT READ\s+-\s+nodes, networkpolicies, secrets\s+not in the input/);
		expect(frame).toMatch(/KW503 Ingress shop\/shop: backend Service shop\/api:8080 has no ready/);
		await app.press('j', keys.enter);
		expect(app.frame().split('\n')[1]).toMatch(/✗ ERROR\s+shop\/api/);
		await app.press(keys.escape);
		expect(app.frame().split('\n')[1]).toMatch(/^Problems 7/);
	});

	test('an unknown : command says so in the footer until the next key', async () => {
		const app = start();
		await app.press(':pods', keys.enter);
		expect(app.frame().split('\n')[22]).toMatch(/unknown command :pods/);
		await app.press('j');
		expect(app.frame().split('\n')[22]).toMatch(/^↑↓ move/);
	});

	test(':ns NAME of a namespace the files do not hold says so and keeps the namespace', async () => {
		const app = start();
		await app.press(':ns bogus', keys.enter);
		const lines = app.frame().split('\n');
		expect(lines[22]).toBe('namespace bogus is not in the input (n lists the namespaces it has)');
		expect(lines[0]).toMatch(/ns all/);
		await app.press(':ns ops', keys.enter);
		expect(app.frame().split('\n')[0]).toMatch(/ns ops/);
	});

	test('n picks a namespace; the header and the list follow it', async () => {
		const app = start();
		await app.press('n');
		expect(app.frame().split('\n')[1]).toMatch(/^Pick a namespace\s+now: all/);
		await app.press('j', keys.enter);
		const lines = app.frame().split('\n');
		expect(lines[0]).toMatch(/ns ops/);
		expect(lines[1]).toMatch(/^Services 2 /);
		expect(app.frame()).not.toMatch(/shop\//);
	});

	test('? shows every key, ? again goes back', async () => {
		const app = start();
		await app.press('?');
		expect(app.frame().split('\n')[1]).toMatch(/^Help/);
		expect(app.frame()).toMatch(/PgDn ctrl-f\s+next page/);
		await app.press('?');
		expect(app.frame().split('\n')[1]).toMatch(/^Services/);
	});

	test('q quits', async () => {
		const app = start();
		await app.press('q');
		await waitUntil(() => app.onQuit.mock.calls.length > 0, 'onQuit');
		expect(app.onQuit).toHaveBeenCalledTimes(1);
	});

	test('Ctrl-C quits, even while a filter is typed', async () => {
		const app = start();
		await app.press('/', 'x', keys.ctrlC);
		await waitUntil(() => app.onQuit.mock.calls.length > 0, 'onQuit');
		expect(app.onQuit).toHaveBeenCalledTimes(1);
	});
});

describe('narrow terminals and resizing', () => {
	test('at 50 columns the least important columns are dropped and nothing wraps', async () => {
		const app = start(undefined, { columns: 50, rows: 24 });
		const lines = (await app.until(/READY/)).split('\n');
		expect(lines[2]).not.toMatch(/TYPE|PORTS/);
		expect(lines[2]).toMatch(/STATUS\s+SERVICE\s+READY/);
		expect(lines).toHaveLength(23);
		for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(50);
		expect(lines[22]).toMatch(/\? help  q quit$/);
	});

	test('the frame follows the terminal when it is resized', async () => {
		const onQuit = vi.fn();
		const r = render(<App stream={controlledStream(shopSnapshot())} options={options} onQuit={onQuit} updateDelayMs={0} />);
		const resize = async (columns: number, rows: number) => {
			Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
			Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
			r.stdout.emit('resize');
			// Ink redraws the old layout on resize first; the App's own frame follows at the new size.
			await frameWhere(r, (f) => f.split('\n').length === rows - 1 || /terminal too small/.test(f), `a frame of ${rows - 1} lines`);
		};
		await resize(100, 30);
		expect((r.lastFrame() ?? '').split('\n')).toHaveLength(29);
		expect(r.lastFrame()).toMatch(/CLUSTER-IP/);
		await resize(60, 12);
		const lines = (r.lastFrame() ?? '').split('\n');
		expect(lines).toHaveLength(11);
		expect(lines[2]).not.toMatch(/CLUSTER-IP/);
		for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
		await resize(20, 5);
		expect(r.lastFrame()).toMatch(/terminal too small/);
	});

	test('a short terminal still shows the cursor row after paging to the end', async () => {
		const app = start(undefined, { columns: 80, rows: 9 });
		await app.press('G');
		const lines = app.frame().split('\n');
		expect(lines).toHaveLength(8);
		expect(selectedLine(app.frame())).toMatch(/ops\/metrics/);
		expect(lines[1]).toMatch(/2-5\/5$/);
	});
});

describe('without colour', () => {
	test('no colour codes at all, and every status still reads as a symbol and a word', async () => {
		const app = start();
		const frame = await app.until(/✓ OK/);
		expect(frame).not.toMatch(/\u001B\[(?:3\d|4\d|9\d|10\d)m/);
		expect(frame).toMatch(/✗ ERROR/);
		expect(frame).toMatch(/! WARN/);
		expect(frame).toMatch(/✓ OK/);
	});
});

describe('a live cluster', () => {
	test('updates redraw in place and the header says how fresh the data is', async () => {
		const first = shopSnapshot();
		const stream = controlledStream(first, { state: 'live', updatedAt: '2024-12-31T23:59:40Z' });
		const app = start(stream);
		expect((await app.until(/SERVICE/)).split('\n')[0]).toMatch(/live, updated 30s ago/);
		const next: Snapshot = { ...first, services: first.services.filter((s) => s.name !== 'db') };
		stream.push(next, { state: 'live', updatedAt: '2025-01-01T00:00:09Z' });
		const lines = (await app.until(/^Services 4/m)).split('\n');
		expect(lines[0]).toMatch(/live, updated <10s ago/);
		expect(lines[1]).toMatch(/^Services 4\s+✗ 1 error/);
		expect(lines).toHaveLength(23);
	});

	test('a detail whose Service is deleted says so', async () => {
		const first = shopSnapshot();
		const stream = controlledStream(first, { state: 'live' });
		const app = start(stream);
		await app.press('j', keys.enter);
		expect(app.frame().split('\n')[1]).toMatch(/shop\/db/);
		stream.push({ ...first, services: first.services.filter((s) => s.name !== 'db') });
		expect(await app.until(/no longer in the snapshot/)).toMatch(/shop\/db/);
	});

	test('reconnecting and errors are shown in the header', async () => {
		const stream = controlledStream(shopSnapshot(), { state: 'reconnecting', message: 'connection refused', updatedAt: '2025-01-01T00:00:00Z' });
		const app = start(stream);
		expect((await app.until(/SERVICE/)).split('\n')[0]).toMatch(/reconnecting: connection refused; data 10s old/);
	});

	test('the first load shows progress per kind', async () => {
		const stream = controlledStream(emptySnapshot({ kind: 'live', description: 'context dev', context: 'dev' }), {
			state: 'loading',
			progress: { services: '1200/…', pods: '300/…', namespaces: '12' },
		});
		const app = start(stream);
		const frame = await app.until(/Reading the cluster/);
		// Kinds already in are counted, not listed: the header names what is still being read.
		expect(frame.split('\n')[0]).toMatch(/loading: 1 of 3 kinds in, services 1200\/…, pods 300\/…/);
		expect(frame.split('\n')[0]).not.toMatch(/namespaces 12/);
		expect(frame).toMatch(/Reading the cluster…/);
		expect(frame).toMatch(/services\s+1200\/…/);
		expect(frame.split('\n')).toHaveLength(23);
	});

	test('a file being read shows how far it got, with no kinds to count', async () => {
		const stream = controlledStream(emptySnapshot({ kind: 'files', description: 'files: big.json', context: 'files' }), {
			state: 'loading',
			progress: { '': 'reading 210 of 359 MB…' },
		});
		const app = start(stream);
		const header = (await app.until(/reading 210 of 359 MB/)).split('\n')[0];
		expect(header).toMatch(/loading: reading 210 of 359 MB…/);
		expect(header).not.toMatch(/kinds in/);
	});

	test('what could not be read is flagged in the header', async () => {
		const snapshot = shopSnapshot();
		snapshot.unreadable.push({ resource: 'secrets', namespace: '', reason: 'forbidden' });
		const app = start(controlledStream(snapshot));
		expect((await app.until(/SERVICE/)).split('\n')[0]).toMatch(/! 1 not read \(:problems\)/);
	});
});
