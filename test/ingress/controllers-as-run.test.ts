/**
 * KW505 and KW509 judged as the controllers in the input run, each case beside its twin (shaped
 * after a field test: controllers installed from their own manifests, next to ingress-nginx).
 * A controller that serves an Ingress must silence them; one that is known to ignore it must not.
 */
import { describe, expect, it } from 'vitest';
import { ingressControllers } from '../../source/model/controllers.js';
import { buildRouting, routeModeFor } from '../../source/model/ingress/index.js';
import { codesOf, contextOf, findingsOf, healthy, ingress, ingressClass, rule, snapshotOf } from './build.js';
import { contour, contourCertgen, haproxytech, ingressNginx, kong, traefik } from './controller-workloads.js';

const app = healthy('shop', 'web');
const classless = (opts: { noAddress?: boolean } = {}) => ingress('shop', 'no-class', { rules: [rule('c.example.com', ['/', 'Prefix', 'web', 80])], ...opts });
const named = (className: string) => ingress('shop', 'by-field', { className, rules: [rule('f.example.com', ['/', 'Prefix', 'web', 80])] });
const nginxClass = ingressClass('nginx');
const membersOf = (docs: Parameters<typeof contextOf>[0], className?: string) => [...new Set(buildRouting(contextOf(docs), className).rows.map((r) => r.ingress))].sort();

describe('Traefik', () => {
	it('serves class-less Ingresses without --providers.kubernetesingress.ingressclass and without any IngressClass (F1)', () => {
		expect(codesOf([nginxClass, ingressNginx(), traefik(), classless(), ...app])).toEqual([]);
	});
	it('with --providers.kubernetesingress.ingressclass it does not: KW505 names the flag (M1)', () => {
		const docs = [ingressClass('traefik-external', { controller: 'traefik.io/ingress-controller' }), traefik(['--providers.kubernetesingress', '--providers.kubernetesingress.ingressClass=traefik-external']), classless(), ...app];
		const found = findingsOf(docs);
		expect(found.map((f) => f.code)).toEqual(['KW505']);
		expect(found[0]!.message).toContain('takes only class traefik-external (--providers.kubernetesingress.ingressclass)');
		expect(membersOf(docs)).toEqual([]);
	});
	it('twin: the same Traefik without the flag lists and serves the class-less Ingress', () => {
		const docs = [ingressClass('traefik-external', { controller: 'traefik.io/ingress-controller' }), traefik(), classless(), ...app];
		expect(codesOf(docs)).toEqual([]);
		expect(membersOf(docs)).toEqual(['no-class']);
	});
	it('needs its IngressClass for spec.ingressClassName', () => {
		expect(codesOf([nginxClass, traefik(), named('traefik'), ...app])).toEqual(['KW505']);
	});
	it('with its settings in a file nothing is claimed of it', () => {
		expect(codesOf([nginxClass, ingressNginx(), traefik(['--configFile=/etc/traefik/traefik.yml']), classless(), ...app])).toEqual([]);
	});
	it('without the kubernetesingress provider it serves no Ingress: ingress-nginx alone is judged', () => {
		expect(codesOf([nginxClass, ingressNginx(), traefik([]), classless(), ...app])).toEqual(['KW505']);
	});
});

describe('Contour', () => {
	it('serves class contour and class-less Ingresses by name, with no IngressClass (F2)', () => {
		expect(codesOf([nginxClass, ingressNginx(), contour(), contourCertgen(), named('contour'), classless(), ...app])).toEqual([]);
	});
	it('with --ingress-class-name=contour it does not serve class-less Ingresses (M2)', () => {
		const found = findingsOf([ingressClass('contour', { controller: 'projectcontour.io/ingress-controller' }), contour(['--ingress-class-name=contour']), classless(), ...app]);
		expect(found.map((f) => f.code)).toEqual(['KW505']);
		expect(found[0]!.message).toContain('Contour in the pod template of Deployment projectcontour/contour takes only class contour (--ingress-class-name)');
	});
	it('a class it is not configured for still names no IngressClass', () => {
		expect(codesOf([nginxClass, ingressNginx(), contour(['--ingress-class-name=internal']), named('contour'), ...app])).toEqual(['KW505']);
	});
	it('only `contour serve` is the controller, not the certgen Job of the same image', () => {
		expect(ingressControllers(snapshotOf([contour(), contourCertgen()])).map((r) => r.implementation)).toEqual(['contour']);
	});
});

describe('Kong', () => {
	it('takes its class from CONTROLLER_INGRESS_CLASS and needs no IngressClass (F4)', () => {
		expect(codesOf([nginxClass, ingressNginx(), kong([{ name: 'CONTROLLER_INGRESS_CLASS', value: 'kong-internal' }]), named('kong-internal'), ...app])).toEqual([]);
	});
	it('twin: another name than its class still names no IngressClass', () => {
		expect(codesOf([nginxClass, ingressNginx(), kong([{ name: 'CONTROLLER_INGRESS_CLASS', value: 'kong-internal' }]), named('kong'), ...app])).toEqual(['KW505']);
	});
	it('a flag wins over the environment', () => {
		const [run] = ingressControllers(snapshotOf([kong([{ name: 'CONTROLLER_INGRESS_CLASS', value: 'kong-internal' }], ['--ingress-class=edge'])]));
		expect(run).toMatchObject({ implementation: 'kong', ingressClass: 'edge' });
	});
	it('a class from valueFrom is not known: nothing is claimed', () => {
		const env = [{ name: 'CONTROLLER_INGRESS_CLASS', valueFrom: { configMapKeyRef: { name: 'kong', key: 'class' } } }];
		expect(codesOf([nginxClass, ingressNginx(), kong(env), named('whatever'), ...app])).toEqual([]);
	});
	it('serves a stored class-less Ingress while its IngressClass is the default: no KW509 (F3)', () => {
		const docs = [ingressClass('kong', { isDefault: true, controller: 'ingress-controllers.konghq.com/kong' }), kong(), classless(), named('kong'), ...app];
		expect(codesOf(docs)).toEqual([]);
		expect(membersOf(docs)).toEqual(['by-field', 'no-class']);
	});
	it('twin: its IngressClass not default and ingress-nginx\'s default instead: KW509', () => {
		expect(codesOf([ingressClass('nginx', { isDefault: true }), ingressClass('kong', { controller: 'ingress-controllers.konghq.com/kong' }), kong(), classless(), ...app])).toEqual(['KW509']);
	});
});

describe('haproxytech', () => {
	it('serves class-less Ingresses while no IngressClass is the default (F5)', () => {
		expect(codesOf([nginxClass, ingressNginx(), haproxytech(), classless(), ...app])).toEqual([]);
	});
	it('twin: with --ingress.class it does not, unless --empty-ingress-class', () => {
		expect(codesOf([nginxClass, ingressNginx(), haproxytech(['--ingress.class=haproxy']), classless(), ...app])).toEqual(['KW505']);
		expect(codesOf([nginxClass, ingressNginx(), haproxytech(['--ingress.class=haproxy', '--empty-ingress-class']), classless(), ...app])).toEqual([]);
	});
	it('serves a stored class-less Ingress when its IngressClass is the default: no KW509 (F6)', () => {
		expect(codesOf([ingressClass('haproxy', { isDefault: true, controller: 'haproxy.org/ingress-controller' }), haproxytech(), classless(), ...app])).toEqual([]);
	});
	it('twin: another controller\'s class is the default: it leaves the Ingress to that one', () => {
		expect(codesOf([ingressClass('nginx', { isDefault: true }), ingressNginx(), haproxytech(), classless(), ...app])).toEqual(['KW509']);
	});
});

describe('KW509 depends on the default class\'s controller', () => {
	it('is not raised for a default class of a controller that resolves the default itself (AWS LBC, F7), nor for one not known', () => {
		expect(codesOf([ingressClass('alb', { isDefault: true, controller: 'ingress.k8s.aws/alb' }), classless(), ...app])).toEqual([]);
		expect(codesOf([ingressClass('edge', { isDefault: true, controller: 'example.com/edge' }), classless(), ...app])).toEqual([]);
	});
	it('is raised for ingress-nginx\'s default class, naming it', () => {
		const found = findingsOf([ingressClass('nginx', { isDefault: true }), classless(), ...app]);
		expect(found.map((f) => f.code)).toEqual(['KW509']);
		expect(found[0]!.message).toContain('ingress-nginx, ignores Ingresses without a class');
	});
	it('is not raised when an ingress-nginx in the input watches class-less Ingresses beside another default class: check agrees with `ingresses` (F9)', () => {
		const docs = [ingressClass('alb', { isDefault: true, controller: 'ingress.k8s.aws/alb' }), nginxClass, ingressNginx(['--watch-ingress-without-class=true']), classless(), ...app];
		expect(codesOf(docs)).toEqual([]);
		expect(membersOf(docs, 'nginx')).toEqual(['no-class']);
	});
	it('twin: ingress-nginx\'s default class and ingress-nginx without the flag: KW509', () => {
		expect(codesOf([ingressClass('nginx', { isDefault: true }), ingressNginx(), classless(), ...app])).toEqual(['KW509']);
	});
});

describe("GKE's controller", () => {
	const gce = ingress('shop', 'foo-external', { annotations: { 'kubernetes.io/ingress.class': 'gce' }, rules: [rule('', ['/', 'Prefix', 'web', 80])] });
	it('is known from an Ingress of class gce, and serves class-less Ingresses (F8)', () => {
		expect(codesOf([nginxClass, ingressNginx(), gce, classless(), ...app])).toEqual([]);
	});
	it('twin: without such evidence ingress-nginx alone is judged', () => {
		expect(codesOf([nginxClass, ingressNginx(), classless(), ...app])).toEqual(['KW505']);
	});
});

describe('ingress-nginx --ingress-class-by-name', () => {
	const byName = ingressNginx(['--ingress-class=nginx-internal', '--ingress-class-by-name=true']);
	it('still needs the IngressClass to exist: KW505 without it (M4)', () => {
		expect(codesOf([nginxClass, byName, named('nginx-internal'), ...app])).toEqual(['KW505']);
	});
	it('twin: with an IngressClass of that name (of any controller) it serves and routes it as ingress-nginx', () => {
		const docs = [nginxClass, ingressClass('nginx-internal', { controller: 'example.com/other' }), byName, named('nginx-internal'), ...app];
		expect(codesOf(docs)).toEqual([]);
		const ctx = contextOf(docs);
		expect(routeModeFor(ctx.snapshot, buildRouting(ctx, 'nginx-internal').choice)).toBe('ingress-nginx');
	});
});
