/**
 * Counts of pods and endpoints are facts only where they were read. While a live cluster's pods
 * are still being listed, or where RBAC forbids them, or when the files hold none, the Services
 * table shows `…` or `?` rather than "0/0" and "0", and the chain leaves those links unjudged
 * instead of marking the Service broken. Each case beside its twin where everything was read.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import type { Snapshot, Unreadable } from '../../source/cluster/snapshot.js';
import { analyze, outlineAnalysis } from '../../source/model/analyze.js';
import { firstBroken } from '../../source/model/chain.js';
import { stillLoading } from '../../source/model/readable.js';
import { readyText } from '../../source/report/ingresses.js';
import { endpointsText, podsText, servicesText, unreadNote } from '../../source/report/services.js';
import { scratchDir } from '../support/scratch.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const shop = fileURLToPath(new URL('../fixtures/basic/shop.yaml', import.meta.url));
/** The TUI's shop: an Ingress sends to shop/api, whose selector matches no pod. */
const uiShop = fileURLToPath(new URL('../ui/fixtures/shop.yaml', import.meta.url));

/** shop.yaml as a live read would see it with `unreadable` (and nothing of those kinds in the places named). */
function readWithout(unreadable: Unreadable[]): Snapshot {
	const snapshot = loadFiles([shop]);
	const hidden = (resource: string, namespace: string) => unreadable.some((u) => u.resource === resource && (u.namespace === '' || u.namespace === namespace));
	return {
		...snapshot,
		pods: snapshot.pods.filter((p) => !hidden('pods', p.namespace)),
		endpointSlices: snapshot.endpointSlices.filter((s) => !hidden('endpointslices', s.namespace)),
		unreadable: [...snapshot.unreadable, ...unreadable],
	};
}

describe('counts that were not read', () => {
	it('everything read: READY and PODS are counts, other/api is broken (no pod matches)', () => {
		const analysis = analyze(loadFiles([shop]));
		const web = analysis.serviceByKey.get('shop/web')!;
		expect([endpointsText(web), podsText(web)]).toEqual(['1/1', '1']);
		expect(web.known).toEqual({ pods: 'read', endpoints: 'read' });
		const api = analysis.serviceByKey.get('other/api')!;
		expect(podsText(api)).toBe('0');
		expect(api.findings.map((f) => f.code)).toContain('KW101');
		expect(firstBroken(api.chain)).toBeDefined();
		expect(servicesText(analysis, {}, 80)).not.toContain(unreadNote);
	});

	it('while pods and EndpointSlices are still being read: `…`, no link judged broken', () => {
		const loading = ['pods', 'endpointslices'].map((resource) => ({ resource, namespace: '', reason: stillLoading }));
		const outline = outlineAnalysis(readWithout(loading));
		for (const s of outline.services) {
			expect([endpointsText(s), podsText(s)]).toEqual(['…', '…']);
			expect(firstBroken(s.chain)).toBeUndefined();
			const links = Object.fromEntries(s.chain.map((l) => [l.kind, l]));
			expect(links['endpoint']).toMatchObject({ label: 'still loading', state: 'skipped' });
			expect(links['pod']).toMatchObject({ label: 'pods still loading', state: 'skipped' });
		}
		// Once complete (the diagnostics ran over the same input), still nothing is concluded.
		expect(analyze(readWithout(loading)).findings.filter((f) => f.kind === 'Service')).toEqual([]);
	});

	it('Ingresses and HTTPRoutes not read: the chain says whether one routes here is not known, not "no Ingress"', () => {
		const hidden = ['ingresses', 'httproutes'].map((resource) => ({ resource, namespace: '', reason: 'forbidden' }));
		const snapshot = readWithout(hidden);
		const api = analyze({ ...snapshot, ingresses: [], httpRoutes: [] }).serviceByKey.get('other/api')!;
		expect(api.chain.find((l) => l.kind === 'ingress')).toMatchObject({ label: 'Ingresses not read', state: 'skipped' });
		expect(api.chain.find((l) => l.kind === 'gateway')).toMatchObject({ label: 'Gateway routes not read', state: 'skipped' });
		// Twin: read (as a live cluster reads them), and none routes here.
		const given = loadFiles([shop]);
		const read = analyze({ ...given, ingresses: [], httpRoutes: [], unreadable: given.unreadable.filter((u) => !['ingresses', 'httproutes'].includes(u.resource)) }).serviceByKey.get('other/api')!;
		expect(read.chain.find((l) => l.kind === 'ingress')).toMatchObject({ label: 'no Ingress', state: 'skipped' });
		expect(read.chain.find((l) => l.kind === 'gateway')).toMatchObject({ label: 'no Gateway route', state: 'skipped' });
	});

	it('pods and EndpointSlices forbidden in one namespace: `?` there and a note; the other namespace keeps its counts', () => {
		const forbidden = ['pods', 'endpointslices'].map((resource) => ({ resource, namespace: 'other', reason: 'forbidden' }));
		const analysis = analyze(readWithout(forbidden));
		const api = analysis.serviceByKey.get('other/api')!;
		expect([endpointsText(api), podsText(api)]).toEqual(['?', '?']);
		expect(api.findings).toEqual([]);
		expect(firstBroken(api.chain)).toBeUndefined();
		expect(api.chain.find((l) => l.kind === 'pod')).toMatchObject({ label: 'pods not read', state: 'skipped' });
		// The links that stand on the pods each say what they do not judge, not "pods not read" again.
		expect(api.chain.find((l) => l.kind === 'network-policy')).toMatchObject({ label: 'policy not judged', state: 'skipped' });
		expect(api.chain.find((l) => l.kind === 'container-port')).toMatchObject({ label: 'ports not judged', state: 'skipped' });
		expect(api.chain.find((l) => l.kind === 'container-port')!.detail).toBe('the pods were not read (forbidden, or not in the input): their container ports are not judged');
		const web = analysis.serviceByKey.get('shop/web')!;
		expect([endpointsText(web), podsText(web)]).toEqual(['1/1', '1']);
		expect(servicesText(analysis, {}, 80)).toContain('? the pods or endpoints were not read');
	});

	it('EndpointSlices forbidden but pods read: endpoints are not derived from the pods (`?`), the pods still count', () => {
		const analysis = analyze(readWithout([{ resource: 'endpointslices', namespace: '', reason: 'forbidden' }]));
		const web = analysis.serviceByKey.get('shop/web')!;
		expect([endpointsText(web), podsText(web)]).toEqual(['?', '1']);
		expect(firstBroken(web.chain)).toBeUndefined();
	});

	it('a Service in files that hold no pod and no workload: `?`; with its Deployment, the pods are planned', () => {
		const service = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;
		const dir = scratchDir('known');
		writeFileSync(path.join(dir, 'service.yaml'), service);
		const alone = analyze(loadFiles([path.join(dir, 'service.yaml')])).serviceByKey.get('shop/web')!;
		expect([endpointsText(alone), podsText(alone)]).toEqual(['?', '?']);
		expect(firstBroken(alone.chain)).toBeUndefined();
		const withDeployment = analyze(
			snapshotFromYaml(`${service}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}
`),
		).serviceByKey.get('shop/web')!;
		expect([endpointsText(withDeployment), podsText(withDeployment)]).toEqual(['planned', '1']);
	});

	// DESIGN.md: kinds absent from file input are unknown, not empty. A Service without a selector
	// is backed by EndpointSlices someone writes; none given is not "0/0", and KW104 is not raised.
	it('a selectorless Service in files without EndpointSlices: `?`, no broken link; its twin with the slice kind given: 0/0 and KW104', () => {
		const service = `apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: 10.96.0.81, ports: [{port: 5432}]}
`;
		const dir = scratchDir('known-selectorless');
		const loaded = (name: string, text: string) => {
			writeFileSync(path.join(dir, name), text);
			return loadFiles([path.join(dir, name)]);
		};
		const alone = analyze(loaded('alone.yaml', service)).serviceByKey.get('shop/db')!;
		expect(alone.known.endpoints).toBe('unread');
		expect(endpointsText(alone)).toBe('?');
		expect(alone.findings).toEqual([]);
		expect(firstBroken(alone.chain)).toBeUndefined();
		// Another Service's EndpointSlice is in the input: the kind was given, none names db.
		const withSlices = analyze(
			loaded('with-slices.yaml', `${service}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: other-1, namespace: shop, labels: {kubernetes.io/service-name: other}}
addressType: IPv4
endpoints: []
`),
		).serviceByKey.get('shop/db')!;
		expect(endpointsText(withSlices)).toBe('0/0');
		expect(withSlices.findings.map((f) => f.code)).toContain('KW104');
	});

	it('an Ingress backend whose pods were not read gets no KW503; its twin with the pods read does', () => {
		const kw503 = (snapshot: Snapshot) => analyze(snapshot).findings.filter((f) => f.code === 'KW503' && f.message.includes('shop/api'));
		const read = loadFiles([uiShop]);
		expect(kw503(read)).toHaveLength(1);
		const forbidden = loadFiles([uiShop]);
		forbidden.pods = forbidden.pods.filter((p) => p.namespace !== 'shop');
		forbidden.unreadable.push({ resource: 'pods', namespace: 'shop', reason: 'forbidden' });
		expect(kw503(forbidden)).toEqual([]);
		// The Ingresses table counts the same way: `0/0*` where the pods were read, `?` where not.
		const ready = (snapshot: Snapshot) => analyze(snapshot).routing.rows.filter((r) => r.backend.target.service === 'api').map(readyText);
		expect(ready(read)).toEqual(['0/0*']);
		expect(ready(forbidden)).toEqual(['?']);
	});
});
