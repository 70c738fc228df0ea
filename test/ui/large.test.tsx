import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { controlledStream, frameWhere, keys, press, syntheticSnapshot } from './support.js';

afterEach(() => cleanup());

// 10,000 Services: the screen must draw only the rows that fit, whatever the list's length, so a
// keypress costs the same as with ten Services. Counting drawn rows checks that without a clock.
const snapshot = syntheticSnapshot(10_000);

test('10,000 Services: only the visible rows are rendered, and moving keeps it so', async () => {
	const r = render(<App stream={controlledStream(snapshot)} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} />);
	await frameWhere(r, /✗ 1429 error/);
	const drawn = () => (r.lastFrame() ?? '').split('\n');
	const serviceRows = () => drawn().filter((l) => /ns-\d{3}\/svc-\d{5}/.test(l));
	expect(drawn()).toHaveLength(23);
	expect(serviceRows()).toHaveLength(19);
	expect(drawn()[1]).toMatch(/Services 10000\s+✗ 1429 error.*1-19\/10000$/);
	// Broken ones first.
	expect(serviceRows()[0]).toMatch(/✗ ERROR/);

	await press(r, 'G');
	expect(serviceRows()).toHaveLength(19);
	expect(drawn()[1]).toMatch(/9982-10000\/10000$/);
	expect(drawn().find((l) => l.startsWith('›'))).toMatch(/✓ OK\s+ns-099\/svc-09999/);

	// The first PgUp takes the cursor to the top of the window, the next scrolls a page.
	await press(r, keys.pageUp);
	expect(drawn()[1]).toMatch(/9982-10000\/10000$/);
	expect(drawn()[3]).toMatch(/^›/);
	await press(r, keys.pageUp);
	expect(serviceRows()).toHaveLength(19);
	expect(drawn()[1]).toMatch(/9964-9982\/10000$/);
	expect(drawn()[3]).toMatch(/^›/);
}, 60_000);

test('10,000 Services: a filter narrows them as it is typed', async () => {
	const r = render(<App stream={controlledStream(snapshot)} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} />);
	const lines = (await press(r, ...'/svc-0999')).split('\n');
	expect(lines[1]).toMatch(/Services 10 of 10000 matching \/svc-0999/);
	expect(lines.filter((l) => /svc-0999\d/.test(l))).toHaveLength(10);
}, 60_000);
