import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtureFiles, loadFiles, parseDocuments } from '../../source/cluster/files.js';
import { InputError } from '../../source/errors.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { scratchDir } from '../support/scratch.js';

function tempDir(): string {
	return scratchDir('files');
}

const service = (name: string, ns = 'shop') => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 8080}]
`;

describe('file loader: input forms', () => {
	it('reads multi-document YAML, one object per document', () => {
		const s = snapshotFromYaml(`${service('a')}---\n${service('b')}---\n`);
		expect(s.services.map((x) => x.name)).toEqual(['a', 'b']);
	});

	it('reads a kind: List and types its items', () => {
		const s = snapshotFromYaml(`apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Service, metadata: {name: a, namespace: x}, spec: {ports: [{port: 1}]}}
- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: x}}
`);
		expect(s.services).toHaveLength(1);
		expect(s.pods).toHaveLength(1);
	});

	it('reads a typed list (kubectl get services -o json) whose items carry no kind', () => {
		const json = JSON.stringify({
			apiVersion: 'v1',
			kind: 'ServiceList',
			items: [{ metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } }],
		});
		const s = snapshotFromYaml(json, 'svc.json');
		expect(s.services[0]?.name).toBe('web');
	});

	it('reads JSON and YAML files and recurses into directories for .yaml/.yml/.json only', () => {
		const dir = tempDir();
		mkdirSync(path.join(dir, 'nested'));
		writeFileSync(path.join(dir, 'a.yaml'), service('a'));
		writeFileSync(path.join(dir, 'nested', 'b.yml'), service('b'));
		writeFileSync(
			path.join(dir, 'nested', 'c.json'),
			JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c', namespace: 'shop' } }),
		);
		writeFileSync(path.join(dir, 'notes.txt'), 'not: [a fixture');
		const s = loadFiles([dir]);
		expect(s.services.map((x) => x.name).sort()).toEqual(['a', 'b', 'c']);
		expect(listFixtureFiles([dir]).some((f) => f.endsWith('notes.txt'))).toBe(false);
	});

	it('accepts several --fixtures paths and merges them', () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'one.yaml'), service('one'));
		writeFileSync(path.join(dir, 'two.yaml'), service('two'));
		const s = loadFiles([path.join(dir, 'one.yaml'), path.join(dir, 'two.yaml')]);
		expect(s.services).toHaveLength(2);
		expect(s.origin.kind).toBe('files');
	});

	it('places a namespaced object without metadata.namespace in default, as kubectl apply would', () => {
		const s = snapshotFromYaml('apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
		expect(s.services[0]?.namespace).toBe('default');
	});

	it('keeps cluster-scoped kinds out of any namespace', () => {
		const s = snapshotFromYaml('apiVersion: v1\nkind: Node\nmetadata: {name: n1, namespace: oops}\n');
		expect(s.nodes[0]?.namespace).toBe('');
	});

	it('ignores unknown kinds and CRDs without complaint', () => {
		const s = snapshotFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`);
		expect(s.skipped).toEqual([]);
		expect(s.services).toEqual([]);
	});

	it('reports (not silently drops) a known object without a name', () => {
		const s = snapshotFromYaml('apiVersion: v1\nkind: Service\nmetadata: {namespace: x}\n', 'broken.yaml');
		expect(s.services).toEqual([]);
		expect(s.skipped).toEqual([{ origin: 'broken.yaml', kind: 'Service', name: '', reason: 'it has no metadata.name' }]);
	});

	it('reports documents that are not objects, such as a List of numbers', () => {
		const s = snapshotFromYaml('kind: List\nitems: [1, 2]\n', 'numbers.yaml');
		expect(s.skipped).toHaveLength(2);
		expect(s.skipped[0]?.reason).toBe('not a Kubernetes object');
	});

	it('keeps the first of two identical objects and says the second was skipped', () => {
		const s = snapshotFromYaml(`${service('a')}---\n${service('a')}`);
		expect(s.services).toHaveLength(1);
		expect(s.skipped[0]?.reason).toMatch(/read twice/);
	});

	it('reads CRLF files and a byte-order mark', () => {
		const s = snapshotFromYaml(`\uFEFF${service('crlf').replace(/\n/g, '\r\n')}`);
		expect(s.services[0]?.name).toBe('crlf');
		expect(s.services[0]?.ports[0]?.targetPort).toBe(8080);
	});

	it('treats an empty file as no objects', () => {
		expect(parseDocuments('', 'empty.yaml')).toEqual([]);
		expect(parseDocuments('   \n\n', 'blank.yaml')).toEqual([]);
	});

	it('skips YAML null documents and comment-only documents', () => {
		const s = snapshotFromYaml(`# header\n---\n${service('a')}---\n# trailing\n`);
		expect(s.services).toHaveLength(1);
		expect(s.skipped).toEqual([]);
	});

	it('reads the kube-proxy ConfigMap into proxyConfig and ignores other ConfigMaps', () => {
		const s = snapshotFromYaml(`apiVersion: v1
kind: ConfigMap
metadata: {name: other, namespace: kube-system}
data: {config.conf: "mode: ipvs"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    mode: iptables
    clusterCIDR: 10.244.0.0/16
    iptables:
      masqueradeAll: true
      masqueradeBit: 14
`);
		expect(s.proxyConfig).toMatchObject({
			mode: 'iptables',
			clusterCIDR: '10.244.0.0/16',
			masqueradeAll: true,
			masqueradeBit: 14,
			source: 'ConfigMap kube-system/kube-proxy',
		});
	});
});

describe('file loader: malformed input', () => {
	function loadError(content: string | Buffer, name = 'bad.yaml'): string {
		const dir = tempDir();
		const file = path.join(dir, name);
		writeFileSync(file, content);
		try {
			loadFiles([file]);
		} catch (error) {
			expect(error).toBeInstanceOf(InputError);
			return (error as Error).message;
		}
		throw new Error('expected an InputError');
	}

	it('names the file and line of invalid YAML', () => {
		const message = loadError('kind: Service\nmetadata:\n  name: [unclosed\n');
		expect(message).toMatch(/bad\.yaml:\d+: invalid YAML/);
		expect(message.split('\n')).toHaveLength(1);
	});

	it('refuses a key repeated in one mapping, as kubectl does: two objects joined without ---', () => {
		const joined = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n';
		expect(loadError(joined)).toMatch(/bad\.yaml:5: invalid YAML: duplicated mapping key \(two objects without a --- line between them\?\)$/);
		// The same through the reader that counts aliases (a piece with both & and *).
		expect(loadError(`x: &a 1\ny: *a\n${joined}`)).toMatch(/bad\.yaml:\d+: invalid YAML: .*(unique|duplicated)/i);
	});

	it('a key repeated deeper in an object keeps its last value (spring-petclinic-cloud says resources twice)', () => {
		const dir = tempDir();
		const file = path.join(dir, 'deploy.yaml');
		const container = (extra: string) =>
			`apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop${extra}}\nspec:\n  containers:\n  - name: c\n    resources: {}\n    ports: [{containerPort: 80}]\n    resources: {limits: {cpu: 1}}\n`;
		writeFileSync(file, container(''));
		expect(loadFiles([file]).pods.map((p) => p.containers[0]!.ports[0]!.containerPort)).toEqual([80]);
		// The same through the reader that counts aliases.
		writeFileSync(file, container(', labels: &l {app: c}, annotations: *l'));
		expect(loadFiles([file]).pods).toHaveLength(1);
	});

	it('names the file of broken JSON', () => {
		const message = loadError('{"kind": "Service", "metadata": ', 'bad.json');
		expect(message).toMatch(/^.*bad\.json(:\d+)?: /);
		expect(message.split('\n')).toHaveLength(1);
	});

	it('refuses binary files', () => {
		expect(loadError(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'image.yaml')).toMatch(/image\.yaml: binary data/);
	});

	it('refuses a YAML alias bomb instead of expanding it', () => {
		const bomb = [
			'a: &a ["x","x","x","x","x","x","x","x","x"]',
			'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
			'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
			'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
			'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
			'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
		].join('\n');
		expect(loadError(bomb)).toMatch(/too many YAML aliases/);
	});

	it('names a missing path', () => {
		expect(() => loadFiles(['/nonexistent/kubewire.yaml'])).toThrow('/nonexistent/kubewire.yaml: no such file or directory');
	});
});

describe('file loader: a kustomize directory', () => {
	it('names the kustomization and how to check what it applies, instead of "it has no kind"', () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'kustomization.yml'), 'resources:\n- svc.yaml\nnamePrefix: prod-\n');
		writeFileSync(path.join(dir, 'svc.yaml'), service('web'));
		const snapshot = loadFiles([dir]);
		expect(snapshot.services.map((s) => s.name)).toEqual(['web']);
		expect(snapshot.skipped).toEqual([
			{ origin: path.join(dir, 'kustomization.yml'), kind: 'Kustomization', name: '', reason: expect.stringContaining(`kubectl kustomize ${dir} | kubewire check --fixtures -`) },
		]);
		expect(snapshot.unusedKinds).toBeUndefined();
	});

	it('a Flux Kustomization is a custom resource, counted as not used', () => {
		const flux = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\nspec: {path: ./apps, interval: 10m}\n';
		const dir = tempDir();
		writeFileSync(path.join(dir, 'kustomization.yaml'), flux);
		const snapshot = loadFiles([dir]);
		expect(snapshot.skipped).toEqual([]);
		expect(snapshot.unusedKinds).toEqual({ Kustomization: 1 });
	});
});
