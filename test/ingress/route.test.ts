/**
 * route(): the answer for a URL beyond which backend serves it: status (404/503), ready
 * endpoints, findings met on the way, and notes where the spec leaves room or ingress-nginx
 * answers otherwise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { buildRouting, describeAnswer, route, RouteUrlError } from '../../source/model/ingress/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { backend, contextOf, healthy, ingress, ingressClass, rule, service } from './build.js';

const nginx = ingressClass('nginx', { isDefault: true });
const tableOf = (docs: Parameters<typeof contextOf>[0], className?: string) => buildRouting(contextOf(docs), className);

describe('what answers', () => {
	const docs = [
		nginx,
		ingress('shop', 'web', { className: 'nginx', rules: [rule('shop.example.com', ['/', 'Prefix', 'web', 80], ['/down', 'Prefix', 'down', 80])] }),
		...healthy('shop', 'web', [true, true, false]),
		...healthy('shop', 'down', [false]),
	];
	const table = tableOf(docs);
	// DESIGN.md, route JSON: status is 200 when a backend is chosen (said of Gateway routes; an
	// Ingress route's JSON has the same field and means the same).
	it('a healthy backend: the rule, the Service port and its ready endpoints, status 200', () => {
		const r = route(table, 'http://shop.example.com/cart');
		expect(r.ingress?.name).toBe('web');
		expect(r.rule).toEqual({ host: 'shop.example.com', path: '/', pathType: 'Prefix' });
		expect(r.backend?.servicePort?.port).toBe(80);
		expect(r.endpoints.map((e) => e.ip)).toEqual(['10.244.0.2', '10.244.0.3']);
		expect(r.status).toBe(200);
		expect(r.findings).toEqual([]);
	});
	it('no ready endpoint: the controller answers 503, and KW503 is met on the way', () => {
		const r = route(table, 'http://shop.example.com/down/x');
		expect(r.rule?.path).toBe('/down');
		expect(r.status).toBe(503);
		expect(r.endpoints).toEqual([]);
		expect(r.findings.map((f) => f.code)).toEqual(['KW503']);
	});
	it('an unknown host: 404', () => {
		const r = route(table, 'http://other.example.com/');
		expect(r.status).toBe(404);
		expect(r.backend).toBeUndefined();
		expect(r.ingress).toBeUndefined();
	});
	it('a missing Service: 503 with KW501 on the way', () => {
		const r = route(tableOf([nginx, ingress('shop', 'web', { className: 'nginx', rules: [rule('h', ['/', 'Prefix', 'gone', 80])] })]), 'http://h/');
		expect(r.status).toBe(503);
		expect(r.findings.map((f) => f.code)).toEqual(['KW501']);
	});
	it('refuses an unreadable URL with a RouteUrlError', () => {
		expect(() => route(table, 'ftp://shop.example.com/')).toThrow(RouteUrlError);
	});
});

describe('host precedence', () => {
	const docs = [
		nginx,
		ingress('d', 'hosts', {
			className: 'nginx',
			rules: [rule('*.shop.example', ['/api', 'Prefix', 'wild', 80]), rule('www.shop.example', ['/web', 'Prefix', 'www', 80]), rule('', ['/health', 'Prefix', 'any', 80])],
		}),
		...healthy('d', 'wild'),
		...healthy('d', 'www'),
		...healthy('d', 'any'),
	];
	const table = tableOf(docs);
	it('the precise host wins over the wildcard', () => {
		expect(route(table, 'http://www.shop.example/web').backend?.target.service).toBe('www');
		expect(route(table, 'http://foo.shop.example/api').backend?.target.service).toBe('wild');
	});
	it('a host with rules of its own does not fall back to a less specific rule, and a note says the spec is silent', () => {
		const r = route(table, 'http://www.shop.example/api');
		expect(r.status).toBe(404);
		expect(r.notes.join('\n')).toContain('the wildcard rule *.shop.example of Ingress d/hosts would match /api');
	});
	it('rules without host answer hosts that no rule names', () => {
		expect(route(table, 'http://unknown.example/health').backend?.target.service).toBe('any');
	});
	it('the host is compared without case, port or trailing dot', () => {
		expect(route(table, 'http://WWW.Shop.Example.:8080/web').backend?.target.service).toBe('www');
	});
});

describe('defaultBackend', () => {
	it('an Ingress without rules catches what nothing else matches', () => {
		const docs = [nginx, ingress('d', 'catch-all', { className: 'nginx', defaultBackend: backend('echo', 80) }), ...healthy('d', 'echo')];
		const r = route(tableOf(docs), 'http://anything.example/x');
		expect(r.defaultBackend).toBe(true);
		expect(r.rule).toBeUndefined();
		expect(r.ingress?.name).toBe('catch-all');
		expect(r.backend?.target).toMatchObject({ namespace: 'd', service: 'echo', port: 80 });
	});
	it("the host's own Ingress's defaultBackend comes before a catch-all", () => {
		const docs = [
			nginx,
			ingress('d', 'catch-all', { className: 'nginx', created: '2024-01-01T00:00:00Z', defaultBackend: backend('echo', 80) }),
			ingress('d', 'site', { className: 'nginx', created: '2024-01-02T00:00:00Z', rules: [rule('site.example', ['/a', 'Exact', 'a', 80])], defaultBackend: backend('site-fallback', 80) }),
			...healthy('d', 'echo'),
			...healthy('d', 'a'),
			...healthy('d', 'site-fallback'),
		];
		const r = route(tableOf(docs), 'http://site.example/b');
		expect(r.ingress?.name).toBe('site');
		expect(r.backend?.target.service).toBe('site-fallback');
		expect(r.notes.join('\n')).toContain('Ingress d/catch-all also has a defaultBackend that could apply');
	});
	it('an Ingress with rules does not lend its defaultBackend to hosts it does not name', () => {
		const docs = [nginx, ingress('d', 'site', { className: 'nginx', rules: [rule('site.example', ['/', 'Prefix', 'a', 80])], defaultBackend: backend('fb', 80) }), ...healthy('d', 'a'), ...healthy('d', 'fb')];
		const r = route(tableOf(docs), 'http://elsewhere.example/');
		expect(r.status).toBe(404);
		expect(r.notes.join('\n')).toContain('Ingress d/site has a defaultBackend but no rule for this host');
	});
});

describe('on the way', () => {
	it('two Ingresses on the same host and path: the older serves, the note and KW506 say so', () => {
		const docs = [
			nginx,
			ingress('d', 'new', { className: 'nginx', created: '2024-03-01T00:00:00Z', rules: [rule('h', ['/x', 'Prefix', 'b', 80])] }),
			ingress('d', 'old', { className: 'nginx', created: '2024-01-01T00:00:00Z', rules: [rule('h', ['/x', 'Prefix', 'a', 80])] }),
			...healthy('d', 'a'),
			...healthy('d', 'b'),
		];
		const r = route(tableOf(docs), 'http://h/x/y');
		expect(r.ingress?.name).toBe('old');
		expect(r.notes.join('\n')).toContain('Ingress d/new claims the same host and path');
		expect(r.findings.map((f) => `${f.code} ${f.name}`)).toEqual(['KW506 new']);
	});
	it('a missing TLS Secret is met over https, not over http', () => {
		const docs = [nginx, ingress('d', 'web', { className: 'nginx', rules: [rule('h.example', ['/', 'Prefix', 'a', 80])], tls: [{ hosts: ['h.example'], secretName: 'gone' }] }), ...healthy('d', 'a')];
		const table = tableOf(docs);
		expect(route(table, 'https://h.example/').findings.map((f) => f.code)).toEqual(['KW504']);
		expect(route(table, 'http://h.example/').findings).toEqual([]);
	});
	it('a path that nginx would normalise is matched normalised, with a note', () => {
		const table = tableOf([nginx, ingress('d', 'web', { className: 'nginx', rules: [rule('h', ['/aaa', 'Prefix', 'a', 80])] }), ...healthy('d', 'a')]);
		const r = route(table, 'http://h/x/../aaa//c');
		expect(r.path).toBe('/aaa/c');
		expect(r.backend?.target.service).toBe('a');
		expect(r.notes[0]).toContain('matched as /aaa/c');
	});
	it('a 404 names the Ingresses of other classes that have a rule for the host', () => {
		const docs = [nginx, ingressClass('traefik', { controller: 'traefik.io/ingress-controller' }), ingress('d', 'elsewhere', { className: 'traefik', rules: [rule('h', ['/', 'Prefix', 'a', 80])] }), ...healthy('d', 'a')];
		const r = route(tableOf(docs), 'http://h/');
		expect(r.status).toBe(404);
		expect(r.notes).toContain('Ingress d/elsewhere has a rule for this host but is not in this table: ingressClassName is traefik, not nginx');
	});
	it('--class routes with another class', () => {
		const docs = [nginx, ingressClass('traefik', { controller: 'traefik.io/ingress-controller' }), ingress('d', 'elsewhere', { className: 'traefik', rules: [rule('h', ['/', 'Prefix', 'a', 80])] }), ...healthy('d', 'a')];
		const r = route(tableOf(docs, 'traefik'), 'http://h/');
		expect(r.ingress?.name).toBe('elsewhere');
		expect(r.notes.join('\n')).not.toContain('ingress-nginx');
	});
	it('an ExternalName backend is not a 503', () => {
		const docs = [nginx, ingress('d', 'web', { className: 'nginx', rules: [rule('h', ['/', 'Prefix', 'ext', 80])] }), service('d', 'ext', [{ name: 'http', port: 80 }], 'ExternalName')];
		expect(route(tableOf(docs), 'http://h/').status).toBeUndefined();
	});
});

describe('where ingress-nginx differs from the spec', () => {
	const vectors = new URL('./vectors/', import.meta.url);
	const load = (name: string) => buildRouting(buildContext(snapshotFromYaml(readFileSync(new URL(`${name}/cluster.yaml`, vectors), 'utf8'))));
	const rows = (name: string) =>
		readFileSync(new URL(`${name}/requests.tsv`, vectors), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((l) => l.split('\t') as [string, string, string]);
	// The rows each case's source.txt names as answered with a 301 by ingress-nginx.
	const redirects: Record<string, string[]> = {
		'conformance-path-rules': ['trailing-slash-path-rules /aaa/bbb', 'trailing-slash-path-rules /foo'],
		'k8s-docs-path-types': ['row05.path-types.example /foo', 'row07.path-types.example /foo', 'row10.path-types.example /aaa/bbb'],
	};
	for (const name of ['conformance-path-rules', 'k8s-docs-path-types', 'k8s-docs-hostname-wildcards', 'merged-ingresses-same-host', 'ingress-class-resolution']) {
		it(`${name}: ingress-nginx mode agrees with the spec except the documented 301 redirects`, () => {
			const table = load(name);
			const redirected: string[] = [];
			for (const [host, path] of rows(name)) {
				const spec = route(table, `http://${host}${path}`);
				const ngx = route(table, `http://${host}${path}`, { mode: 'ingress-nginx' });
				if (ngx.answer.redirect) {
					redirected.push(`${host} ${path}`);
					expect(ngx.status).toBe(301);
					expect(spec.notes.join('\n')).toContain(`ingress-nginx differs: it answers 301 to ${path}/`);
					continue;
				}
				expect(describeAnswer(ngx.answer), `${host}${path}`).toBe(describeAnswer(spec.answer));
				expect(spec.nginx).toBeUndefined();
			}
			expect(redirected).toEqual(redirects[name] ?? []);
		});
	}
	it('ingress-nginx-specific, read by the spec: every row where the answers differ carries a note explaining why', () => {
		const table = load('ingress-nginx-specific');
		let differing = 0;
		for (const [host, path] of rows('ingress-nginx-specific')) {
			const spec = route(table, `http://${host}${path}`);
			const ngx = route(table, `http://${host}${path}`, { mode: 'ingress-nginx' });
			if (describeAnswer(spec.answer) === describeAnswer(ngx.answer)) continue;
			differing++;
			expect(spec.nginx, `${host}${path}`).toBeDefined();
			expect(spec.notes.join('\n')).toMatch(/ingress-nginx differs: .*(regex|rewrite-target|use-regex)/);
		}
		expect(differing).toBe(10);
	});
});
