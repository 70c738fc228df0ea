/**
 * Manifests (no status, no EndpointSlices): the chain and the detail screen say what is known once
 * applied, and put the first broken link where the finding is. Before, a healthy manifest's chain
 * read "✓ kube-proxy spreads connections over 0 ready endpoints" and its pods "✗ not ready", and
 * a selector typo's first broken link was "0/0 ready" rather than the selector (KW101).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadFiles } from '../../../source/cluster/files.js';
import { analyze } from '../../../source/model/analyze.js';
import { lineText } from '../../../source/ui/lines.js';
import { buildScreen } from '../../../source/ui/screens/index.js';
import { view } from '../../../source/ui/state/ui-state.js';
import { scratchDir } from '../../support/scratch.js';
import { snapshotFromYaml } from '../../support/snapshot-from-yaml.js';

const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart, namespace: shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: cart}}\n  template:\n    metadata: {labels: {app: cart}}\n    spec: {containers: [{name: server, image: cart, ports: [{containerPort: 7070}]}]}\n`;
const service = (app: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: shop}\nspec: {selector: {app: ${app}}, ports: [{name: grpc, port: 7070, targetPort: 7070}]}\n`;
const analysisOf = (app: string) => analyze(snapshotFromYaml([deployment, service(app)].join('---\n'), 'manifests.yaml'));

function linksOf(app: string) {
	const s = analysisOf(app).serviceByKey.get('shop/cart')!;
	return Object.fromEntries(s.chain.map((l) => [l.kind, l]));
}

function detail(app: string): string {
	const model = buildScreen(view('detail', { subject: 'shop/cart' }), { analysis: analysisOf(app), width: 80 });
	if (model.kind !== 'text') throw new Error('not text');
	return model.lines.map(lineText).join('\n');
}

describe('a manifest set in the chain and the detail screen', () => {
	test('healthy: kube-proxy and the endpoints are known on apply, the planned pods are not "not ready"', () => {
		const links = linksOf('cart');
		expect(links['kube-proxy']).toMatchObject({ state: 'skipped', label: 'ClusterIP → endpoints: on apply' });
		expect(links['kube-proxy']!.detail).toMatch(/once the manifests are applied/);
		expect(links['endpoint']).toMatchObject({ state: 'skipped', label: 'on apply' });
		expect(Object.values(links).filter((l) => l.state === 'broken')).toEqual([]);
		const t = detail('cart');
		expect(t).toMatch(/SELECTOR app=cart\s+2 pods match, 2 planned/);
		expect(t).toMatch(/~ cart-planned-0\s+-\s+planned/);
		expect(t).toMatch(/ENDPOINTS\s+on apply/);
		expect(t).not.toMatch(/not ready|no endpoints|over 0 ready/);
		// The one ✗ left is a fact of the manifest: a ClusterIP Service is not exposed outside.
		expect(t.split('\n').filter((l) => l.includes('✗'))).toEqual([expect.stringMatching(/✗ not admitted: outside the cluster \(ClusterIP Service/)]);
	});

	test('broken twin (selector typo): the first broken link is the selector, with KW101', () => {
		const links = linksOf('crat');
		// The namespace's workload is in the input and the selector misses it: none once applied.
		expect(links['kube-proxy']).toMatchObject({ state: 'skipped', label: 'ClusterIP → endpoints: none once applied' });
		expect(links['kube-proxy']!.detail).toMatch(/REJECTs/);
		expect(links['endpoint']).toMatchObject({ state: 'skipped', label: 'none once applied' });
		expect(links['pod']!.state).toBe('broken');
		expect(links['pod']!.findings.map((f) => f.code)).toContain('KW101');
		const t = detail('crat');
		const marked = t.split('\n').filter((l) => l.startsWith('►'));
		expect(marked).toHaveLength(1);
		expect(marked[0]).toMatch(/✗ 0 pods match app=crat/);
		expect(t).toMatch(/no pod in this namespace matches/);
		expect(t).not.toMatch(/0\/0 ready|over 0 ready/);
	});

	test('files without a NetworkPolicy: the policy link and WHO MAY CONNECT say not judged, not "no policy isolates"', () => {
		const file = path.join(scratchDir('manifest-detail'), 'cart.yaml');
		writeFileSync(file, [deployment, service('cart')].join('---\n'));
		const analysis = analyze(loadFiles([file]));
		const link = analysis.serviceByKey.get('shop/cart')!.chain.find((l) => l.kind === 'network-policy')!;
		expect(link).toMatchObject({ state: 'skipped', label: 'policy not judged' });
		expect(link.detail).toContain('the input holds no NetworkPolicy');
		const model = buildScreen(view('detail', { subject: 'shop/cart' }), { analysis, width: 80 });
		if (model.kind !== 'text') throw new Error('not text');
		const t = model.lines.map(lineText).join('\n');
		expect(t).toMatch(/WHO MAY CONNECT[^\n]*\n {2}NetworkPolicy not judged: the input holds no NetworkPolicy\n {2}✗ not admitted: outside the cluster \(ClusterIP Service/);
		// The Ingress section agrees with the chain: not read, rather than "none".
		expect(t).toMatch(/INGRESS RULES routing here[^\n]*\n {2}the Ingresses were not read \(forbidden, or not in the input\)/);
		expect(t).not.toMatch(/no policy isolates|not isolated/);
	});

	test('WHO MAY CONNECT names the policies of other kinds the files hold (a CiliumNetworkPolicy)', () => {
		const file = path.join(scratchDir('manifest-detail'), 'cart-cilium.yaml');
		const cnp = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cart-in, namespace: shop}\nspec: {endpointSelector: {matchLabels: {app: cart}}}\n';
		writeFileSync(file, [deployment, service('cart'), cnp].join('---\n'));
		const model = buildScreen(view('detail', { subject: 'shop/cart' }), { analysis: analyze(loadFiles([file])), width: 80 });
		if (model.kind !== 'text') throw new Error('not text');
		expect(model.lines.map(lineText).join(' ').replace(/\s+/g, ' ')).toContain('also in the input, not modelled: CiliumNetworkPolicy (1); they may change these answers');
	});
});
