/**
 * A large capture opened in the TUI (cluster/file-stream.ts) is read with the screen up: first
 * "Reading the files…" with how far the read has got, then the Services with type and ports while
 * the rest is parsed (the title says what is loading, never a count of statuses), then the
 * answer, with the cursor at the top where the errors sort. A generated capture of 1,500
 * Services stands in for a large one (the size limit is lowered to zero): big enough that its
 * parsing takes many slices, so the outline is on screen for several frames.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { openFiles } from '../../source/cluster/file-stream.js';
import { capture } from '../support/capture.js';
import { scratchDir } from '../support/scratch.js';
import { frameWhere } from './support.js';

const file = path.join(scratchDir('large-capture'), 'capture.json');
writeFileSync(file, capture(1500, { unmatched: [1234] }));

afterEach(() => cleanup());

const selectedRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('› ')) ?? '';

describe('a large capture in the TUI', () => {
	test('shows the read, then the Services, then the answer with the cursor at the top', async () => {
		const stream = openFiles({ paths: [file], backgroundFrom: 0 });
		const r = render(<App stream={stream} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 100, rows: 24 }} updateDelayMs={0} />);
		await stream.settled;
		const done = await frameWhere(r, /\d+ ok/);
		const frames = r.frames.join('\n=====\n');

		// Before any Service was found: what is being read, not an empty result.
		expect(r.frames[0]).toMatch(/Reading the files…/);
		expect(r.frames[0]).toMatch(/loading (reading|parsing|waiting)/);
		expect(r.frames[0]).not.toMatch(/\d+ (error|ok)/);
		// The Services with their type, before their statuses: the outline of the capture.
		const outline = r.frames.find((f) => /… CHECK/.test(f));
		expect(outline, frames).toBeDefined();
		expect(outline).toMatch(/Services 1500\s+… loading parsing/);
		expect(outline).toMatch(/ClusterIP/);
		expect(outline).not.toMatch(/\d+ (error|ok)/);
		// The kinds still being read are not reported as unreadable, nor counted as none.
		expect(outline).not.toMatch(/not read/);
		expect(outline).not.toMatch(/0\/0/);
		expect(outline!.split('\n').filter((l) => /… CHECK/.test(l)).every((l) => /\s…\s+…(\s|$)/.test(l))).toBe(true);

		// The answer: statuses counted, the header no longer loading, the cursor on the first row (an error).
		expect(done).toMatch(/offline snapshot/);
		expect(done).not.toMatch(/loading/);
		expect(selectedRow(done)).toMatch(/ERROR\s+shop\/svc-1234/);
		const rows = done.split('\n').filter((line) => /^[› ] [✗!✓]/.test(line));
		expect(rows[0]).toBe(selectedRow(done));
	});
});
