/**
 * The quick look for Services in a large capture (cluster/service-outline.ts): it finds the
 * Services the loader finds, in JSON compact or indented and in YAML lists and documents, whatever
 * the chunks the bytes arrive in; it never takes a reference to a Service (an owner reference, a
 * route's backend, a manifest quoted in a ConfigMap) for one, and broken text is left for the
 * loader to report, not thrown.
 */
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ServiceScan } from '../../source/cluster/service-outline.js';

function service(name: string, namespace = 'shop'): Record<string, unknown> {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: { name, namespace, labels: { app: name }, managedFields: [{ apiVersion: 'v1', fieldsType: 'FieldsV1', manager: 'kubectl' }] },
		spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], clusterIP: '10.96.0.10', type: 'ClusterIP' },
	};
}

/** What points at Services without being one. */
function references(): Record<string, unknown>[] {
	return [
		{
			apiVersion: 'discovery.k8s.io/v1',
			kind: 'EndpointSlice',
			metadata: { name: 'a-x1', namespace: 'shop', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'a', uid: 'u1' }] },
			addressType: 'IPv4',
			endpoints: [],
		},
		{
			apiVersion: 'gateway.networking.k8s.io/v1',
			kind: 'HTTPRoute',
			metadata: { name: 'r', namespace: 'shop' },
			spec: { rules: [{ backendRefs: [{ group: '', kind: 'Service', name: 'a', port: 80 }] }] },
		},
		{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'quoted', namespace: 'shop' }, data: { 'svc.json': JSON.stringify(service('not-real')), 'svc.yaml': jsYaml.dump(service('nor-this')) } },
		{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { enableServiceLinks: true, containers: [{ name: 'c', image: 'x' }] } },
	];
}

/** kubectl writes keys sorted. */
function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
		);
	}
	return value;
}

const items = [service('a'), ...references(), service('b', 'web')];
const list = sorted({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

const inputs: Record<string, string> = {
	'compact JSON': JSON.stringify(list),
	'indented JSON (kubectl -o json)': JSON.stringify(list, null, 4),
	'a YAML list (kubectl -o yaml)': jsYaml.dump(list, { sortKeys: true, noArrayIndent: true, lineWidth: -1 }),
	'YAML documents (a manifest set)': items.map((item) => jsYaml.dump(item, { lineWidth: -1 })).join('---\n'),
	'YAML list items indented under items:': jsYaml.dump(list, { sortKeys: true, lineWidth: -1 }),
};

function namesOf(services: unknown[]): string[] {
	return services.map((s) => {
		const meta = (s as { metadata: { namespace: string; name: string } }).metadata;
		return `${meta.namespace}/${meta.name}`;
	});
}

/** Scans `text` as a read would deliver it: in chunks cut at `cuts`, then once more with all of it. */
function scanned(text: string, cuts: number[] = []): string[] {
	const bytes = Buffer.from(text);
	const scan = new ServiceScan(bytes, 'capture');
	for (const cut of cuts) scan.scan(Math.min(cut, bytes.length), false);
	scan.scan(bytes.length, true);
	return namesOf(scan.services);
}

describe('the quick look for Services', () => {
	for (const [shape, text] of Object.entries(inputs)) {
		it(`finds exactly the Services in ${shape}`, () => {
			expect(scanned(text)).toEqual(['shop/a', 'web/b']);
		});
	}

	it('finds the same Services whatever chunks the bytes arrive in', () => {
		for (const [shape, text] of Object.entries(inputs)) {
			const size = Buffer.byteLength(text);
			for (const step of [1, 7, 64, 333, 4096]) {
				const cuts: number[] = [];
				for (let at = step; at < size; at += step) cuts.push(at);
				expect(scanned(text, cuts), `${shape}, chunks of ${step}`).toEqual(['shop/a', 'web/b']);
			}
		}
	});

	it('a byte order mark and a Service at the very end are read', () => {
		const text = `\ufeff${JSON.stringify(sorted({ apiVersion: 'v1', kind: 'List', items: [service('z')] }))}`;
		expect(scanned(text, [10, 20])).toEqual(['shop/z']);
		const yaml = `kind: Service\napiVersion: v1\nmetadata:\n  name: last\n  namespace: shop`;
		expect(scanned(yaml)).toEqual(['shop/last']);
	});

	it('leaves broken text for the loader: the broken Service is left out, the others found, nothing thrown', () => {
		const good = JSON.stringify(sorted(service('a')));
		const broken = JSON.stringify(sorted(service('b'))).replace('"ports":[', '"ports":[,');
		const text = `{"apiVersion":"v1","items":[${good},${broken},${JSON.stringify(sorted(service('c')))}],"kind":"List"}`;
		expect(scanned(text)).toEqual(['shop/a', 'shop/c']);
		// A capture cut short: what was whole is found.
		expect(scanned(text.slice(0, text.length - 40))).toEqual(['shop/a']);
		const yaml = `${jsYaml.dump(service('a'))}---\nkind: Service\nmetadata: {name: [b\n`;
		expect(scanned(yaml)).toEqual(['shop/a']);
	});
});
