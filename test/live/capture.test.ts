/**
 * `kubewire capture` against the fake API server: the capture loads back with --fixtures and
 * gives the same `check` report as the live cluster did, including what RBAC refused; Secrets
 * carry metadata only; a broken capture is one line with the position; a capture from a newer
 * kubewire or another tool still loads as plain objects.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCluster } from '../../source/cluster/capture.js';
import { loadFiles } from '../../source/cluster/files.js';
import { openLive } from '../../source/cluster/live.js';
import { analyze } from '../../source/model/analyze.js';
import { checkJson } from '../../source/report/check.js';
import type { FakeApiServer } from '../support/fake-apiserver.js';
import { tempDir } from '../support/kubeconfig-file.js';
import { runCliAsync } from '../support/run-cli-async.js';
import { fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake } from '../support/live-harness.js';

const forbidden = { resource: 'networkpolicies', namespace: 'payments' };
const applied = {
	apiVersion: 'v1',
	kind: 'Secret',
	metadata: { name: 'applied', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"c2VjcmV0"}}', team: 'shop' } },
	type: 'Opaque',
	data: { password: 'c2VjcmV0' },
};

let fake: FakeApiServer;
let kubeconfig: string;
const dir = tempDir();
beforeAll(async () => {
	fake = await startFake({ forbid: [forbidden], objects: [applied] });
	kubeconfig = kubeconfigFor([fakeContext(fake, { name: 'kind-fake' })]);
});
afterAll(() => fake.close());

async function captureText(): Promise<string> {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (chunk: Buffer) => chunks.push(chunk));
	await captureCluster(liveRequest(kubeconfig), out, isolatedEnv);
	return Buffer.concat(chunks).toString('utf8');
}

function write(name: string, text: string): string {
	const file = path.join(dir, name);
	writeFileSync(file, text);
	return file;
}

type Item = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; data?: unknown };

describe('kubewire capture', () => {
	it('loads back into the same check report as the live cluster, unreadable included', async () => {
		const file = write('capture.json', await captureText());
		const live = await openLive(liveRequest(kubeconfig), isolatedEnv);
		const fromLive = checkJson(analyze(live.current()), {});
		const loaded = loadFiles([file]);
		expect(loaded.unreadable).toEqual([{ resource: 'networkpolicies', namespace: '', reason: 'forbidden' }]);
		expect(loaded.captured?.resources).toContain('services');
		expect(loaded.captured?.resources).not.toContain('networkpolicies');
		expect(checkJson(analyze(loaded), {})).toEqual(fromLive);
		expect((fromLive as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
	});

	it('writes Secrets as metadata only, without the copy of their data kubectl apply keeps', async () => {
		const list = JSON.parse(await captureText()) as { kind: string; items: Item[] };
		expect(list.kind).toBe('List');
		const secrets = list.items.filter((i) => i.kind === 'Secret');
		expect(secrets.map((s) => s.metadata.name).sort()).toEqual(['applied', 'pay-credentials', 'shop-tls']);
		expect(secrets.every((s) => s.data === undefined && Object.keys(s).sort().join() === 'apiVersion,kind,metadata')).toBe(true);
		expect(secrets.find((s) => s.metadata.name === 'applied')?.metadata.annotations).toEqual({ team: 'shop' });
		const secretReads = fake.requests.filter((r) => r.path.endsWith('/secrets'));
		expect(secretReads.length).toBeGreaterThan(0);
		expect(secretReads.every((r) => r.accept.includes('as=PartialObjectMetadataList'))).toBe(true);
		expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);
	});

	it('the CLI: --file writes the capture (never a partial one), and check reads it as the live check', async () => {
		const file = path.join(dir, 'cli-capture.json');
		const captured = await runCliAsync(['capture', '--kubeconfig', kubeconfig, '--file', file]);
		expect(captured.stderr).toBe('');
		expect(captured.stdout).toBe('');
		expect(captured.status).toBe(0);
		expect(existsSync(`${file}.partial`)).toBe(false);
		const [offline, live] = await Promise.all([
			runCliAsync(['check', '--fixtures', file, '-o', 'json']),
			runCliAsync(['check', '--kubeconfig', kubeconfig, '-o', 'json']),
		]);
		expect(offline.status).toBe(live.status);
		expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(live.stdout));
		// Three runs of the real binary: a busy machine needs more than the default bound.
	}, 60_000);

	it('the CLI: without --file the capture goes to stdout', async () => {
		const toStdout = await runCliAsync(['capture', '--kubeconfig', kubeconfig]);
		expect(toStdout.status).toBe(0);
		expect(toStdout.stderr).toBe('');
		const items = (JSON.parse(toStdout.stdout) as { items: Item[] }).items;
		expect(items.filter((i) => i.kind === 'Service').length).toBeGreaterThan(3);
	});

	it('a list read over after its continue token expired writes each object once', async () => {
		fake.interceptions.push({ match: (r) => r.path === '/api/v1/pods' && r.query['continue'] !== undefined, status: 410 });
		const list = JSON.parse(await captureText()) as { items: Item[] };
		const pods = list.items.filter((i) => i.kind === 'Pod').map((p) => p.metadata.name);
		expect(pods.length).toBeGreaterThan(4);
		expect(new Set(pods).size).toBe(pods.length);
		expect(fake.interceptions).toEqual([]);
	});

	it('capture reads a cluster, not files', async () => {
		const r = await runCliAsync(['capture', '--fixtures', dir]);
		expect(r.status).toBe(2);
		expect(r.stderr.trim()).toBe('kubewire: capture reads a live cluster: --fixtures and --demo have nothing to capture');
	});
});

describe('loading a capture', () => {
	it('a truncated or corrupt capture is one line naming the file, the line and the byte', async () => {
		const text = await captureText();
		const truncated = write('truncated.json', text.slice(0, Math.floor(text.length * 0.6)));
		const cut = await runCliAsync(['check', '--fixtures', truncated]);
		expect(cut.status).toBe(2);
		expect(cut.stdout).toBe('');
		expect(cut.stderr).toMatch(new RegExp(`^kubewire: ${truncated}:\\d+: invalid JSON at byte \\d+: the file ends in the middle of a value \\(truncated\\?\\)\\n$`));
		const at = text.indexOf('"spec"', text.length / 2);
		const corrupt = write('corrupt.json', `${text.slice(0, at)}#${text.slice(at + 1)}`);
		const bad = await runCliAsync(['check', '--fixtures', corrupt]);
		expect(bad.status).toBe(2);
		const line = text.slice(0, at).split('\n').length;
		expect(bad.stderr).toMatch(new RegExp(`^kubewire: ${corrupt}:${line}: invalid JSON at byte ${at}: `));
	});

	it('a capture from a newer kubewire or from another tool still loads as plain objects', async () => {
		const list = JSON.parse(await captureText()) as Record<string, unknown> & { kubewire: Record<string, unknown>; items: unknown[] };
		const newer = write('newer.json', JSON.stringify({ ...list, kubewire: { ...list.kubewire, capture: 7, somethingNew: { x: 1 } }, futureMember: [1, 2] }));
		const plain = write('plain.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: list.items }));
		const fromNewer = loadFiles([newer]);
		const fromPlain = loadFiles([plain]);
		expect(fromNewer.unreadable).toEqual([{ resource: 'networkpolicies', namespace: '', reason: 'forbidden' }]);
		// Another tool's List says nothing of what was read: kinds it lacks are not in the input.
		expect(fromPlain.unreadable.length).toBeGreaterThan(0);
		expect(fromPlain.unreadable.every((u) => u.reason === 'not in the input')).toBe(true);
		expect(fromPlain.unreadable.map((u) => u.resource)).toContain('networkpolicies');
		expect(fromNewer.services.length).toBeGreaterThan(3);
		expect(fromPlain.services.map((s) => s.name)).toEqual(fromNewer.services.map((s) => s.name));
	});
});
