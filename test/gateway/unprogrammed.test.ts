/**
 * A Gateway or listener nobody programs answers nothing: `route` must not say 200 through a
 * Gateway whose GatewayClass does not exist, nor through an HTTPS listener whose certificateRef is
 * not permitted or names a missing Secret. Each broken case has a healthy twin that still routes,
 * and what the input does not hold (no Secrets, no grants, no GatewayClasses) is not judged.
 */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { fixtureArgs, runCli, runJson } from '../support/run-cli.js';

const dir = 'test/gateway/fixtures/field';
const fixtures = (...files: string[]) => fixtureArgs(dir, ...files);
const json = (args: string[]) => runJson(args, expect);

type Parent = { gateway: string; conditions: unknown[]; notProgrammed: string | null };
const parentsOf = (out: Record<string, unknown>) => (out['routes'] as { parents: Parent[] }[]).flatMap((r) => r.parents);

describe('a Gateway whose GatewayClass does not exist', () => {
	const broken = fixtures('class/app.yaml', 'class/gatewayclass.yaml', 'class/unknown-class.yaml');
	const healthy = fixtures('class/app.yaml', 'class/gatewayclass.yaml', 'class/known-class.yaml');

	it('route: no HTTP answer and no backend, saying no controller takes the Gateway', () => {
		const out = json(['route', 'http://shop.example.com/', ...broken]);
		expect(out).toMatchObject({ via: 'gateway', status: null, backend: null, httpRoute: null, gateway: { namespace: 'infra', name: 'public' } });
		expect(out['reason']).toContain('gatewayClassName edeg names no GatewayClass');
		const text = runCli(['route', 'http://shop.example.com/', ...broken]).stdout;
		expect(text).toMatch(/Result\s+no HTTP answer: Gateway infra\/public is not programmed/);
		expect(text).not.toMatch(/Result\s+200/);
	});

	it('healthy twin: the class exists and the backend is chosen', () => {
		expect(json(['route', 'http://shop.example.com/', ...healthy])).toMatchObject({ status: 200, backend: { namespace: 'shop', service: 'web', port: 80 } });
	});

	it('gateways: no controller writes the route\'s conditions, so none are computed, and it says why', () => {
		const parents = parentsOf(json(['gateways', ...broken]));
		expect(parents).toMatchObject([{ gateway: 'infra/public', conditions: [] }]);
		expect(parents[0]!.notProgrammed).toContain('no controller takes it');
		const text = runCli(['gateways', ...broken]).stdout;
		expect(text).toContain('not programmed (no GatewayClass edeg)');
		expect(text).not.toContain('Accepted=True');
		const twin = parentsOf(json(['gateways', ...healthy]));
		expect(twin).toMatchObject([{ conditions: [{ type: 'Accepted', status: 'True' }, { type: 'ResolvedRefs', status: 'True' }], notProgrammed: null }]);
	});

	it("the backend Service's chain: the Gateway link is broken, saying no controller takes it", () => {
		const gatewayLink = (files: string[]) => analyze(loadFiles(files.map((f) => `${dir}/${f}`))).serviceByKey.get('shop/web')!.chain.find((l) => l.kind === 'gateway')!;
		const link = gatewayLink(['class/app.yaml', 'class/gatewayclass.yaml', 'class/unknown-class.yaml']);
		expect(link.state).toBe('broken');
		expect(link.detail).toMatch(/^Gateway infra\/public is not programmed: gatewayClassName edeg names no GatewayClass/);
		expect(gatewayLink(['class/app.yaml', 'class/gatewayclass.yaml', 'class/known-class.yaml']).state).toBe('ok');
	});

	it('without any GatewayClass in the input the class is not judged: the route answers', () => {
		// An app's files rarely carry the controller's GatewayClass; KW704 does not judge it then either.
		expect(json(['route', 'http://shop.example.com/', ...fixtures('class/app.yaml', 'class/unknown-class.yaml')])).toMatchObject({ status: 200 });
		expect(json(['gateways', ...fixtures('class/app.yaml', 'class/unknown-class.yaml')])).toMatchObject({ routes: [{ parents: [{ notProgrammed: null }] }] });
	});
});

describe('an HTTPS listener whose certificateRef cannot be used', () => {
	const app = 'tls/app.yaml';
	const route = (host: string, ...files: string[]) => json(['route', `https://${host}/`, ...fixtures(app, ...files)]);

	it('not permitted (KW703): the TLS handshake fails; the right grant is the healthy twin', () => {
		const out = route('a.example.com', 'tls/grant-wrong-name.yaml');
		expect(out).toMatchObject({ status: null, backend: null, gateway: { listener: 'https-a' } });
		expect(out['reason']).toMatch(/TLS handshake fails: listener https-a is not programmed.*RefNotPermitted/);
		expect((out['findings'] as { code: string }[]).map((f) => f.code)).toContain('KW703');
		expect(route('a.example.com', 'tls/grant.yaml')).toMatchObject({ status: 200, backend: { service: 'web' } });
		// The other listener's certificate is fine: it still answers.
		expect(route('b.example.com', 'tls/grant-wrong-name.yaml')).toMatchObject({ status: 200 });
	});

	it('a missing Secret (KW705): the TLS handshake fails; the Secret present is the healthy twin', () => {
		const out = route('b.example.com', 'tls/grant.yaml', 'tls/secrets-b-misnamed.yaml');
		expect(out).toMatchObject({ status: null, backend: null, gateway: { listener: 'https-b' } });
		expect(out['reason']).toContain('certificateRef Secret infra/b-tls does not exist');
		expect(route('b.example.com', 'tls/grant.yaml', 'tls/secrets.yaml')).toMatchObject({ status: 200 });
	});

	it('no Secret and no grant in the input: neither is judged, the route answers', () => {
		expect(route('a.example.com')).toMatchObject({ status: 200 });
		expect(route('b.example.com')).toMatchObject({ status: 200 });
	});

	it('gateways: the listener is ResolvedRefs=False/RefNotPermitted and not Programmed, as conformance expects', () => {
		const out = json(['gateways', ...fixtures(app, 'tls/grant-wrong-name.yaml')]);
		const listener = (out['listeners'] as { name: string; conditions: unknown[] }[]).find((l) => l.name === 'https-a')!;
		expect(listener.conditions).toEqual([
			{ type: 'Accepted', status: 'True', reason: 'Accepted' },
			{ type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted' },
			{ type: 'Programmed', status: 'False', reason: 'Invalid' },
		]);
	});
});

describe('a GatewayClass its controller makes at run time (Istio samples beside another controller\'s class)', () => {
	it('Istio\'s class istio is not judged missing from files that hold only another class', () => {
		const analysis = analyze(loadFiles([`${dir}/class/app.yaml`, `${dir}/class/gatewayclass.yaml`, `${dir}/class/istio-class.yaml`]));
		expect(analysis.findings.filter((f) => f.code === 'KW704')).toEqual([]);
	});

	it('broken twin: the name misspelt is KW704, and the fix names istio first', () => {
		const analysis = analyze(loadFiles([`${dir}/class/app.yaml`, `${dir}/class/gatewayclass.yaml`, `${dir}/class/istio-typo.yaml`]));
		const kw704 = analysis.findings.find((f) => f.code === 'KW704')!;
		expect(kw704.message).toContain('gatewayClassName istoi names no GatewayClass');
		expect(kw704.hint).toBe("set spec.gatewayClassName to istio (the class Istio's control plane makes) or to edge");
	});
});

describe('a GatewayClass whose status says no controller accepted it (live, or a capture)', () => {
	const pending = fixtures('class/app.yaml', 'class/known-class.yaml', 'class/gatewayclass-pending.yaml');
	const accepted = fixtures('class/app.yaml', 'class/known-class.yaml', 'class/gatewayclass-accepted.yaml');

	it('Accepted=Unknown/Pending (the API server\'s default): KW704 names the controllerName to start, and route gives no HTTP answer', () => {
		const check = runCli(['check', ...pending]).stdout.replace(/\s+/g, ' ');
		expect(check).toContain('KW704 Gateway infra/public: GatewayClass edge was never accepted by a controller (status Accepted=Unknown/Pending');
		expect(check).toContain('fix: install or start the Gateway controller whose controllerName is example.com/edge-controller');
		expect(json(['route', 'http://shop.example.com/', ...pending])).toMatchObject({ status: null, backend: null });
		expect(runCli(['gateways', ...pending]).stdout.replace(/\s+/g, ' ')).toContain('not programmed (GatewayClass edge Accepted=Unknown/Pending)');
	});

	it('healthy twin: Accepted=True, the backend is chosen and nothing is found', () => {
		expect(json(['route', 'http://shop.example.com/', ...accepted])).toMatchObject({ status: 200, backend: { service: 'web' } });
		expect(runCli(['check', ...accepted]).stdout).not.toContain('KW704');
	});

	it('manifests: a GatewayClass without status is not judged (whether its controller runs is not in the input)', () => {
		expect(json(['route', 'http://shop.example.com/', ...fixtures('class/app.yaml', 'class/known-class.yaml', 'class/gatewayclass.yaml')])).toMatchObject({ status: 200 });
	});
});
