/**
 * The built CLI against the fake API server, as a user runs it: the non-interactive commands
 * read the cluster once and print the same report as for the same objects in files; every
 * connection failure is one line on stderr and exit status 2.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeApiServer } from '../support/fake-apiserver.js';
import { closedPort } from '../support/fake-apiserver.js';
import { tempDir, writeKubeconfig } from '../support/kubeconfig-file.js';
import { runCliAsync } from '../support/run-cli-async.js';
import { clusterFixture, fakeContext, kubeconfigFor, startFake, testCerts } from '../support/live-harness.js';

let fake: FakeApiServer;
let kubeconfig: string;
beforeAll(async () => {
	fake = await startFake({ forbid: [{ resource: 'networkpolicies', namespace: 'payments' }] });
	kubeconfig = kubeconfigFor([fakeContext(fake, { name: 'kind-fake' })]);
});
afterAll(() => fake.close());

function oneLine(stderr: string): string {
	const lines = stderr.split('\n').filter((l) => l !== '');
	expect(lines).toHaveLength(1);
	return lines[0]!;
}

describe('kubewire check / services on a live cluster', () => {
	it('check -o json: the same findings as the fixture files, plus what could not be read', async () => {
		const live = await runCliAsync(['check', '--kubeconfig', kubeconfig, '-o', 'json']);
		const offline = await runCliAsync(['check', '--fixtures', clusterFixture, '-o', 'json']);
		expect(live.stderr).toBe('');
		expect(live.status).toBe(1);
		const liveJson = JSON.parse(live.stdout) as { findings: { code: string; namespace: string }[]; unreadable: unknown[] };
		const offlineJson = JSON.parse(offline.stdout) as { findings: { code: string; namespace: string }[] };
		expect(liveJson.unreadable).toEqual([{ resource: 'networkpolicies', namespace: '', reason: 'forbidden' }]);
		// Without NetworkPolicies nothing may be said about them (KW601); everything else is the same.
		expect(offlineJson.findings.some((f) => f.code === 'KW601')).toBe(true);
		expect(liveJson.findings).toEqual(offlineJson.findings.filter((f) => f.code !== 'KW601'));
	});

	it('services -o json: the same rows as the fixture files', async () => {
		const live = await runCliAsync(['services', '--kubeconfig', kubeconfig, '-o', 'json']);
		const offline = await runCliAsync(['services', '--fixtures', clusterFixture, '-o', 'json']);
		expect(live.status).toBe(0);
		const fromLive = JSON.parse(live.stdout) as { services: unknown[]; unreadable: unknown[] };
		expect(fromLive.services).toEqual((JSON.parse(offline.stdout) as { services: unknown[] }).services);
		// Live, only what RBAC refused is unreadable (this fake forbids NetworkPolicies); nothing is
		// 'not in the input' as it is for the fixture files.
		expect(fromLive.unreadable).toEqual([{ resource: 'networkpolicies', namespace: '', reason: 'forbidden' }]);
	});

	it('-n: the text report names the live context and only that namespace', async () => {
		const result = await runCliAsync(['check', '--kubeconfig', kubeconfig, '-n', 'shop']);
		expect(result.stdout.split('\n')[0]).toBe(`kubewire check: context kind-fake at ${fake.url}, namespace shop`);
		expect(result.stdout).toContain('Service shop/api');
		expect(result.stdout).not.toContain('payments/pay');
	});

	it('KUBECONFIG with two files: current-context from the first, contexts from both', async () => {
		const dir = tempDir();
		const first = writeKubeconfig(dir, [fakeContext(fake, { name: 'first' })], { file: 'a' });
		const second = writeKubeconfig(dir, [fakeContext(fake, { name: 'second', token: 'wrong' })], { file: 'b' });
		const env = { KUBECONFIG: [first, second].join(path.delimiter) };
		const ok = await runCliAsync(['services', '-o', 'json'], { env });
		expect(ok.status).toBe(0);
		expect(JSON.parse(ok.stdout).services.length).toBeGreaterThan(0);
		const other = await runCliAsync(['services', '--context', 'second'], { env });
		expect(other.status).toBe(2);
		expect(oneLine(other.stderr)).toBe(`kubewire: context second (${fake.url}): credentials rejected (401): the token may have expired`);
	});

	it('bare kubewire with stdout not a terminal prints the check report of the live context', async () => {
		const result = await runCliAsync([], { env: { KUBECONFIG: kubeconfig } });
		expect(result.stdout.split('\n')[0]).toBe(`kubewire check: context kind-fake at ${fake.url}`);
		expect(result.status).toBe(1);
	});
});

describe('connection failures: one line, exit status 2', () => {
	it('a wrong token', async () => {
		const file = kubeconfigFor([fakeContext(fake, { name: 'kind-fake', token: 'stale' })]);
		const result = await runCliAsync(['check', '--kubeconfig', file, '-o', 'json']);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(oneLine(result.stderr)).toBe(`kubewire: context kind-fake (${fake.url}): credentials rejected (401): the token may have expired`);
	});

	it('a wrong CA', async () => {
		const file = kubeconfigFor([fakeContext(fake, { name: 'kind-fake', caData: testCerts().otherCaCert })]);
		const result = await runCliAsync(['services', '--kubeconfig', file]);
		expect(result.status).toBe(2);
		expect(oneLine(result.stderr)).toMatch(/^kubewire: context kind-fake \(https:\/\/127\.0\.0\.1:\d+\): TLS certificate not trusted/);
	});

	it('an unknown context', async () => {
		const result = await runCliAsync(['check', '--kubeconfig', kubeconfig, '--context', 'prod']);
		expect(result.status).toBe(2);
		expect(oneLine(result.stderr)).toBe('kubewire: context "prod" not found in the kubeconfig (contexts: kind-fake)');
	});

	it('nothing listening at the server address', async () => {
		const port = await closedPort();
		const file = kubeconfigFor([fakeContext(fake, { name: 'kind-dev', server: `https://127.0.0.1:${port}` })]);
		const result = await runCliAsync(['check', '--kubeconfig', file]);
		expect(result.status).toBe(2);
		expect(oneLine(result.stderr)).toBe(`kubewire: context kind-dev (https://127.0.0.1:${port}): connection refused`);
	});

	it('only GET requests ever reached the server', () => {
		expect(fake.requests.length).toBeGreaterThan(20);
		expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(['GET']));
		for (const r of fake.requests.filter((x) => x.path.endsWith('/secrets'))) expect(r.accept).toContain('as=PartialObjectMetadataList');
	});
});
