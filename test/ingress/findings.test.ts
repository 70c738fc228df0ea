/**
 * KW501–KW509, each from its exact catalogue condition, each beside a healthy twin that differs
 * only in the broken link, so a false positive fails as surely as a miss. Also: nothing is
 * concluded from what the snapshot could not read.
 */
import { describe, expect, it } from 'vitest';
import { buildRouting } from '../../source/model/ingress/index.js';
import { backend, codesOf, contextOf, findingsOf, healthy, ingress, ingressClass, rule, secret, service, slice } from './build.js';

const contextRows = (docs: Parameters<typeof contextOf>[0]) => buildRouting(contextOf(docs)).rows;

const nginx = ingressClass('nginx', { isDefault: true });
const web = (opts: Parameters<typeof ingress>[2] = {}) =>
	ingress('shop', 'web', { className: 'nginx', rules: [rule('shop.example.com', ['/', 'Prefix', 'checkout', 80])], ...opts });

describe('healthy baseline', () => {
	it('a classed Ingress with an address, an existing Service port and a ready endpoint has no finding', () => {
		expect(findingsOf([nginx, web(), ...healthy('shop', 'checkout')])).toEqual([]);
	});
});

describe('KW501 backend Service does not exist', () => {
	it('is raised, naming the Services that do exist and the closest one', () => {
		const found = findingsOf([nginx, web({ rules: [rule('shop.example.com', ['/', 'Prefix', 'chekout', 80])] }), ...healthy('shop', 'checkout'), ...healthy('shop', 'cart')]);
		expect(found.map((f) => f.code)).toEqual(['KW501']);
		const f = found[0]!;
		expect(f).toMatchObject({ severity: 'error', kind: 'Ingress', namespace: 'shop', name: 'web' });
		expect(f.message).toBe('Ingress shop/web: backend Service shop/chekout:80 does not exist; Services in shop: cart, checkout');
		expect(f.hint).toContain('checkout');
	});
	it('says when the Service exists only in another namespace', () => {
		const found = findingsOf([nginx, web(), ...healthy('billing', 'checkout')]);
		expect(found[0]!.message).toContain('exists in billing, but a backend cannot reach another namespace');
	});
	it('is raised for a defaultBackend too', () => {
		expect(codesOf([nginx, ingress('shop', 'web', { className: 'nginx', defaultBackend: backend('gone', 80) })])).toEqual(['KW501']);
	});
	it('twin: the Service exists', () => {
		expect(codesOf([nginx, web(), ...healthy('shop', 'checkout')])).not.toContain('KW501');
	});
	it('is not raised when Services could not be read in that namespace', () => {
		expect(codesOf([nginx, web()], [{ resource: 'services', namespace: 'shop', reason: 'forbidden' }])).toEqual([]);
	});
});

describe('KW502 backend port is not a port of the Service', () => {
	it('is raised for a number that is not a Service port, and explains a targetPort mix-up', () => {
		const found = findingsOf([nginx, web({ rules: [rule('shop.example.com', ['/', 'Prefix', 'checkout', 8080])] }), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW502']);
		expect(found[0]!.message).toContain('backend port 8080 is not a port of Service shop/checkout');
		expect(found[0]!.message).toContain('8080 is the targetPort of Service port 80');
		expect(found[0]!.hint).toContain('number 80');
	});
	it('is raised for a name that no Service port has', () => {
		expect(codesOf([nginx, web({ rules: [rule('shop.example.com', ['/', 'Prefix', 'checkout', 'https'])] }), ...healthy('shop', 'checkout')])).toEqual(['KW502']);
	});
	// The AWS Load Balancer Controller reads `use-annotation` as "the action in annotation
	// alb.ingress.kubernetes.io/actions.<service name>": no Service port is meant (Argo Rollouts'
	// ALB example routes this way).
	it('is not raised for an ALB action backend (port name use-annotation)', () => {
		const alb = web({ rules: [rule('shop.example.com', ['/', 'Prefix', 'checkout', 'use-annotation'])] });
		expect(codesOf([nginx, alb, ...healthy('shop', 'checkout')])).toEqual([]);
		const rows = contextRows([nginx, alb, ...healthy('shop', 'checkout')]);
		expect(rows.map((r) => [r.backend.target.service, r.backend.target.action])).toEqual([['', 'checkout']]);
	});
	it('twin: the port named by its name', () => {
		expect(codesOf([nginx, web({ rules: [rule('shop.example.com', ['/', 'Prefix', 'checkout', 'http'])] }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
});

describe('KW503 backend Service has no ready endpoints', () => {
	it('is raised when every endpoint is not ready, and says the controller answers 503', () => {
		const found = findingsOf([nginx, web(), ...healthy('shop', 'checkout', [false, false])]);
		expect(found.map((f) => f.code)).toEqual(['KW503']);
		expect(found[0]!.message).toContain('2 endpoints, none ready');
		expect(found[0]!.message).toContain('503');
	});
	// A capture (a pod of the namespace carries status) whose Service selects no pod: once applied
	// or not, nothing answers. In manifests the Service's own KW101 says why, and KW503 waits, as
	// KW301 does: the two ask the same question of the Service's endpoints.
	const otherPod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cart-1', namespace: 'shop', labels: { app: 'cart' } }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Running', podIP: '10.244.0.7' } };
	it('is raised when there is no EndpointSlice at all in a capture', () => {
		expect(codesOf([nginx, web(), service('shop', 'checkout'), otherPod])).toEqual(['KW503']);
	});
	it('twin: not raised for manifests whose pods the Service does not select (its KW101 is the cause)', () => {
		expect(codesOf([nginx, web(), service('shop', 'checkout')])).toEqual([]);
	});
	it('twin: one of two endpoints is ready', () => {
		expect(codesOf([nginx, web(), ...healthy('shop', 'checkout', [false, true])])).toEqual([]);
	});
	it('counts only the endpoints of the port the backend names', () => {
		const twoPorts = service('shop', 'checkout', [
			{ name: 'http', port: 80, targetPort: 8080 },
			{ name: 'admin', port: 9000, targetPort: 9000 },
		]);
		const adminOnly = slice('shop', 'checkout', [true], { name: 'admin', port: 9000 });
		expect(codesOf([nginx, web(), twoPorts, adminOnly])).toEqual(['KW503']);
	});
	it('is not raised for an ExternalName Service, which has no endpoints by design', () => {
		expect(codesOf([nginx, web(), service('shop', 'checkout', [{ name: 'http', port: 80 }], 'ExternalName')])).toEqual([]);
	});
	it('is not raised when endpoints could not be read', () => {
		const unreadable = [
			{ resource: 'endpointslices', namespace: 'shop', reason: 'forbidden' },
			{ resource: 'endpoints', namespace: 'shop', reason: 'forbidden' },
		];
		expect(codesOf([nginx, web(), service('shop', 'checkout')], unreadable)).toEqual([]);
	});
});

describe('KW504 TLS secret does not exist in the Ingress namespace', () => {
	const tls = [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }];
	it('is raised, and says when the Secret is in another namespace', () => {
		const found = findingsOf([nginx, web({ tls }), ...healthy('shop', 'checkout'), secret('default', 'shop-tls')]);
		expect(found.map((f) => f.code)).toEqual(['KW504']);
		expect(found[0]!.message).toContain('TLS secret shop-tls');
		expect(found[0]!.message).toContain('a Secret of that name is in default');
	});
	it('twin: the Secret is in the Ingress namespace', () => {
		expect(codesOf([nginx, web({ tls }), ...healthy('shop', 'checkout'), secret('shop', 'shop-tls')])).toEqual([]);
	});
	it('is not raised when Secrets could not be read there', () => {
		expect(codesOf([nginx, web({ tls }), ...healthy('shop', 'checkout')], [{ resource: 'secrets', namespace: 'shop', reason: 'forbidden' }])).toEqual([]);
	});
	it('is not raised for a tls entry without secretName (SNI only)', () => {
		expect(codesOf([nginx, web({ tls: [{ hosts: ['shop.example.com'] }] }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
});

/** An ingress-nginx Deployment as a manifest: its template's flags are how it runs. */
function controller(args: string[]) {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
		spec: {
			selector: { matchLabels: { app: 'ingress-nginx' } },
			template: {
				metadata: { labels: { app: 'ingress-nginx' } },
				spec: { containers: [{ name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.12.1', args: ['/nginx-ingress-controller', ...args] }] },
			},
		},
	};
}

describe('KW505 no IngressClass', () => {
	it('is raised when ingressClassName names no IngressClass', () => {
		const found = findingsOf([nginx, web({ className: 'ngnix' }), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW505']);
		expect(found[0]!.message).toContain('ingressClassName ngnix names no IngressClass (IngressClasses: nginx)');
		expect(found[0]!.hint).toContain('nginx');
	});
	it('is raised when no class is set, no default class exists and the input\'s controller ignores class-less Ingresses', () => {
		const found = findingsOf([ingressClass('nginx'), controller([]), web({ className: undefined }), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW505']);
		expect(found[0]!.message).toContain('no default IngressClass exists');
		expect(found[0]!.message).toContain('--watch-ingress-without-class is not set');
	});
	it('twin: the input\'s ingress-nginx runs with --watch-ingress-without-class=true (kind\'s Ingress guide)', () => {
		expect(codesOf([ingressClass('nginx'), controller(['--watch-ingress-without-class=true']), web({ className: undefined }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: without the controller in the input nothing is claimed', () => {
		expect(codesOf([ingressClass('nginx'), web({ className: undefined }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: GKE\'s controller serves class-less Ingresses by design', () => {
		expect(codesOf([ingressClass('gce', { controller: 'k8s.io/ingress-gce' }), controller([]), web({ className: undefined }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it("twin: beside ingress-nginx, Traefik's or Contour's IngressClass says a controller that serves class-less Ingresses by default is installed", () => {
		for (const controllerName of ['traefik.io/ingress-controller', 'projectcontour.io/ingress-controller']) {
			expect(codesOf([ingressClass('nginx'), ingressClass('other', { controller: controllerName }), controller([]), web({ className: undefined }), ...healthy('shop', 'checkout')])).toEqual([]);
		}
	});
	it('twin: beside ingress-nginx, another controller whose handling of class-less Ingresses is not known: nothing is claimed', () => {
		expect(codesOf([ingressClass('nginx'), ingressClass('kong', { controller: 'ingress-controllers.konghq.com/kong' }), controller([]), web({ className: undefined }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	// ingress-nginx's store admits by name only an IngressClass that exists (store.go, ingressClassEventHandler).
	it('is raised for ingress-nginx with --ingress-class-by-name when no IngressClass has its name', () => {
		expect(codesOf([ingressClass('other'), controller(['--ingress-class=edge', '--ingress-class-by-name=true']), web({ className: 'edge' }), ...healthy('shop', 'checkout')])).toEqual(['KW505']);
	});
	it('twin: ingressClassName names an existing class (not the default one)', () => {
		expect(codesOf([nginx, ingressClass('internal'), web({ className: 'internal' }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: the legacy annotation counts as a class', () => {
		expect(codesOf([ingressClass('nginx'), web({ className: undefined, annotations: { 'kubernetes.io/ingress.class': 'nginx' } }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('is not raised when IngressClasses could not be read', () => {
		expect(codesOf([web({ className: 'ngnix' }), ...healthy('shop', 'checkout')], [{ resource: 'ingressclasses', namespace: '', reason: 'forbidden' }])).toEqual([]);
	});
});

describe('KW506 two Ingresses claim the same host and path', () => {
	const older = ingress('shop', 'web', { className: 'nginx', created: '2024-01-01T00:00:00Z', rules: [rule('shop.example.com', ['/api', 'Prefix', 'checkout', 80])] });
	const newer = (path: string, pathType = 'Prefix', host = 'shop.example.com', className = 'nginx') =>
		ingress('shop', 'web-v2', { className, created: '2024-02-01T00:00:00Z', rules: [rule(host, [path, pathType, 'checkout', 80])] });
	it('is raised once, on the newer Ingress, naming the older one that wins', () => {
		const found = findingsOf([nginx, older, newer('/api'), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => `${f.code} ${f.name}`)).toEqual(['KW506 web-v2']);
		expect(found[0]!.message).toContain('also claimed by Ingress shop/web, which is older and wins');
	});
	it('treats Prefix /api and /api/ as the same path', () => {
		expect(codesOf([nginx, older, newer('/api/'), ...healthy('shop', 'checkout')])).toEqual(['KW506']);
	});
	it('is raised whatever the order of the objects in the input', () => {
		expect(findingsOf([nginx, newer('/api'), older, ...healthy('shop', 'checkout')]).map((f) => f.name)).toEqual(['web-v2']);
	});
	it('twin: the same path with another pathType', () => {
		expect(codesOf([nginx, older, newer('/api', 'Exact'), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: another host', () => {
		expect(codesOf([nginx, older, newer('/api', 'Prefix', 'www.example.com'), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: another class (another controller)', () => {
		expect(codesOf([nginx, ingressClass('internal'), older, newer('/api', 'Prefix', 'shop.example.com', 'internal'), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: one Ingress listing the path twice is not two Ingresses', () => {
		const twice = ingress('shop', 'web', { className: 'nginx', rules: [rule('shop.example.com', ['/api', 'Prefix', 'checkout', 80], ['/api', 'Prefix', 'checkout', 80])] });
		expect(codesOf([nginx, twice, ...healthy('shop', 'checkout')])).toEqual([]);
	});
});

describe('KW507 TLS hosts and rule hosts disagree', () => {
	it('is raised for a TLS host that no rule serves', () => {
		const found = findingsOf([nginx, web({ tls: [{ hosts: ['shop.example.com', 'www.example.com'], secretName: 'tls' }] }), secret('shop', 'tls'), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW507']);
		expect(found[0]!.message).toContain('TLS host www.example.com is not served by any rule');
	});
	it('is raised for a rule host that no TLS entry covers', () => {
		const rules = [rule('shop.example.com', ['/', 'Prefix', 'checkout', 80]), rule('api.example.com', ['/', 'Prefix', 'checkout', 80])];
		const found = findingsOf([nginx, web({ rules, tls: [{ hosts: ['shop.example.com'], secretName: 'tls' }] }), secret('shop', 'tls'), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW507']);
		expect(found[0]!.message).toContain('rule host api.example.com is not in any spec.tls[].hosts');
	});
	it('twin: a wildcard TLS host covers the rule host', () => {
		expect(codesOf([nginx, web({ tls: [{ hosts: ['*.example.com'], secretName: 'tls' }] }), secret('shop', 'tls'), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: no TLS at all', () => {
		expect(codesOf([nginx, web(), ...healthy('shop', 'checkout')])).toEqual([]);
	});
});

describe('KW508 Ingress has no address', () => {
	it('is raised when status.loadBalancer is empty, naming the controller to look at', () => {
		const found = findingsOf([nginx, web({ noAddress: true }), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW508']);
		expect(found[0]).toMatchObject({ severity: 'warning', name: 'web' });
		expect(found[0]!.hint).toContain('k8s.io/ingress-nginx');
	});
	it('twin: a manifest (no status at all) is not expected to have an address yet', () => {
		const manifest = web({ noAddress: true }) as { status?: unknown };
		delete manifest.status;
		expect(codesOf([nginx, manifest as ReturnType<typeof web>, ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: an address in status', () => {
		expect(codesOf([nginx, web(), ...healthy('shop', 'checkout')])).toEqual([]);
	});
});

describe('KW509 no class while a default IngressClass exists', () => {
	it('is raised, saying the default applies only at creation', () => {
		const found = findingsOf([nginx, web({ className: undefined }), ...healthy('shop', 'checkout')]);
		expect(found.map((f) => f.code)).toEqual(['KW509']);
		expect(found[0]!.message).toContain('the default is applied only when an Ingress is created');
		expect(found[0]!.hint).toBe('set spec.ingressClassName: nginx');
	});
	it('twin: the class is set', () => {
		expect(codesOf([nginx, web(), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('twin: the default class is Traefik\'s, which serves Ingresses without a class by default', () => {
		expect(codesOf([ingressClass('traefik', { isDefault: true, controller: 'traefik.io/ingress-controller' }), web({ className: undefined }), ...healthy('shop', 'checkout')])).toEqual([]);
	});
	it('is not raised when IngressClasses could not be read (the default is unknown)', () => {
		expect(codesOf([web({ className: undefined }), ...healthy('shop', 'checkout')], [{ resource: 'ingressclasses', namespace: '', reason: 'forbidden' }])).toEqual([]);
	});
});

describe('every finding', () => {
	it('names its Ingress in the message and has a hint', () => {
		const found = findingsOf([
			nginx,
			web({ className: undefined, noAddress: true, tls: [{ hosts: ['x.example.com'], secretName: 'nope' }], rules: [rule('shop.example.com', ['/', 'Prefix', 'gone', 80])] }),
		]);
		expect(found.map((f) => f.code).sort()).toEqual(['KW501', 'KW504', 'KW507', 'KW507', 'KW508', 'KW509']);
		for (const f of found) {
			expect(f.message).toContain('shop/web');
			expect(f.hint.length).toBeGreaterThan(10);
		}
	});
});
