/**
 * Live, the StatefulSets, DaemonSets and kube-system pods that KW108, KW109 and KW801 need are
 * read under the same RBAC-partial rules as everything else: read, they raise what the files
 * raise; forbidden, they are unreadable and raise nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { openLive } from '../../source/cluster/live.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import type { FakeApiServer, ForbidRule } from '../support/fake-apiserver.js';
import { fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake } from '../support/live-harness.js';
import { fixturesDir } from '../diagnostics/support.js';

const files = ['KW108', 'KW109', 'KW801'].map((code) => `${fixturesDir}${code}/broken.yaml`);

let fake: FakeApiServer | undefined;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

async function read(forbid: ForbidRule[]): Promise<Snapshot> {
	fake = await startFake({ fixtures: files, forbid });
	const stream = await openLive(liveRequest(kubeconfigFor([fakeContext(fake)]), { allNamespaces: true }), isolatedEnv);
	const snapshot = stream.current();
	stream.close?.();
	return snapshot;
}

const codes = (s: Snapshot) =>
	analyze(s, {})
		.findings.filter((f) => ['KW108', 'KW109', 'KW801'].includes(f.code))
		.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`)
		.sort();

describe('workloads and kube-proxy pods, live', () => {
	it('read in full: the same findings as the files', async () => {
		const offline = codes(loadFiles(files));
		expect(offline).toEqual([
			'KW108 Service store/etcd',
			'KW109 StatefulSet data/kafka',
			'KW109 StatefulSet data/postgres',
			'KW801 Node /node-b',
			'KW801 Node /node-c',
		]);
		expect(codes(await read([]))).toEqual(offline);
	});

	it('StatefulSets forbidden: unreadable, and neither KW108 nor KW109', async () => {
		const snapshot = await read([{ resource: 'statefulsets' }]);
		expect(snapshot.unreadable).toEqual([{ resource: 'statefulsets', namespace: '', reason: 'forbidden' }]);
		expect(codes(snapshot)).toEqual(['KW801 Node /node-b', 'KW801 Node /node-c']);
	});

	it('kube-system pods forbidden: no KW801', async () => {
		const snapshot = await read([{ resource: 'pods', namespace: 'kube-system' }]);
		// Asked for every namespace at once, the refusal covers the whole list.
		expect(snapshot.unreadable.some((u) => u.resource === 'pods')).toBe(true);
		expect(codes(snapshot).filter((c) => c.startsWith('KW801'))).toEqual([]);
	});

	it('nodes forbidden: no KW801', async () => {
		const snapshot = await read([{ resource: 'nodes' }]);
		expect(codes(snapshot).filter((c) => c.startsWith('KW801'))).toEqual([]);
	});
});
