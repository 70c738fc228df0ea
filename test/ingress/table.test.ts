/**
 * Which class's table is shown, which Ingresses are in it, which are left out and why, and what
 * each row carries (Service port, ready endpoints, TLS Secret).
 */
import { describe, expect, it } from 'vitest';
import { buildRouting } from '../../source/model/ingress/index.js';
import { backend, contextOf, healthy, ingress, ingressClass, rule, secret, service } from './build.js';

const route = (host: string) => rule(host, ['/', 'Prefix', 'web', 80]);

describe('choosing the class', () => {
	it('uses the default IngressClass when no --class is given', () => {
		const table = buildRouting(contextOf([ingressClass('a'), ingressClass('b', { isDefault: true })]));
		expect(table.className).toBe('b');
		expect(table.choice.how).toBe('default');
	});
	it('uses the newest of several default classes, and says there are several', () => {
		const table = buildRouting(
			contextOf([
				ingressClass('old', { isDefault: true, created: '2023-01-01T00:00:00Z' }),
				ingressClass('new', { isDefault: true, created: '2024-01-01T00:00:00Z' }),
			]),
		);
		expect(table.className).toBe('new');
		expect(table.choice.reason).toContain('2 classes are marked default');
	});
	it('uses the only IngressClass when none is the default', () => {
		expect(buildRouting(contextOf([ingressClass('only')])).className).toBe('only');
	});
	it('chooses none when several classes exist and none is the default, listing them', () => {
		const table = buildRouting(contextOf([ingressClass('a'), ingressClass('b'), ingress('x', 'i', { className: 'a', rules: [route('h')] })]));
		expect(table.choice.how).toBe('none');
		expect(table.choice.reason).toContain('--class (a, b)');
		expect(table.rows).toEqual([]);
		expect(table.leftOut.map((l) => l.name)).toEqual(['i']);
	});
	it('--class picks another class', () => {
		const docs = [ingressClass('a', { isDefault: true }), ingressClass('b'), ingress('x', 'in-a', { className: 'a', rules: [route('a.example')] }), ingress('x', 'in-b', { className: 'b', rules: [route('b.example')] })];
		const table = buildRouting(contextOf(docs), 'b');
		expect(table.rows.map((r) => r.ingress)).toEqual(['in-b']);
		expect(table.leftOut).toEqual([expect.objectContaining({ name: 'in-a', reason: 'ingressClassName is a, not b' })]);
	});
	it('without IngressClass objects, uses the one class the Ingresses name', () => {
		const table = buildRouting(contextOf([ingress('x', 'i', { className: 'nginx', rules: [route('h')] }), ingress('x', 'j', { rules: [route('k')] })]));
		expect(table.className).toBe('nginx');
		expect(table.choice.reason).toContain('the input holds no IngressClass');
		expect(table.rows.map((r) => r.ingress)).toEqual(['i']);
	});
	it('without IngressClass objects and without any class named, shows every Ingress', () => {
		const table = buildRouting(contextOf([ingress('x', 'i', { rules: [route('h')] }), ingress('x', 'j', { rules: [route('k')] })]));
		expect(table.choice.how).toBe('everything');
		expect(table.rows.map((r) => r.ingress).sort()).toEqual(['i', 'j']);
	});
});

describe('membership', () => {
	const docs = [
		ingressClass('nginx', { isDefault: true }),
		ingressClass('other', { controller: 'example.com/other' }),
		ingress('d', 'field', { className: 'nginx', rules: [route('a')] }),
		ingress('d', 'annotation', { annotations: { 'kubernetes.io/ingress.class': 'nginx' }, rules: [route('b')] }),
		ingress('d', 'unclassed', { rules: [route('c')] }),
		ingress('d', 'other', { className: 'other', rules: [route('d')] }),
		ingress('d', 'legacy-other', { annotations: { 'kubernetes.io/ingress.class': 'traefik' }, rules: [route('e')] }),
		ingress('d', 'disagree', { className: 'other', annotations: { 'kubernetes.io/ingress.class': 'nginx' }, rules: [route('f')] }),
	];
	const table = buildRouting(contextOf(docs));
	it('holds the Ingresses of the class by field or by the legacy annotation (the field first, as ingress-nginx reads them)', () => {
		expect(table.rows.map((r) => r.ingress).sort()).toEqual(['annotation', 'field']);
	});
	it('lists every other Ingress with the reason, as the controller would ignore it', () => {
		expect(Object.fromEntries(table.leftOut.map((l) => [l.name, l.reason]))).toEqual({
			disagree: expect.stringMatching(/^ingressClassName is other, not nginx; ingressClassName other and annotation kubernetes.io\/ingress.class nginx disagree: /),
			'legacy-other': 'annotation kubernetes.io/ingress.class is traefik, not nginx',
			other: 'ingressClassName is other, not nginx',
			unclassed: 'no class: neither ingressClassName nor the kubernetes.io/ingress.class annotation is set',
		});
	});
});

describe('rows', () => {
	const docs = [
		ingressClass('nginx', { isDefault: true }),
		ingress('shop', 'web', {
			className: 'nginx',
			rules: [rule('shop.example.com', ['/', 'Prefix', 'web', 'http'], ['/api', 'Exact', 'api', 8080]), rule('', ['/health', 'Prefix', 'web', 80])],
			defaultBackend: backend('fallback', 80),
			tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
		}),
		...healthy('shop', 'web', [true, false, true]),
		service('shop', 'api', [{ name: 'http', port: 80, targetPort: 8080 }]),
		secret('shop', 'shop-tls'),
	];
	const table = buildRouting(contextOf(docs));
	it('has one row per (Ingress, host, path), then the defaultBackend, in host and path order', () => {
		expect(table.rows.map((r) => [r.host, r.path, r.pathType, r.defaultBackend])).toEqual([
			['shop.example.com', '/', 'Prefix', false],
			['shop.example.com', '/api', 'Exact', false],
			['', '/health', 'Prefix', false],
			['', '', '', true],
		]);
	});
	it('keeps the port exactly as the backend writes it, and resolves it to the Service port', () => {
		const [root, api] = table.rows;
		expect(root).toMatchObject({ namespace: 'shop', ingress: 'web', className: 'nginx', service: 'web', port: 'http' });
		expect(root!.backend.servicePort?.port).toBe(80);
		expect(api!.port).toBe(8080);
		expect(api!.backend.servicePort).toBeUndefined();
	});
	it('carries the ready endpoints behind the port', () => {
		expect(table.rows[0]!.endpoints.map((e) => e.ip)).toEqual(['10.244.0.2', '10.244.0.4']);
		expect(table.rows[0]!.backend.endpoints).toHaveLength(3);
	});
	it('names the TLS Secret of the host and whether it exists', () => {
		expect(table.rows[0]!.tls).toBe('shop-tls');
		expect(table.rows[0]!.tlsBinding?.exists).toBe(true);
		expect(table.rows[2]!.tls).toBe('');
	});
	it('a tls entry without hosts serves the defaultBackend (bank-of-anthos\'s self-signed frontend Ingress)', () => {
		const only = buildRouting(
			contextOf([
				ingressClass('nginx', { isDefault: true }),
				ingress('shop', 'frontend', { className: 'nginx', defaultBackend: backend('web', 80), tls: [{ secretName: 'frontend-tls' }] }),
				...healthy('shop', 'web', [true]),
				secret('shop', 'frontend-tls'),
			]),
		);
		expect(only.rows.map((r) => [r.defaultBackend, r.tls, r.tlsBinding?.exists])).toEqual([[true, 'frontend-tls', true]]);
	});
	it('marks the rule an older Ingress already claims', () => {
		const dup = buildRouting(
			contextOf([
				ingressClass('nginx', { isDefault: true }),
				ingress('a', 'first', { className: 'nginx', created: '2024-01-01T00:00:00Z', rules: [route('h')] }),
				ingress('a', 'second', { className: 'nginx', created: '2024-01-02T00:00:00Z', rules: [route('h')] }),
			]),
		);
		const second = dup.rows.find((r) => r.ingress === 'second')!;
		expect(second.shadowedBy?.name).toBe('first');
		expect(dup.rows.find((r) => r.ingress === 'first')!.shadowedBy).toBeUndefined();
	});
});
