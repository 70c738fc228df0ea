/**
 * Shared set-up for the live tests: one set of test certificates per test file, a fake API server
 * serving the live fixture, kubeconfigs pointing at it, fast timings, and a polling wait.
 */
import { fileURLToPath } from 'node:url';
import type { LiveRequest } from '../../source/cluster/live.js';
import type { LiveTuning } from '../../source/cluster/live/tuning.js';
import type { Meta, Snapshot } from '../../source/cluster/snapshot.js';
import { FakeApiServer, type FakeApiOptions } from './fake-apiserver.js';
import { tempDir, writeKubeconfig, type TestContext } from './kubeconfig-file.js';
import { makeTestCerts, type TestCerts } from './test-certs.js';

export const clusterFixture = fileURLToPath(new URL('../live/fixtures/cluster/', import.meta.url));
export const demoFixtures = fileURLToPath(new URL('../../demo-fixtures/', import.meta.url));

let certs: TestCerts | undefined;
export function testCerts(): TestCerts {
	certs ??= makeTestCerts();
	return certs;
}

/** A fake server on the live fixture, with pages of at most 4 items so every big list paginates. */
export function startFake(options: Partial<FakeApiOptions> = {}): Promise<FakeApiServer> {
	return FakeApiServer.start({ certs: testCerts(), fixtures: [clusterFixture], maxPageSize: 4, ...options });
}

export function fakeContext(fake: { url: string }, overrides: Partial<TestContext> = {}): TestContext {
	return { name: 'fake', server: fake.url, caData: testCerts().caCert, token: 'good-token', ...overrides };
}

/** Writes a kubeconfig with the given contexts into a fresh temp dir. */
export function kubeconfigFor(contexts: TestContext[], current?: string): string {
	return writeKubeconfig(tempDir(), contexts, { current });
}

export const fastTuning: Partial<LiveTuning> = {
	requestTimeoutMs: 3_000,
	batchMs: 20,
	progressMs: 40,
	loadingRebuildMs: 40,
	backoffBaseMs: 20,
	backoffMaxMs: 200,
	minHealthyWatchMs: 50,
	watchTimeoutSeconds: 60,
};

export function liveRequest(kubeconfig: string, extra: Partial<LiveRequest> = {}): LiveRequest & { notices: string[] } {
	const notices: string[] = [];
	return { kubeconfig, allNamespaces: false, notify: (line) => notices.push(line), tuning: fastTuning, notices, ...extra };
}

/** An environment with no kubeconfig of its own, so only what a test names is read. */
export const isolatedEnv: NodeJS.ProcessEnv = { HOME: '/nonexistent-home', KUBECONFIG: '' };

/** Polls until `probe` returns something truthy (or fails with what was awaited). */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, limitMs = 8_000): Promise<T> {
	const deadline = Date.now() + limitMs;
	for (;;) {
		const value = probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

type Comparable = Record<string, unknown>;

/**
 * A Snapshot reduced to what must be equal whether it was read from files or from the API
 * server: records sorted by namespace/name, without server-assigned uids; Secrets by name only
 * (metadata-only reads have no type).
 */
export function comparableSnapshot(s: Snapshot): Comparable {
	const strip = (records: readonly Meta[]) =>
		[...records]
			.map((r) => {
				const { uid: _uid, origin: _origin, ...rest } = r as Meta & Comparable;
				return rest;
			})
			.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
	return {
		services: strip(s.services),
		endpointSlices: strip(s.endpointSlices),
		endpoints: strip(s.endpoints),
		pods: strip(s.pods),
		ingresses: strip(s.ingresses),
		ingressClasses: strip(s.ingressClasses),
		nodes: strip(s.nodes),
		namespaces: strip(s.namespaces),
		networkPolicies: strip(s.networkPolicies),
		secrets: s.secrets.map((x) => `${x.namespace}/${x.name}`).sort(),
		proxyConfig: s.proxyConfig,
		unreadable: s.unreadable,
	};
}

/**
 * The snapshot with every list in the order an API server returns it (namespace, then name).
 * Files list objects in whatever order they were written, and a few messages name "the first"
 * pod; comparing against an API-ordered copy keeps such tests about content, not order.
 */
export function inApiOrder(s: Snapshot): Snapshot {
	const byKey = <T extends Meta>(records: T[]) =>
		[...records].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1));
	return {
		...s,
		services: byKey(s.services),
		endpointSlices: byKey(s.endpointSlices),
		endpoints: byKey(s.endpoints),
		pods: byKey(s.pods),
		ingresses: byKey(s.ingresses),
		ingressClasses: byKey(s.ingressClasses),
		nodes: byKey(s.nodes),
		namespaces: byKey(s.namespaces),
		networkPolicies: byKey(s.networkPolicies),
		secrets: byKey(s.secrets),
	};
}
