/**
 * The Gateway API is a set of CRDs that many clusters do not install. Without them the read says
 * so once and goes on: no unreadable entry, no error. With them, Gateways and routes are read
 * like any kind; a kind missing from an older install (GRPCRoute) is unreadable, so nothing is
 * concluded from its absence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openLive } from '../../source/cluster/live.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import type { FakeApiOptions, FakeApiServer } from '../support/fake-apiserver.js';
import { fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake } from '../support/live-harness.js';

let fake: FakeApiServer | undefined;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

async function read(options: Partial<FakeApiOptions>): Promise<{ snapshot: Snapshot; notices: string[] }> {
	fake = await startFake(options);
	const req = liveRequest(kubeconfigFor([fakeContext(fake)]));
	const stream = await openLive(req, isolatedEnv);
	const snapshot = stream.current();
	stream.close?.();
	return { snapshot, notices: req.notices };
}

const gatewayResources = ['gateways', 'gatewayclasses', 'httproutes', 'grpcroutes', 'referencegrants'];

const gatewayObjects = [
	{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg' }, spec: { controllerName: 'example.net/gw' } },
	{
		apiVersion: 'gateway.networking.k8s.io/v1',
		kind: 'Gateway',
		metadata: { name: 'public', namespace: 'infra' },
		spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
	},
	{
		apiVersion: 'gateway.networking.k8s.io/v1',
		kind: 'HTTPRoute',
		metadata: { name: 'web', namespace: 'shop' },
		spec: { parentRefs: [{ name: 'public', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
	},
];

describe('Gateway API live', () => {
	it('not installed: said once, nothing unreadable, no error', async () => {
		const { snapshot, notices } = await read({ unserved: gatewayResources });
		expect(snapshot.unreadable).toEqual([]);
		expect(snapshot.gateways).toEqual([]);
		expect(notices.filter((l) => l.includes('Gateway API not installed'))).toHaveLength(1);
	});

	it('installed: Gateways and routes are read, and the route is judged (not attached: allowedRoutes is Same)', async () => {
		const { snapshot, notices } = await read({ objects: gatewayObjects });
		expect(notices).toEqual([]);
		expect(snapshot.gateways.map((g) => `${g.namespace}/${g.name}`)).toEqual(['infra/public']);
		expect(snapshot.httpRoutes.map((r) => `${r.namespace}/${r.name}`)).toEqual(['shop/web']);
		const findings = analyze(snapshot).findings.filter((f) => f.code === 'KW701');
		expect(findings.map((f) => `${f.kind} ${f.namespace}/${f.name}`)).toEqual(['HTTPRoute shop/web']);
		expect(findings[0]!.message).toContain('NotAllowedByListeners');
	});

	it('an older install without GRPCRoute: that kind is unreadable, the rest is read', async () => {
		const { snapshot, notices } = await read({ objects: gatewayObjects, unserved: ['grpcroutes'] });
		expect(snapshot.unreadable).toEqual([{ resource: 'grpcroutes', namespace: '', reason: 'not served by this API server (404)' }]);
		expect(snapshot.gateways).toHaveLength(1);
		expect(notices).toEqual([]);
	});
});
