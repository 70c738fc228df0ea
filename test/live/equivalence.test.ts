/**
 * The same objects must give the same answers whether kubewire reads them from files or from an
 * API server: the fixture is loaded offline and served by the fake API server, and the two
 * snapshots, their findings and the services report are compared. The request log shows how the
 * server was read: GET only, paginated, Secrets as metadata.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { openLive } from '../../source/cluster/live.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import { checkJson } from '../../source/report/check.js';
import { servicesJson } from '../../source/report/services.js';
import type { FakeApiServer } from '../support/fake-apiserver.js';
import {
	clusterFixture,
	comparableSnapshot,
	demoFixtures,
	fakeContext,
	inApiOrder,
	isolatedEnv,
	kubeconfigFor,
	liveRequest,
	startFake,
} from '../support/live-harness.js';

async function readLive(fake: FakeApiServer): Promise<Snapshot> {
	const stream = await openLive(liveRequest(kubeconfigFor([fakeContext(fake)])), isolatedEnv);
	const snapshot = stream.current();
	stream.close?.();
	return snapshot;
}

function answers(snapshot: Snapshot) {
	const analysis = analyze(snapshot, {});
	return { check: checkJson(analysis, {}), services: servicesJson(analysis, {}) };
}

describe('the live fixture read offline and live', () => {
	let fake: FakeApiServer;
	let offline: Snapshot;
	let live: Snapshot;

	beforeAll(async () => {
		fake = await startFake();
		offline = loadFiles([clusterFixture]);
		live = await readLive(fake);
	});
	afterAll(() => fake.close());

	it('gives the same snapshot records', () => {
		expect(live.services.length).toBeGreaterThan(0);
		expect(comparableSnapshot(live)).toEqual(comparableSnapshot(offline));
		expect(live.origin).toMatchObject({ kind: 'live', context: 'fake', server: fake.url });
	});

	it('gives the same findings and the same services report', () => {
		const a = answers(offline);
		const b = answers(live);
		expect((a.check as { findings: unknown[] }).findings.length).toBeGreaterThan(5);
		expect(b.check).toEqual(a.check);
		expect(b.services).toEqual(a.services);
	});

	it('reads the kube-proxy ConfigMap with one GET', () => {
		expect(live.proxyConfig).toMatchObject({ mode: 'iptables', clusterCIDR: '10.244.0.0/16', source: 'ConfigMap kube-system/kube-proxy' });
		expect(fake.requests.filter((r) => r.path === '/api/v1/namespaces/kube-system/configmaps/kube-proxy')).toHaveLength(1);
	});

	it('sends only GET requests', () => {
		expect(fake.requests.length).toBeGreaterThan(10);
		expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(['GET']));
	});

	it('pages through long lists with limit and continue', () => {
		const pods = fake.requests.filter((r) => r.path === '/api/v1/pods' && r.query['limit'] !== '1');
		// At most 4 items a page: every page after the first continues the previous one.
		expect(offline.pods.length).toBeGreaterThan(8);
		expect(pods).toHaveLength(Math.ceil(offline.pods.length / 4));
		expect(pods[0]!.query['continue']).toBeUndefined();
		expect(pods.slice(1).every((r) => typeof r.query['continue'] === 'string' && r.query['continue'] !== '')).toBe(true);
		expect(pods.every((r) => r.query['limit'] === '500')).toBe(true);
		expect(live.pods).toHaveLength(offline.pods.length);
	});

	it('asks for Secrets as metadata only, and never receives their data', () => {
		const secrets = fake.requests.filter((r) => r.path.endsWith('/secrets'));
		expect(secrets.length).toBeGreaterThan(0);
		for (const r of secrets) expect(r.accept).toContain('as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
		expect(JSON.stringify(live.secrets)).not.toContain('ZmFrZS1');
		expect(live.secrets.map((s) => s.name).sort()).toEqual(['pay-credentials', 'shop-tls']);
	});

	it('reads every namespace when the user may list them, with no notice', () => {
		expect(fake.requests.some((r) => r.path === '/api/v1/services')).toBe(true);
		expect(fake.requests.some((r) => r.path.startsWith('/api/v1/namespaces/shop/'))).toBe(false);
		expect(live.unreadable).toEqual([]);
	});
});

const demoPresent = existsSync(demoFixtures) && readdirSync(demoFixtures).some((f) => f.endsWith('.yaml'));

describe.skipIf(!demoPresent)('the demo cluster read offline and live', () => {
	it('gives the same findings and services report', async () => {
		const fake = await startFake({ fixtures: [demoFixtures], maxPageSize: 7 });
		try {
			// Messages that name the first of several pods follow input order; the API lists by name.
			const offline = inApiOrder(loadFiles([demoFixtures]));
			const live = await readLive(fake);
			expect(comparableSnapshot(live)).toEqual(comparableSnapshot(offline));
			const a = answers(offline);
			expect((a.check as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
			expect(answers(live).check).toEqual(a.check);
			expect(answers(live).services).toEqual(a.services);
		} finally {
			await fake.close();
		}
	});
});
