/**
 * Which Ingresses an ingress-nginx takes, as its store decides (internal/ingress/controller/store/
 * store.go GetIngressClass): the field before the annotation. Each case beside its twin, shaped
 * after a field test with two ingress-nginx installs side by side (the cloud deploy.yaml, and a
 * second one in its own namespace with its own --ingress-class and --controller-class).
 */
import { describe, expect, it } from 'vitest';
import { buildRouting, route } from '../../source/model/ingress/index.js';
import { classOf } from '../../source/model/ingress/class.js';
import { whoServes } from '../../source/model/ingress/servers.js';
import { controllersOfIngress } from '../../source/model/reach/controller-pods.js';
import { codesOf, contextOf, healthy, ingress, ingressClass, rule, snapshotOf } from './build.js';
import { contour, ingressNginx } from './controller-workloads.js';

type Obj = Record<string, unknown>;

const app = healthy('shop', 'web');

/** A second install: the same Deployment in namespace ingress-nginx-internal, its --controller-class in place of the default one. */
function secondNginx(args: string[]): Obj {
	const d = ingressNginx(args);
	const container = ((d['spec'] as Obj)['template'] as { spec: { containers: { args: string[] }[] } }).spec.containers[0]!;
	container.args = container.args.filter((a) => a !== '--controller-class=k8s.io/ingress-nginx');
	return { ...d, metadata: { ...(d['metadata'] as Obj), namespace: 'ingress-nginx-internal' } };
}

const tableOf = (docs: Obj[], className?: string) => buildRouting(contextOf(docs), className);
const membersOf = (docs: Obj[], className?: string) => [...new Set(tableOf(docs, className).rows.map((r) => r.ingress))].sort();

describe('field and annotation disagree (M6)', () => {
	const external = [ingressClass('nginx', { isDefault: true }), ingressNginx(['--ingress-class=nginx', '--watch-ingress-without-class=true'])];
	const internal = [ingressClass('nginx-internal', { controller: 'k8s.io/ingress-nginx-internal' }), secondNginx(['--controller-class=k8s.io/ingress-nginx-internal', '--ingress-class=nginx-internal'])];
	const moved = (annotated: boolean) =>
		ingress('shop', 'moved', {
			className: 'nginx',
			...(annotated ? { annotations: { 'kubernetes.io/ingress.class': 'nginx-internal' } } : {}),
			rules: [rule('m.example.com', ['/', 'Prefix', 'web', 80])],
		});

	it('the field wins: the external controller serves it, the internal one leaves it out, and a note says why', () => {
		const docs = [...external, ...internal, moved(true), ...app];
		expect(membersOf(docs, 'nginx')).toEqual(['moved']);
		expect(membersOf(docs, 'nginx-internal')).toEqual([]);
		const inTable = tableOf(docs, 'nginx');
		expect([...inTable.classNotes.values()]).toEqual([expect.stringContaining('ingressClassName nginx and annotation kubernetes.io/ingress.class nginx-internal disagree')]);
		expect(tableOf(docs, 'nginx-internal').leftOut[0]!.reason).toContain('ingressClassName is nginx, not nginx-internal; ingressClassName nginx and annotation');
		expect(route(inTable, 'http://m.example.com/').notes).toContainEqual(expect.stringContaining('Ingress shop/moved: ingressClassName nginx and annotation'));
		// No catalogue code says this: no finding is made of it.
		expect(codesOf(docs)).toEqual([]);
	});
	it('twin: the field alone puts it in the same table, without a note', () => {
		const docs = [...external, ...internal, moved(false), ...app];
		expect(membersOf(docs, 'nginx')).toEqual(['moved']);
		expect(tableOf(docs, 'nginx').classNotes.size).toBe(0);
		expect(tableOf(docs, 'nginx-internal').leftOut[0]!.reason).toBe('ingressClassName is nginx, not nginx-internal');
	});
	it('Contour reads the annotation first: it serves an Ingress whose annotation is contour, whatever the field says', () => {
		const both = ingress('shop', 'both', { className: 'nginx', annotations: { 'kubernetes.io/ingress.class': 'contour' }, rules: [rule('b.example.com', ['/', 'Prefix', 'web', 80])] });
		const snapshot = snapshotOf([contour(), both, ...app]);
		expect(whoServes(snapshot, classOf(snapshot.ingresses[0]!)).served).toBe(true);
	});
	it('twin: without the annotation Contour does not take class nginx', () => {
		const snapshot = snapshotOf([contour(), ingress('shop', 'field', { className: 'nginx', rules: [rule('b.example.com', ['/', 'Prefix', 'web', 80])] }), ...app]);
		expect(whoServes(snapshot, classOf(snapshot.ingresses[0]!)).served).toBe(false);
	});
});

describe('--ingress-class differs from the IngressClass name (M3)', () => {
	// The chart's controller.ingressClass=internal beside controller.ingressClassResource.name=internal-nginx.
	const internal = [ingressClass('internal-nginx', { controller: 'k8s.io/ingress-nginx-internal' }), secondNginx(['--controller-class=k8s.io/ingress-nginx-internal', '--ingress-class=internal'])];
	const annotated = (value: string) => ingress('shop', `ann-${value}`, { annotations: { 'kubernetes.io/ingress.class': value }, rules: [rule(`${value}.example.com`, ['/', 'Prefix', 'web', 80])] });
	const docs = [ingressClass('nginx'), ingressNginx(), ...internal, annotated('internal-nginx'), annotated('internal'), ...app];

	it('the annotation with the IngressClass name is not served: left out of that class, with the flag it must equal', () => {
		const table = tableOf(docs, 'internal-nginx');
		expect(table.leftOut.map((l) => [l.name, l.reason])).toEqual([
			['ann-internal-nginx', expect.stringContaining('annotation kubernetes.io/ingress.class is internal-nginx, but ingress-nginx in the pod template of Deployment ingress-nginx-internal/ingress-nginx-controller takes the annotation value internal (--ingress-class)')],
		]);
		expect(route(table, 'http://internal-nginx.example.com/').answer.kind).toBe('not-found');
	});
	it('twin: the annotation with its --ingress-class is served, and in the same table as its IngressClass', () => {
		expect(membersOf(docs, 'internal-nginx')).toEqual(['ann-internal']);
		expect(membersOf(docs, 'internal')).toEqual(['ann-internal']);
		expect(tableOf(docs, 'internal').choice.reason).toContain('takes the annotation value internal (--ingress-class)');
	});
});

describe('--watch-namespace and --watch-namespace-selector (M5)', () => {
	const nginxClass = ingressClass('nginx');
	const inShop = ingress('shop', 'shop-ing', { className: 'nginx', rules: [rule('s.example.com', ['/', 'Prefix', 'web', 80])] });
	const inStorefront = ingress('storefront', 'store-ing', { className: 'nginx', rules: [rule('t.example.com', ['/', 'Prefix', 'web', 80])] });
	const classlessIn = (namespace: string) => ingress(namespace, 'no-class', { rules: [rule('c.example.com', ['/', 'Prefix', 'web', 80])] });
	const apps = [...app, ...healthy('storefront', 'web')];
	const namespace = (name: string, labels: Record<string, string>): Obj => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

	it('an Ingress outside the watched namespace is not served: left out, and route says why', () => {
		const docs = [nginxClass, ingressNginx(['--watch-namespace=storefront']), inShop, inStorefront, ...apps];
		expect(membersOf(docs)).toEqual(['store-ing']);
		const table = tableOf(docs);
		expect(table.leftOut.map((l) => l.reason)).toEqual([expect.stringContaining('ingressClassName is nginx, but ingress-nginx in the pod template of Deployment ingress-nginx/ingress-nginx-controller watches only namespace storefront (--watch-namespace)')]);
		expect(route(table, 'http://s.example.com/').notes).toContainEqual(expect.stringContaining('watches only namespace storefront'));
		// The class names an IngressClass: KW505 does not say this, and no other code does.
		expect(codesOf(docs)).toEqual([]);
	});
	it('twin: without the flag both are served', () => {
		expect(membersOf([nginxClass, ingressNginx(), inShop, inStorefront, ...apps])).toEqual(['shop-ing', 'store-ing']);
	});
	it('a class-less Ingress outside it gets KW505 naming the flag, with every controller in the input', () => {
		const found = codesOf([nginxClass, ingressNginx(['--watch-namespace=storefront', '--watch-ingress-without-class=true']), classlessIn('shop'), ...apps]);
		expect(found).toEqual(['KW505']);
	});
	it('twin: inside it, none', () => {
		expect(codesOf([nginxClass, ingressNginx(['--watch-namespace=storefront', '--watch-ingress-without-class=true']), classlessIn('storefront'), ...apps])).toEqual([]);
	});
	it('a namespace from a variable ($(POD_NAMESPACE), as the chart writes it) is not known: nothing is claimed', () => {
		const run = ingressNginx(['--watch-namespace=$(POD_NAMESPACE)', '--watch-ingress-without-class=true']);
		expect(membersOf([nginxClass, run, inShop, ...apps])).toEqual(['shop-ing']);
		expect(codesOf([nginxClass, run, classlessIn('shop'), ...apps])).toEqual([]);
	});
	it('a selector is judged on the Namespace\'s labels when the input holds it', () => {
		const run = ingressNginx(['--watch-namespace-selector=team in (store, ops)']);
		expect(membersOf([nginxClass, run, namespace('shop', { team: 'web' }), inShop, ...apps])).toEqual([]);
		expect(tableOf([nginxClass, run, namespace('shop', { team: 'web' }), inShop, ...apps]).leftOut[0]!.reason).toContain('watches only namespaces labelled team in (store, ops) (--watch-namespace-selector), and shop is not');
	});
	it('twin: a Namespace it selects is served, and one not in the input is not known (the name decides)', () => {
		const run = ingressNginx(['--watch-namespace-selector=team in (store, ops)']);
		expect(membersOf([nginxClass, run, namespace('shop', { team: 'store' }), inShop, ...apps])).toEqual(['shop-ing']);
		expect(membersOf([nginxClass, run, inShop, ...apps])).toEqual(['shop-ing']);
		// A manifest's Namespace lacks the name label the API server gives every Namespace.
		expect(membersOf([nginxClass, ingressNginx(['--watch-namespace-selector=kubernetes.io/metadata.name=shop']), namespace('shop', {}), inShop, ...apps])).toEqual(['shop-ing']);
		expect(codesOf([nginxClass, ingressNginx(['--watch-namespace-selector=team=store', '--watch-ingress-without-class=true']), classlessIn('shop'), ...apps])).toEqual([]);
	});
});

describe('the controller pods an Ingress gets traffic from (KW602) follow --watch-namespace', () => {
	const nginxClass = ingressClass('nginx');
	const inShop = ingress('shop', 'shop-ing', { className: 'nginx', rules: [rule('s.example.com', ['/', 'Prefix', 'web', 80])] });
	const podsOf = (args: string[]) => {
		const ctx = contextOf([nginxClass, ingressNginx(args), inShop, ...app]);
		return controllersOfIngress(ctx, ctx.snapshot.ingresses[0]!).length;
	};
	it('a controller watching another namespace sends it nothing', () => {
		expect(podsOf(['--watch-namespace=storefront'])).toBe(0);
	});
	it('twin: one watching its namespace (or every one) does', () => {
		expect(podsOf(['--watch-namespace=shop'])).toBe(1);
		expect(podsOf([])).toBe(1);
	});
});
