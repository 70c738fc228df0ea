/**
 * Watches keep a live stream fresh: events reach subscribers in batches, each with a new
 * Snapshot; a 410 Gone makes kubewire list again; a dropped or refused watch reconnects with
 * backoff and health() says so; a failed first read shows in health() and retry() recovers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openLive } from '../../source/cluster/live.js';
import { liveKinds } from '../../source/cluster/live/kinds.js';
import type { SnapshotStream } from '../../source/cluster/snapshot.js';
import { closedPort, FakeApiServer } from '../support/fake-apiserver.js';
import { fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake, testCerts, waitFor } from '../support/live-harness.js';

let fake: FakeApiServer | undefined;
let stream: SnapshotStream | undefined;
afterEach(async () => {
	stream?.close?.();
	stream = undefined;
	await fake?.close();
	fake = undefined;
});

function pod(name: string, namespace = 'shop', extra: { ready?: boolean; labels?: Record<string, string> } = {}) {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: { name, namespace, labels: extra.labels ?? { app: 'web', tier: 'front' } },
		spec: { nodeName: 'node-a', containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }] },
		status: { phase: 'Running', podIP: '10.244.0.99', conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
	};
}

async function watching(batchMs = 20): Promise<{ fake: FakeApiServer; stream: SnapshotStream; changes: () => number }> {
	fake = await startFake();
	const server = fake;
	stream = await openLive(liveRequest(kubeconfigFor([fakeContext(server)]), { watch: true, tuning: { ...liveRequest('').tuning, batchMs } }), isolatedEnv);
	let count = 0;
	stream.subscribe(() => count++);
	const opened = stream;
	await waitFor(() => opened.health().state === 'live' && server.watchCount() === liveKinds.length, 'every kind to be watched');
	return { fake: server, stream: opened, changes: () => count };
}

const podNames = (s: SnapshotStream) => s.current().pods.map((p) => p.name);

describe('watch mode', () => {
	it('returns at once, reports progress while loading, then goes live', async () => {
		fake = await startFake();
		stream = await openLive(liveRequest(kubeconfigFor([fakeContext(fake)]), { watch: true }), isolatedEnv);
		// Nothing has been read yet: the stream exists before the first list completes.
		expect(stream.health().state).toBe('loading');
		expect(stream.current().services).toEqual([]);
		const s = stream;
		const server = fake;
		await waitFor(() => s.health().state === 'live' && server.watchCount() === liveKinds.length, 'the stream to go live');
		expect(s.current().services.length).toBeGreaterThan(0);
		expect(s.health().updatedAt).toBe(s.current().takenAt);
		// One watch per readable kind, each from the resourceVersion of its list, Secrets as metadata.
		const watches = fake.requests.filter((r) => r.watch);
		expect(watches.map((r) => r.path).sort()).toEqual(
			[
				'/api/v1/endpoints', '/api/v1/namespaces', '/api/v1/nodes', '/api/v1/pods', '/api/v1/secrets', '/api/v1/services',
				'/apis/discovery.k8s.io/v1/endpointslices', '/apis/networking.k8s.io/v1/ingressclasses',
				'/apis/networking.k8s.io/v1/ingresses', '/apis/networking.k8s.io/v1/networkpolicies',
				'/apis/apps/v1/deployments', '/apis/apps/v1/statefulsets', '/apis/apps/v1/daemonsets', '/apis/apps/v1/replicasets',
				'/api/v1/replicationcontrollers', '/apis/batch/v1/jobs', '/apis/batch/v1/cronjobs',
				'/apis/gateway.networking.k8s.io/v1/gateways', '/apis/gateway.networking.k8s.io/v1/gatewayclasses',
				'/apis/gateway.networking.k8s.io/v1/httproutes', '/apis/gateway.networking.k8s.io/v1/grpcroutes',
				'/apis/gateway.networking.k8s.io/v1beta1/referencegrants',
			].sort(),
		);
		for (const w of watches) {
			expect(Number(w.query['resourceVersion'])).toBeGreaterThan(0);
			expect(w.query['allowWatchBookmarks']).toBe('true');
			expect(Number(w.query['timeoutSeconds'])).toBeGreaterThan(0);
		}
		expect(watches.find((r) => r.path === '/api/v1/secrets')!.accept).toContain('as=PartialObjectMetadata;g=meta.k8s.io;v=v1');
		expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(['GET']));
	});

	it('brings added, changed and deleted objects to subscribers, each time in a new Snapshot', async () => {
		const { fake: server, stream: s } = await watching();
		const before = s.current();
		server.apply(pod('web-7c9f-new'));
		await waitFor(() => podNames(s).includes('web-7c9f-new'), 'the added pod');
		const after = s.current();
		expect(after).not.toBe(before);
		expect(before.pods.some((p) => p.name === 'web-7c9f-new')).toBe(false);
		// Kinds that did not change are shared, not copied.
		expect(after.services).toBe(before.services);

		server.apply(pod('web-7c9f-new', 'shop', { ready: false }));
		await waitFor(() => s.current().pods.find((p) => p.name === 'web-7c9f-new')?.ready === false, 'the pod to turn not Ready');

		server.remove('pods', 'shop', 'web-7c9f-new');
		await waitFor(() => !podNames(s).includes('web-7c9f-new'), 'the deleted pod to go');
		expect(s.health().state).toBe('live');
	});

	it('batches a burst of events into a few notifications', async () => {
		const { fake: server, stream: s, changes } = await watching(300);
		const start = changes();
		for (let i = 0; i < 60; i++) server.apply(pod(`burst-${i}`));
		await waitFor(() => s.current().pods.filter((p) => p.name.startsWith('burst-')).length === 60, 'all 60 pods');
		expect(changes() - start).toBeGreaterThan(0);
		expect(changes() - start).toBeLessThanOrEqual(3);
	});

	it('lists again after 410 Gone, and sees what changed while the history was lost', async () => {
		const { fake: server, stream: s } = await watching();
		const podLists = () => server.requests.filter((r) => r.path === '/api/v1/pods' && !r.watch && r.query['limit'] !== '1').length;
		const listsBefore = podLists();
		server.applyQuietly(pod('seen-only-by-a-list'));
		server.expire('pods');
		await waitFor(() => podNames(s).includes('seen-only-by-a-list'), 'the relisted pod');
		expect(podLists()).toBeGreaterThan(listsBefore);
		// And the new watch works: it starts from the relist's version.
		await waitFor(() => server.watchCount('pods') === 1, 'the pods watch to be back');
		server.apply(pod('after-relist'));
		await waitFor(() => podNames(s).includes('after-relist'), 'an event after the relist');
		expect(s.health().state).toBe('live');
	});

	it('reconnects a dropped watch from where it was, without losing events', async () => {
		const { fake: server, stream: s } = await watching();
		server.apply(pod('before-drop'));
		await waitFor(() => podNames(s).includes('before-drop'), 'the first pod');
		const watchesBefore = server.requests.filter((r) => r.watch && r.path === '/api/v1/pods').length;
		server.dropWatches('pods');
		await waitFor(() => server.watchCount('pods') === 1, 'the pods watch to reconnect');
		const resumed = server.requests.filter((r) => r.watch && r.path === '/api/v1/pods');
		expect(resumed.length).toBe(watchesBefore + 1);
		// It resumed from the last version it saw, not from scratch.
		expect(Number(resumed.at(-1)!.query['resourceVersion'])).toBeGreaterThan(Number(resumed[0]!.query['resourceVersion']));
		server.apply(pod('after-drop'));
		await waitFor(() => podNames(s).includes('after-drop'), 'an event after reconnecting');
	});

	it('backs off while the server refuses watches, says so in health(), and recovers', async () => {
		const { fake: server, stream: s } = await watching();
		server.watchFailure = 503;
		server.dropWatches('services');
		// The cut connection is the first failure; the refusals follow.
		const health = await waitFor(() => (s.health().state === 'reconnecting' && s.health().message?.includes('503') ? s.health() : undefined), 'health to say reconnecting');
		expect(health.message).toMatch(/^watch services: .*503.*; (retrying in \d+ s|reconnecting)$/);
		// Several attempts are made, each after a pause, not a hot loop of thousands.
		await waitFor(() => server.requests.filter((r) => r.watch && r.path === '/api/v1/services' && r.status === 503).length >= 3, 'three refused attempts');
		server.watchFailure = undefined;
		await waitFor(() => s.health().state === 'live' && server.watchCount('services') === 1, 'the watch to come back');
		server.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'late', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } });
		await waitFor(() => s.current().services.some((x) => x.name === 'late'), 'a Service event after recovery');
	});

	it('a failed first read shows in health(); retry() reads again once the server is there', async () => {
		const port = await closedPort();
		const certs = testCerts();
		const request = liveRequest(kubeconfigFor([{ name: 'later', server: `https://127.0.0.1:${port}`, caData: certs.caCert, token: 'good-token' }]), { watch: true });
		stream = await openLive(request, isolatedEnv);
		const s = stream;
		const failed = await waitFor(() => (s.health().state === 'error' ? s.health() : undefined), 'the error state');
		expect(failed.message).toBe(`context later (https://127.0.0.1:${port}): connection refused`);
		fake = await FakeApiServer.start({ certs, port, fixtures: [], objects: [pod('only-pod')] });
		s.retry?.();
		await waitFor(() => s.health().state === 'live', 'the stream to go live after retry');
		expect(podNames(s)).toEqual(['only-pod']);
	});

	it('close() ends every watch and no more notifications come', async () => {
		const { fake: server, stream: s, changes } = await watching();
		s.close?.();
		await waitFor(() => server.watchCount() === 0, 'the server to see every watch closed');
		const after = changes();
		server.apply(pod('after-close'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(changes()).toBe(after);
		expect(podNames(s)).not.toContain('after-close');
	});
});
