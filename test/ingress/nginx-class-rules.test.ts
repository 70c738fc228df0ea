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
