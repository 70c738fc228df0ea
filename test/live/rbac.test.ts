/**
 * RBAC: what the user may not read becomes an `unreadable` entry, no finding is drawn from it,
 * and everything else still works. The default scope narrows to the context's namespace (with
 * one notice) when Services or Pods cannot be listed across all namespaces.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { openLive, type LiveRequest } from '../../source/cluster/live.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import type { FakeApiOptions, FakeApiServer } from '../support/fake-apiserver.js';
import { clusterFixture, fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake } from '../support/live-harness.js';
import type { TestContext } from '../support/kubeconfig-file.js';

let fake: FakeApiServer | undefined;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

async function read(
	options: Partial<FakeApiOptions>,
	request: Partial<LiveRequest> = {},
	context: Partial<TestContext> = {},
): Promise<{ snapshot: Snapshot; notices: string[]; server: FakeApiServer }> {
	fake = await startFake(options);
	const req = liveRequest(kubeconfigFor([fakeContext(fake, context)]), request);
	const stream = await openLive(req, isolatedEnv);
	const snapshot = stream.current();
	stream.close?.();
	return { snapshot, notices: req.notices, server: fake };
}

const codes = (s: Snapshot) => analyze(s, {}).findings.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`).sort();

describe('a forbidden kind', () => {
	it('becomes an unreadable entry, and no finding is drawn from it', async () => {
		const { snapshot, notices } = await read({ forbid: [{ resource: 'secrets' }] });
		expect(snapshot.unreadable).toEqual([{ resource: 'secrets', namespace: '', reason: 'forbidden' }]);
		expect(snapshot.secrets).toEqual([]);
		expect(notices).toEqual([]);
		const offline = codes(loadFiles([clusterFixture]));
		// Offline, admin-tls is known to be missing (KW504); live, nobody could tell.
		expect(offline).toContain('KW504 Ingress shop/shop');
		expect(codes(snapshot)).toEqual(offline.filter((c) => !c.startsWith('KW504')));
	});

	it('leaves every other kind read in full', async () => {
		const { snapshot } = await read({ forbid: [{ resource: 'networkpolicies' }, { resource: 'nodes' }] });
		expect(snapshot.unreadable.map((u) => u.resource)).toEqual(['nodes', 'networkpolicies']);
		const offline = loadFiles([clusterFixture]);
		expect(snapshot.services).toHaveLength(offline.services.length);
		expect(snapshot.pods).toHaveLength(offline.pods.length);
		expect(codes(snapshot)).not.toContain('KW601 Service payments/pay');
	});

	it('kube-proxy ConfigMap refused: no proxy config and an unreadable entry for kube-system', async () => {
		const { snapshot } = await read({ forbid: [{ resource: 'configmaps', namespace: 'kube-system' }] });
		expect(snapshot.proxyConfig).toBeUndefined();
		expect(snapshot.unreadable).toEqual([{ resource: 'configmaps', namespace: 'kube-system', reason: 'forbidden' }]);
	});

	it('a kind the server does not serve (404) is unreadable too, not a crash', async () => {
		const { snapshot } = await read({ unserved: ['endpointslices'] });
		expect(snapshot.unreadable).toEqual([{ resource: 'endpointslices', namespace: '', reason: 'not served by this API server (404)' }]);
		expect(snapshot.services.length).toBeGreaterThan(0);
	});

	it('with nothing readable at all, -A still answers with an empty, fully unreadable snapshot', async () => {
		const everything = ['namespaces', 'nodes', 'services', 'endpointslices', 'endpoints', 'pods', 'ingresses', 'ingressclasses', 'networkpolicies', 'secrets', 'configmaps'];
		const { snapshot } = await read({ forbid: everything.map((resource) => ({ resource })) }, { allNamespaces: true });
		expect(snapshot.services).toEqual([]);
		expect(snapshot.unreadable.map((u) => u.resource).sort()).toEqual([...everything].sort());
		expect(analyze(snapshot, {}).findings).toEqual([]);
	});
});

describe('namespaces', () => {
	it('falls back to the context namespace, with one notice, when pods cannot be listed cluster-wide', async () => {
		const { snapshot, notices, server } = await read({ forbid: [{ resource: 'pods', namespace: '*' }] }, {}, { namespace: 'shop' });
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatch(/reading namespace shop only/);
		expect(snapshot.unreadable).toEqual([]);
		expect(new Set(snapshot.services.map((s) => s.namespace))).toEqual(new Set(['shop']));
		expect(new Set(snapshot.pods.map((p) => p.namespace))).toEqual(new Set(['shop']));
		// Cluster-scoped kinds are still read whole.
		expect(snapshot.nodes.map((n) => n.name)).toEqual(['node-a', 'node-b']);
		expect(snapshot.origin.description).toContain('namespace shop only');
		const lists = server.requests.filter((r) => r.path.endsWith('/pods') && r.query['limit'] !== '1');
		expect(lists.length).toBeGreaterThan(1);
		expect(new Set(lists.map((r) => r.path))).toEqual(new Set(['/api/v1/namespaces/shop/pods']));
	});

	it('falls back to "default" when the context names no namespace', async () => {
		const { snapshot, notices } = await read({ forbid: [{ resource: 'services', namespace: '*' }] });
		expect(notices[0]).toMatch(/reading namespace default only/);
		expect(snapshot.services.map((s) => `${s.namespace}/${s.name}`)).toEqual(['default/search']);
	});

	it('-n reads only that namespace, and a refusal there is an unreadable entry for it', async () => {
		const { snapshot, notices, server } = await read({ forbid: [{ resource: 'pods', namespace: 'payments' }] }, { namespace: 'payments' });
		expect(notices).toEqual([]);
		expect(snapshot.unreadable).toEqual([{ resource: 'pods', namespace: 'payments', reason: 'forbidden' }]);
		expect(snapshot.services.map((s) => s.name)).toEqual(['pay']);
		// Without pods, nothing may be said about pods matching (KW101/KW105) in payments.
		expect(codes(snapshot).filter((c) => /^KW10[1-5]/.test(c))).toEqual([]);
		expect(server.requests.some((r) => r.path === '/api/v1/services')).toBe(false);
	});

	it('-A insists on every namespace: a refusal is unreadable, never a silent narrowing', async () => {
		const { snapshot, notices } = await read({ forbid: [{ resource: 'pods', namespace: '*' }] }, { allNamespaces: true });
		expect(notices).toEqual([]);
		expect(snapshot.unreadable).toEqual([{ resource: 'pods', namespace: '', reason: 'forbidden' }]);
		expect(new Set(snapshot.services.map((s) => s.namespace)).size).toBeGreaterThan(1);
	});
});
