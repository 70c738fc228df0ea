/**
 * A backendRef of another API group's kind (Envoy Gateway's Backend, a multicluster
 * ServiceImport) is implementation-specific: the Gateway API leaves it to the controller whether
 * it supports the kind (else ResolvedRefs False/InvalidKind and 500). kubewire models none of
 * them, so it does not say InvalidKind for them: it says what it did not judge. A misspelt core
 * kind, which no implementation routes to, stays InvalidKind.
 */
import { describe, expect, it } from 'vitest';
import { fixtureArgs, runCli, runJson } from '../support/run-cli.js';

const fixtures = (...files: string[]) => fixtureArgs('test/gateway/fixtures/field/kinds', ...files);
const json = (args: string[]) => runJson(args, expect);

describe('backendRefs of implementation-specific kinds', () => {
	it('route: 200 to the Backend, named with its kind, and what was not judged', () => {
		const out = json(['route', 'http://www.example.com/test', ...fixtures('app.yaml')]);
		expect(out).toMatchObject({ status: 200, backend: { namespace: 'default', service: 'active', port: 3000, kind: 'Backend', group: 'gateway.envoyproxy.io' } });
		expect(out['notJudged']).toContain('kind gateway.envoyproxy.io/Backend is implementation-specific');
	});

	it('gateways: ResolvedRefs not judged (no InvalidKind) for the Backend and the ServiceImport; check raises nothing and says so', () => {
		const routes = json(['gateways', ...fixtures('app.yaml')])['routes'] as { name: string; parents: { conditions: { type: string }[]; notJudged: { type: string; why: string }[] }[] }[];
		for (const name of ['ha-example', 'store']) {
			const parent = routes.find((r) => r.name === name)!.parents[0]!;
			expect(parent.conditions.map((c) => c.type), name).toEqual(['Accepted']);
			expect(parent.notJudged, name).toEqual([{ type: 'ResolvedRefs', why: expect.stringContaining('is implementation-specific') }]);
		}
		const check = runCli(['check', ...fixtures('app.yaml')]);
		expect(check.status).toBe(0);
		expect(check.stdout.replace(/\s+/g, ' ')).toContain('Not judged: 2 Gateway routes (backendRef default/active: kind gateway.envoyproxy.io/Backend is implementation-specific');
	});

	it('twin: a misspelt core kind is InvalidKind, and the request gets 500', () => {
		const input = fixtures('app.yaml', 'typo.yaml');
		expect(json(['route', 'http://typo.example.com/', ...input])).toMatchObject({ status: 500, backend: null });
		const routes = json(['gateways', ...input])['routes'] as { name: string; parents: { conditions: unknown[] }[] }[];
		expect(routes.find((r) => r.name === 'typo')!.parents[0]!.conditions).toContainEqual({ type: 'ResolvedRefs', status: 'False', reason: 'InvalidKind' });
	});

	it('a Service backend says kind Service in route JSON', () => {
		expect(json(['route', 'http://www.example.com/local', ...fixtures('app.yaml')])).toMatchObject({ status: 200, backend: { service: 'local', kind: 'Service' } });
	});
});

describe('a Backend in another namespace (Envoy Gateway)', () => {
	it('a grant for Services only does not permit it: KW703, the fix names the Backend kind', () => {
		const r = runCli(['check', ...fixtures('app.yaml', 'xns-backend.yaml')]);
		const out = r.stdout.replace(/\s+/g, ' ');
		expect(out).toContain('ReferenceGrant backends/services-only permits references to Service (any), not to Backend ext');
		expect(out).toContain('to {group: "gateway.envoyproxy.io", kind: Backend, name: ext}');
	});

	it('twin: a grant that names the Backend kind permits it, and the kind stays not judged', () => {
		expect(runCli(['check', ...fixtures('app.yaml', 'xns-backend-granted.yaml')]).stdout).not.toContain('KW703');
		expect(json(['route', 'http://ext.example.com/', ...fixtures('app.yaml', 'xns-backend-granted.yaml')])).toMatchObject({ status: 200, backend: { kind: 'Backend' } });
	});
});
