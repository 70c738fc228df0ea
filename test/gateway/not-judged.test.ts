/**
 * A cross-namespace backendRef when the input holds no ReferenceGrant at all: whether it is
 * permitted is not judged. The JSON keeps to the condition values DESIGN.md lists (no Unknown,
 * no Pending): the ResolvedRefs condition is left out and listed under notJudged with why; `route`
 * says 200 (a backend is chosen) and, in text and JSON alike, what was not judged.
 */
import { describe, expect, it } from 'vitest';
import { fixtureArgs, runCli, runJson } from '../support/run-cli.js';

const dir = 'test/gateway/fixtures/field/xns';
const fixtures = (...files: string[]) => fixtureArgs(dir, ...files);
const json = (args: string[]) => runJson(args, expect);

type Parent = { conditions: { type: string; status: string; reason: string }[]; notJudged: { type: string; why: string }[] };
const parentOf = (out: Record<string, unknown>) => (out['routes'] as { parents: Parent[] }[])[0]!.parents[0]!;

describe('a cross-namespace backendRef and ReferenceGrants', () => {
	it('none in the input: ResolvedRefs is not judged, and never Unknown/Pending', () => {
		const parent = parentOf(json(['gateways', ...fixtures('app.yaml')]));
		expect(parent.conditions).toEqual([{ type: 'Accepted', status: 'True', reason: 'Accepted' }]);
		expect(parent.notJudged).toEqual([{ type: 'ResolvedRefs', why: expect.stringContaining('the input holds no ReferenceGrant') }]);
		const text = runCli(['gateways', ...fixtures('app.yaml')]).stdout;
		expect(text).toContain('ResolvedRefs not judged');
		expect(text).not.toContain('Pending');
	});

	it('a fitting grant: ResolvedRefs=True; a grant for another namespace: False/RefNotPermitted', () => {
		expect(parentOf(json(['gateways', ...fixtures('app.yaml', 'grant.yaml')]))).toMatchObject({
			conditions: [{ type: 'Accepted', status: 'True' }, { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' }],
			notJudged: [],
		});
		expect(parentOf(json(['gateways', ...fixtures('app.yaml', 'grant-wrong-namespace.yaml')]))).toMatchObject({
			conditions: [{ type: 'Accepted', status: 'True' }, { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted' }],
		});
	});

	it('route: 200 with the backend chosen, and text and JSON both say the grant was not judged', () => {
		const out = json(['route', 'http://cafe.example.com/', ...fixtures('app.yaml')]);
		expect(out).toMatchObject({ status: 200, backend: { namespace: 'cafe', service: 'tea' } });
		expect(out['notJudged']).toContain('the input holds no ReferenceGrant');
		expect(out['reason']).toContain('the input holds no ReferenceGrant');
		const text = runCli(['route', 'http://cafe.example.com/', ...fixtures('app.yaml')]).stdout;
		expect(text).toMatch(/Result\s+200: a backend is chosen; the input holds no/);
		expect(text).not.toContain('could not be checked');
		expect(text).not.toContain('✗');
	});

	it('route twins: a fitting grant is a plain 200, a wrong one 500', () => {
		expect(json(['route', 'http://cafe.example.com/', ...fixtures('app.yaml', 'grant.yaml')])).toMatchObject({ status: 200, reason: 'a backend is chosen', notJudged: null });
		expect(json(['route', 'http://cafe.example.com/', ...fixtures('app.yaml', 'grant-wrong-namespace.yaml')])).toMatchObject({ status: 500, backend: null });
	});
});

describe('check says what it did not judge of the Gateway routes', () => {
	it('a cross-namespace backendRef without any ReferenceGrant: "Not judged", beside "No problems found"', () => {
		const r = runCli(['check', ...fixtures('app.yaml')]);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('Not judged: 1 Gateway route (backendRef cafe/tea: the input holds no ReferenceGrant');
		// Twin: with the grant given, everything was judged.
		expect(runCli(['check', ...fixtures('app.yaml', 'grant.yaml')]).stdout).not.toContain('Not judged');
	});

	it('TCPRoutes, which kubewire lists without modelling, are named', () => {
		const r = runCli(['check', '--fixtures', 'test/fixtures/manifests/envoy-gateway']);
		expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/Not judged: .*TCPRoute \(\d+\)[^.]*: listed by kubewire gateways, not modelled\./);
	});
});

describe('check says which routes it leaves to a service mesh or a ListenerSet', () => {
	const flat = (args: string[]) => runCli(args).stdout.replace(/\s+/g, ' ');

	it('a mesh route (GAMMA, Istio bookinfo reviews 90/10; Linkerd writes group: core) is named as not judged', () => {
		expect(flat(['check', '--fixtures', 'test/fixtures/manifests/istio-bookinfo'])).toContain('Not judged: 1 mesh route (GAMMA: a Service parent; the service mesh applies it, not kube-proxy or a Gateway).');
	});

	it('a route on a ListenerSet is named as not judged', () => {
		expect(flat(['check', '--fixtures', 'test/gateway/fixtures/listenerset'])).toContain('1 route attached through a ListenerSet, which kubewire does not model');
	});

	it('twin: routes on Gateways only add neither line', () => {
		const out = flat(['check', ...fixtures('app.yaml', 'grant.yaml')]);
		expect(out).not.toContain('mesh route');
		expect(out).not.toContain('ListenerSet');
	});
});
