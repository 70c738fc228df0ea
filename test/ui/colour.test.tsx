// Ink colours through chalk, which decides at import time whether the terminal has colour; the
// test stdout is not a TTY, so force the basic 16-colour level before anything is imported.
import { vi } from 'vitest';
vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
});
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { addObject } from '../../source/cluster/normalize.js';
import { controlledStream, frameWhere, shopSnapshot } from './support.js';

afterEach(() => cleanup());

/** The Services screen once its statuses are in (every row's status cell drawn). */
function frameWith(color: boolean, snapshot = shopSnapshot()): Promise<string> {
	const r = render(<App stream={controlledStream(snapshot)} options={{ clusterDomain: 'cluster.local', color }} size={{ columns: 80, rows: 24 }} />);
	return frameWhere(r, /✓ OK/);
}

const sgr = /\u001B\[([0-9;]*)m/g;

test('with colour, statuses are coloured with the 16 basic colours only', async () => {
	const frame = await frameWith(true);
	const codes = [...frame.matchAll(sgr)].flatMap((m) => m[1]!.split(';'));
	// Red for errors, yellow for warnings, green for healthy.
	expect(frame).toMatch(/\u001B\[31m✗ ERROR/);
	expect(frame).toMatch(/\u001B\[33m! WARN/);
	expect(frame).toMatch(/\u001B\[32m✓ OK/);
	// No 256-colour or truecolour sequences (38;5 / 38;2 / 48;…).
	expect(codes).not.toContain('38');
	expect(codes).not.toContain('48');
	for (const code of codes) expect(Number(code)).toBeLessThan(108);
});

test('with --no-color or NO_COLOR, no colour at all; symbols and words carry the status', async () => {
	const frame = await frameWith(false);
	const colours = [...frame.matchAll(sgr)].flatMap((m) => m[1]!.split(';')).filter((c) => /^(3\d|4\d|9\d|10\d)$/.test(c));
	expect(colours).toEqual([]);
	expect(frame).toMatch(/✗ ERROR\s+shop\/api/);
	// The cursor row is still visible without colour: a mark and reverse video.
	expect(frame).toMatch(/\u001B\[7m(?:\u001B\[1m)?› (?:\u001B\[22m)?✗ ERROR\s+shop\/api/);
});

test('escape sequences inside cluster names never reach the terminal', async () => {
	const snapshot = shopSnapshot();
	addObject(snapshot, 'Service', { metadata: { name: 'x\u001B]0;title\u0007y\u001B[2Jz', namespace: 'shop' }, spec: { clusterIP: '10.96.0.99' } });
	const frame = await frameWith(true, snapshot);
	expect(frame).toMatch(/shop\/xyz/);
	expect(frame.replace(sgr, '')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
});
