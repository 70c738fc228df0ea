/**
 * The live bench's API server stand-in: the Service it names for the status change must show the
 * change both ways (its selector matches pods before the break, so KW101 appears on breaking and
 * goes on mending), and a break or mend reaches an open watch as a MODIFIED event with the
 * selector changed, newer than the list. The bench once flipped the first row on screen, a
 * Service generated with a selector typo: restoring that selector changed nothing.
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { scratchDir } from '../support/scratch.js';

const bench = (name: string) => fileURLToPath(new URL(`../../bench/${name}`, import.meta.url));
const dir = scratchDir('live-server');
const file = path.join(dir, 'cluster.json');
let server: ChildProcessByStdio<null, Readable, null>;
let base = '';

interface ServiceEvent {
	type: string;
	object: { metadata: { namespace: string; name: string; resourceVersion: string }; spec: { selector?: Record<string, string> } };
}

beforeAll(async () => {
	const r = spawnSync(process.execPath, [bench('generate.mjs'), '--services', '200', '--pods', '2000', '--nodes', '20', '--out', file], { encoding: 'utf8' });
	expect(r.status).toBe(0);
	server = spawn(process.execPath, [bench('live-server.mjs'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
	const port = await new Promise<number>((resolve, reject) => {
		server.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
		server.once('exit', (code) => reject(new Error(`live-server exited (${code})`)));
	});
	base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
	server?.kill();
});

async function get(query: string): Promise<{ status: number; text: string }> {
	const res = await fetch(`${base}${query}`);
	return { status: res.status, text: await res.text() };
}

/** An open Service watch: each event in order, and a way to wait (bounded) for the next one. */
function watchServices(): Promise<{ next(limitMs?: number): Promise<ServiceEvent>; close(): void }> {
	return new Promise((resolve, reject) => {
		const events: ServiceEvent[] = [];
		let wake: (() => void) | undefined;
		const req = http.get(`${base}/api/v1/services?watch=true`, (res) => {
			let pending = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				pending += chunk;
				for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
					const line = pending.slice(0, nl);
					pending = pending.slice(nl + 1);
					if (line.trim() !== '') events.push(JSON.parse(line) as ServiceEvent);
				}
				wake?.();
			});
			resolve({
				async next(limitMs = 5_000) {
					const deadline = Date.now() + limitMs;
					while (events.length === 0) {
						if (Date.now() > deadline) throw new Error('no watch event came');
						await new Promise<void>((done) => {
							wake = done;
							setTimeout(done, 50);
						});
					}
					return events.shift()!;
				},
				close: () => req.destroy(),
			});
		});
		req.on('error', reject);
	});
}

describe('live bench server', () => {
	it('names a Service whose selector matches pods now, alone under the TUI filter', async () => {
		const { status, text: key } = await get('/bench/target');
		expect(status).toBe(200);
		const analysis = analyze(loadFiles([file]));
		const target = analysis.serviceByKey.get(key);
		expect(target, key).toBeDefined();
		expect(target!.wiring.pods.length).toBeGreaterThan(0);
		expect(target!.findings.map((f) => f.code)).not.toContain('KW101');
		expect(analysis.services.filter((s) => s.wiring.key.includes(key)).map((s) => s.wiring.key)).toEqual([key]);
		// The generated cluster has selector typos, first among the rows: the target is none of them.
		expect(analysis.services.some((s) => s.findings.some((f) => f.code === 'KW101'))).toBe(true);
	});

	it('sends the broken and the restored selector to a watch, each newer than the list', async () => {
		const key = (await get('/bench/target')).text;
		const list = JSON.parse((await get('/api/v1/services')).text) as { metadata: { resourceVersion: string }; items: ServiceEvent['object'][] };
		const original = list.items.find((s) => `${s.metadata.namespace}/${s.metadata.name}` === key)!.spec.selector;
		expect(original).toBeDefined();
		let version = Number(list.metadata.resourceVersion);
		expect(version).toBeGreaterThanOrEqual(Math.max(...list.items.map((s) => Number(s.metadata.resourceVersion))));

		const watch = await watchServices();
		try {
			for (const on of [1, 0, 1, 0]) {
				expect((await get(`/bench/break?service=${encodeURIComponent(key)}&on=${on}`)).status).toBe(200);
				const event = await watch.next();
				expect(event.type).toBe('MODIFIED');
				expect(`${event.object.metadata.namespace}/${event.object.metadata.name}`).toBe(key);
				expect(event.object.spec.selector).toEqual(on ? { 'kubewire-bench': 'matches-nothing' } : original);
				expect(Number(event.object.metadata.resourceVersion)).toBeGreaterThan(version);
				version = Number(event.object.metadata.resourceVersion);
			}
			// A relist serves the object as the watch last described it, and nothing the server keeps aside.
			const relisted = (JSON.parse((await get('/api/v1/services')).text) as typeof list).items.find((s) => `${s.metadata.namespace}/${s.metadata.name}` === key)!;
			expect(relisted.spec.selector).toEqual(original);
			expect(Object.keys(relisted.spec).filter((field) => field.startsWith('__'))).toEqual([]);
		} finally {
			watch.close();
		}
	});
});
