/**
 * Reading a kind page by page survives what big clusters do to long lists: a page that fails
 * once is asked again from the same continue token, and an expired token starts the list over.
 * A slow read tells a non-interactive user, kind by kind, what it is waiting for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openLive } from '../../source/cluster/live.js';
import { liveKinds } from '../../source/cluster/live/kinds.js';
import { loadFiles } from '../../source/cluster/files.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { ApiClient } from '../../source/cluster/live/http.js';
import { loadKubeconfig } from '../../source/cluster/live/kubeconfig.js';
import { listKind, listPages } from '../../source/cluster/live/lister.js';
import type { FakeApiOptions, FakeApiServer } from '../support/fake-apiserver.js';
import { clusterFixture, fakeContext, fastTuning, isolatedEnv, kubeconfigFor, liveRequest, startFake, waitFor } from '../support/live-harness.js';

let fake: FakeApiServer | undefined;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

const expectedPods = loadFiles([clusterFixture]).pods.length;

async function start(options: Partial<FakeApiOptions> = {}) {
	fake = await startFake(options);
	return { server: fake, kubeconfig: kubeconfigFor([fakeContext(fake)]) };
}

describe('paginated lists', () => {
	it('ask a failed page again from the same continue token', async () => {
		const { server, kubeconfig } = await start();
		server.interceptions.push({ match: (r) => r.path === '/api/v1/pods' && r.query['continue'] !== undefined, status: 503 });
		const stream = await openLive(liveRequest(kubeconfig), isolatedEnv);
		expect(stream.current().pods).toHaveLength(expectedPods);
		const pages = server.requests.filter((r) => r.path === '/api/v1/pods' && r.query['limit'] === '500');
		const failed = pages.findIndex((r) => r.status === 503);
		expect(failed).toBeGreaterThan(0);
		expect(pages[failed + 1]!.query['continue']).toBe(pages[failed]!.query['continue']);
	});

	it('start over when the continue token has expired (410)', async () => {
		const { server, kubeconfig } = await start();
		server.interceptions.push({ match: (r) => r.path === '/api/v1/pods' && r.query['continue'] !== undefined, status: 410 });
		const stream = await openLive(liveRequest(kubeconfig), isolatedEnv);
		expect(stream.current().pods).toHaveLength(expectedPods);
		const firstPages = server.requests.filter((r) => r.path === '/api/v1/pods' && r.query['limit'] === '500' && r.query['continue'] === undefined);
		expect(firstPages).toHaveLength(2);
	});

	it('give up with one line when the server keeps failing', async () => {
		const { server, kubeconfig } = await start();
		for (let i = 0; i < 3; i++) server.interceptions.push({ match: (r) => r.path === '/api/v1/services' && r.query['limit'] === '500', status: 500 });
		await expect(openLive(liveRequest(kubeconfig), isolatedEnv)).rejects.toThrow(
			`context fake (${server.url}): GET /api/v1/services: server answered 500: failure injected by the test (500)`,
		);
	});
});

describe('progress', () => {
	it('a slow read says what it is waiting for, then each kind as it is read', async () => {
		const { server, kubeconfig } = await start({ latencyMs: 50 });
		const request = liveRequest(kubeconfig, { progressLines: true, tuning: { slowNoticeMs: 1 } });
		await openLive(request, isolatedEnv);
		expect(request.notices[0]).toMatch(new RegExp(`^reading context fake \\(${server.url.replace(/\./g, '\\.')}\\): `));
		expect(request.notices.some((l) => new RegExp(`^read pods: ${expectedPods} \\(\\d+(\\.\\d)? s\\)$`).test(l))).toBe(true);
		expect(request.notices.filter((l) => l.startsWith('read '))).toHaveLength(liveKinds.length);
	});

	it('a fast read stays quiet', async () => {
		const { kubeconfig } = await start();
		const request = liveRequest(kubeconfig, { progressLines: true, tuning: { slowNoticeMs: 60_000 } });
		await openLive(request, isolatedEnv);
		expect(request.notices).toEqual([]);
	});

	it('without a terminal to show them on, even a slow read prints no progress lines', async () => {
		const { kubeconfig } = await start({ latencyMs: 50 });
		const request = liveRequest(kubeconfig, { progressLines: false, tuning: { slowNoticeMs: 1 } });
		await openLive(request, isolatedEnv);
		expect(request.notices).toEqual([]);
	});

	it('in watch mode, health() carries per-kind progress while loading', async () => {
		const { kubeconfig } = await start({ latencyMs: 40 });
		const stream = await openLive(liveRequest(kubeconfig, { watch: true }), isolatedEnv);
		try {
			const progress = await waitFor(() => {
				const h = stream.health();
				return h.state === 'loading' && h.progress?.['pods'] !== undefined && h.progress['pods'] !== '0…' ? h.progress : undefined;
			}, 'progress for pods');
			expect(progress['pods']).toMatch(/^\d+(…)?$/);
			expect(Object.keys(progress)).toContain('services');
		} finally {
			stream.close?.();
		}
	});

	it('once the Services are drawn, the kinds read after them wait for the rebuild pace; page counts keep the progress pace', async () => {
		const { kubeconfig } = await start({ latencyMs: 20 });
		// No second snapshot may come before the load ends, while page counts come every 10 ms.
		const stream = await openLive(liveRequest(kubeconfig, { watch: true, tuning: { ...fastTuning, progressMs: 10, loadingRebuildMs: 60_000 } }), isolatedEnv);
		const heard: { state: string; snapshot: Snapshot; progress: string }[] = [];
		stream.subscribe(() => heard.push({ state: stream.health().state, snapshot: stream.current(), progress: JSON.stringify(stream.health().progress) }));
		try {
			await waitFor(() => heard.at(-1)?.state === 'live', 'the stream to go live and say so');
			const whileLoading = heard.filter((h) => h.state === 'loading' && h.snapshot.services.length > 0);
			expect(new Set(whileLoading.map((h) => h.snapshot)).size).toBe(1);
			expect(whileLoading[0]!.snapshot.pods).toHaveLength(0);
			expect(new Set(whileLoading.map((h) => h.progress)).size).toBeGreaterThan(1);
			expect(heard.at(-1)!.snapshot.pods).toHaveLength(expectedPods);
		} finally {
			stream.close?.();
		}
	});

	it('in watch mode the Services are drawn as soon as they are read; kinds read after them wait for the progress pace', async () => {
		const { kubeconfig } = await start({ latencyMs: 20 });
		// Page counts and later kinds would reach the screen only after a minute: none may before the load ends.
		const stream = await openLive(liveRequest(kubeconfig, { watch: true, tuning: { ...fastTuning, progressMs: 60_000 } }), isolatedEnv);
		const heard: { state: string; services: number; pods: number }[] = [];
		stream.subscribe(() => heard.push({ state: stream.health().state, services: stream.current().services.length, pods: stream.current().pods.length }));
		try {
			await waitFor(() => heard.at(-1)?.state === 'live', 'the stream to go live and say so');
			const whileLoading = heard.filter((h) => h.state === 'loading' && h.services > 0);
			expect(whileLoading).toHaveLength(1);
			expect(whileLoading[0]!.pods).toBe(0);
			expect(heard.at(-1)!.pods).toBeGreaterThan(0);
		} finally {
			stream.close?.();
		}
	});
});

describe('lists sooner', () => {
	async function client(kubeconfig: string) {
		const config = await loadKubeconfig({ kubeconfig }, isolatedEnv);
		return new ApiClient(config.kc, config.target, { requestMs: 3_000, watchIdleMs: 60_000 });
	}
	const pods = liveKinds.find((k) => k.resource === 'pods')!;

	it('ask for gzip on lists and read the compressed answers; watches stay plain', async () => {
		const { server, kubeconfig } = await start();
		const stream = await openLive(liveRequest(kubeconfig, { watch: true }), isolatedEnv);
		await waitFor(() => server.watchCount() >= 17, 'every kind watched');
		expect(stream.current().pods).toHaveLength(expectedPods);
		stream.close?.();
		const lists = server.requests.filter((r) => !r.watch && r.status === 200);
		expect(lists.length).toBeGreaterThan(17);
		expect(lists.every((r) => r.acceptEncoding === 'gzip' && r.gzipped === true)).toBe(true);
		const watches = server.requests.filter((r) => r.watch);
		expect(watches.length).toBeGreaterThan(0);
		expect(watches.every((r) => r.acceptEncoding === '' && !r.gzipped)).toBe(true);
	});

	it('project each item as it is parsed, and keep only what a whole read gives when the walk gives up', async () => {
		const { server, kubeconfig } = await start();
		const pod = (name: string) => ({ metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running' } });
		// Two items arrays: the walk projects the first one's pod, then reads the answer whole, which
		// keeps the last array (as JSON.parse does); the first one's record must not stay.
		const body = `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[${JSON.stringify(pod('ghost'))}],"items":[${JSON.stringify(pod('real'))}]}`;
		server.interceptions.push({ match: (r) => r.path === '/api/v1/pods', status: 200, body });
		const api = await client(kubeconfig);
		const result = await listKind(api, pods, '', { pageSize: 500 });
		api.close();
		expect([...result.records.keys()]).toEqual(['shop/real']);
		expect(result.resourceVersion).toBe('9');
	});

	it('read a server that does not compress as before', async () => {
		const { server, kubeconfig } = await start({ noGzip: true });
		const stream = await openLive(liveRequest(kubeconfig), isolatedEnv);
		expect(stream.current().pods).toHaveLength(expectedPods);
		expect(server.requests.some((r) => r.gzipped)).toBe(false);
	});

	it('ask for the next page before handling this one', async () => {
		const { server, kubeconfig } = await start();
		const api = await client(kubeconfig);
		const podRequests = () => server.requests.filter((r) => r.path === '/api/v1/pods').length;
		let handled = 0;
		let items = 0;
		const result = await listPages(api, pods, '', { pageSize: 500 }, {
			restart: () => undefined,
			page: async (page) => {
				items += page.length;
				// Page k is handled only once page k+1 has been asked for: without that request in
				// flight before handling, this wait would never end.
				if (items < expectedPods) await waitFor(() => podRequests() >= handled + 2, `the page after page ${handled} asked for`);
				handled++;
			},
		});
		api.close();
		expect(items).toBe(expectedPods);
		expect(result.pages).toBe(Math.ceil(expectedPods / 4));
	});

	it('ask for the next page as soon as the first bytes of this one are in', async () => {
		// The first page's items are held back until the second page is asked for (or the wait gives up).
		let release = () => undefined as void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const { server, kubeconfig } = await start({ holdItems: (r) => (r.path === '/api/v1/pods' && r.query['continue'] === undefined ? released : undefined) });
		const api = await client(kubeconfig);
		let items = 0;
		const listing = listPages(api, pods, '', { pageSize: 500 }, { restart: () => undefined, page: (page) => void (items += page.length) });
		try {
			await waitFor(() => server.requests.some((r) => r.path === '/api/v1/pods' && r.query['continue'] !== undefined), 'the second page asked for while the first one is still arriving');
			expect(items).toBe(0);
		} finally {
			release();
		}
		const result = await listing;
		api.close();
		expect(items).toBe(expectedPods);
		expect(result.pages).toBe(Math.ceil(expectedPods / 4));
	});

	it('ask at most two pages beyond the one being handled', async () => {
		// A pod a page, so that the list is long enough to run far ahead if nothing held it back.
		const { server, kubeconfig } = await start({ maxPageSize: 1 });
		const api = await client(kubeconfig);
		const podRequests = () => server.requests.filter((r) => r.path === '/api/v1/pods').length;
		expect(expectedPods).toBeGreaterThan(4);
		let handled = 0;
		const asked: number[] = [];
		await listPages(api, pods, '', { pageSize: 500 }, {
			restart: () => undefined,
			page: async () => {
				if (handled === 0) {
					// The first page is handled slowly: the server answers meanwhile whatever is asked.
					await waitFor(() => podRequests() >= 3, 'two pages asked for beyond the first');
					await new Promise((resolve) => setTimeout(resolve, 300));
					asked.push(podRequests());
				}
				handled++;
			},
		});
		api.close();
		expect(asked).toEqual([3]);
		expect(handled).toBe(expectedPods);
	});
});

describe('the order of the first read', () => {
	it('lists Services alone first, every page, then the other kinds', async () => {
		// Small pages, so the Services list takes several requests.
		const { server, kubeconfig } = await start({ maxPageSize: 2 });
		await openLive(liveRequest(kubeconfig, { allNamespaces: true, tuning: { ...liveRequest('').tuning, pageSize: 2 } }), isolatedEnv);
		const lists = server.requests.filter((r) => r.method === 'GET' && !r.watch && r.query['limit'] !== undefined);
		const services = lists.flatMap((r, i) => (r.path === '/api/v1/services' ? [i] : []));
		const others = lists.flatMap((r, i) => (r.path !== '/api/v1/services' ? [i] : []));
		expect(services.length).toBeGreaterThan(1);
		expect(others.length).toBeGreaterThan(0);
		expect(Math.max(...services)).toBeLessThan(Math.min(...others));
	});
});
