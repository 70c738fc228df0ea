/**
 * ListenerSets (Gateway API v1.5) add listeners to a Gateway; kubewire does not model them. A
 * route attached through one must not read as "no parentRef names a Gateway" nor leave its
 * Service with "no Gateway route", and `route` must not answer 404 for a host only a ListenerSet
 * serves when the input holds no Ingress to fall back on.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { runCli } from '../support/run-cli.js';

const dir = path.resolve('test/gateway/fixtures/listenerset');

describe('routes attached through a ListenerSet', () => {
	it("are named as such in the gateways report and in their Service's chain, and nothing is found", () => {
		const r = runCli(['gateways', '--fixtures', dir]);
		expect(r.status).toBe(0);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('HTTPRoute team-1-ns/first-route its parent is ListenerSet team-1-ns/first-workload-listeners, which kubewire does not model: not judged');
		const analysis = analyze(loadFiles([dir]));
		expect(analysis.findings).toEqual([]);
		expect(analysis.serviceByKey.get('team-1-ns/app')!.chain.find((l) => l.kind === 'gateway')).toMatchObject({ state: 'skipped', label: 'HTTPRoute first-route' });
	});

	it('route refuses to answer 404 for a host no modelled listener takes when no Ingress is given; a host the Gateway itself serves is answered', () => {
		const refused = runCli(['route', 'https://first.foo.com/', '--fixtures', dir]);
		expect(refused.status).toBe(2);
		expect(refused.stderr.trim()).toBe(
			'kubewire: route: no Gateway in the input takes host first.foo.com (its ListenerSet objects, which kubewire does not model, may add listeners for it), and the input holds no Ingress: nothing given says how https://first.foo.com/ is answered',
		);
		const answered = runCli(['route', 'http://foo.com/', '--fixtures', dir, '-o', 'json']);
		expect(answered.status).toBe(0);
		expect(JSON.parse(answered.stdout)).toMatchObject({ via: 'gateway', status: 404, gateway: { namespace: 'default', name: 'parent-gateway', listener: 'foo' } });
	});
});
