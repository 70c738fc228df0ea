/**
 * Files opened by the TUI (cluster/file-stream.ts). Below the size limit they are read at once,
 * as every command reads them. A large capture is read with the screen up: the stream says it is
 * loading and how far it got, hands over the Services first, and ends with exactly the snapshot
 * `loadFiles` gives; a broken capture ends in the loader's own error, through `settled`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../source/errors.js';
import { openFiles } from '../../source/cluster/file-stream.js';
import { loadFiles } from '../../source/cluster/files.js';
import type { Snapshot, SnapshotStream, StreamHealth } from '../../source/cluster/snapshot.js';
import { capture } from '../support/capture.js';
import { scratchDir } from '../support/scratch.js';

const dir = scratchDir('file-stream');

function write(name: string, content: string): string {
	const file = path.join(dir, name);
	writeFileSync(file, content);
	return file;
}

/** Every state the stream passes through, with how many Services it held then, until it settles. */
async function follow(stream: SnapshotStream): Promise<{ seen: { health: StreamHealth; services: number }[]; error?: unknown }> {
	const seen = [{ health: stream.health(), services: stream.current().services.length }];
	stream.subscribe(() => seen.push({ health: stream.health(), services: stream.current().services.length }));
	try {
		await stream.settled;
		return { seen };
	} catch (error) {
		return { seen, error };
	}
}

function withoutTime(snapshot: Snapshot): Snapshot {
	return { ...snapshot, takenAt: '' };
}

describe('files opened by the TUI', () => {
	it('below the size limit, are read before the screen opens, as the commands read them', () => {
		const file = write('small.json', capture(3));
		const stream = openFiles({ paths: [file] });
		expect(stream.health().state).toBe('static');
		expect(stream.settled).toBeUndefined();
		expect(withoutTime(stream.current())).toEqual(withoutTime(loadFiles([file])));
	});

	it('a large capture: loading with progress, the Services first, then exactly what loadFiles gives', async () => {
		const file = write('large.json', capture(400));
		const stream = openFiles({ paths: [file], backgroundFrom: 0 });
		const { seen, error } = await follow(stream);
		expect(error).toBeUndefined();
		expect(seen[0]!.health.state).toBe('loading');
		// One file needs no name in the progress line: its room goes to the numbers.
		expect(Object.keys(seen[0]!.health.progress ?? {})).toEqual(['']);
		const outline = seen.find((s) => s.health.state === 'loading' && s.services > 0);
		expect(outline?.services).toBe(400);
		expect(seen.at(-1)!.health.state).toBe('static');
		const final = stream.current();
		expect(withoutTime(final)).toEqual(withoutTime(loadFiles([file])));
		expect(final.pods).toHaveLength(400);
	});

	it('the outline holds only Services, each as the loader reads it', async () => {
		const file = write('outline.json', capture(50));
		const stream = openFiles({ paths: [file], backgroundFrom: 0 });
		let outline: Snapshot | undefined;
		stream.subscribe(() => {
			if (stream.health().state === 'loading' && stream.current().services.length > 0) outline ??= stream.current();
		});
		await stream.settled;
		expect(outline).toBeDefined();
		expect(outline!.pods).toEqual([]);
		expect(outline!.endpointSlices).toEqual([]);
		expect(outline!.services).toEqual(stream.current().services);
	});

	it('several files are named apart in the progress line and read together', async () => {
		const a = write('a.json', capture(5));
		const b = write('b.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
		const stream = openFiles({ paths: [a, b], backgroundFrom: 0 });
		expect(Object.keys(stream.health().progress ?? {})).toEqual(['a.json', 'b.yaml']);
		await stream.settled;
		expect(withoutTime(stream.current())).toEqual(withoutTime(loadFiles([a, b])));
	});

	it('a broken capture ends in the same one-line error the commands give, and health says so', async () => {
		const text = capture(40);
		const file = write('broken.json', text.slice(0, Math.floor(text.length * 0.7)));
		let expected = '';
		try {
			loadFiles([file]);
		} catch (e) {
			expected = (e as Error).message;
		}
		expect(expected).toMatch(/^.*broken\.json/);
		const stream = openFiles({ paths: [file], backgroundFrom: 0 });
		const { error } = await follow(stream);
		expect(error).toBeInstanceOf(InputError);
		expect((error as Error).message).toBe(expected);
		expect(stream.health()).toEqual({ state: 'error', message: expected });
	});

	it('a missing file fails before anything opens', () => {
		expect(() => openFiles({ paths: [path.join(dir, 'nope.json')], backgroundFrom: 0 })).toThrow(/nope\.json: no such file or directory/);
	});

	it('closed while reading, it tells no one anything more', async () => {
		const file = write('closed.json', capture(300));
		const stream = openFiles({ paths: [file], backgroundFrom: 0 });
		let calls = 0;
		stream.subscribe(() => calls++);
		stream.close?.();
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(calls).toBe(0);
		expect(stream.current().services).toEqual([]);
	});
});
