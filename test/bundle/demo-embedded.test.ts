/**
 * loadDemo() reads the demo from the texts the bundler embedded when there are any, and from
 * demo-fixtures/ on disk otherwise, through the same parser and with the same file names, so a
 * bundle shows the same demo as the installed package.
 */
import { describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadDemo } from '../../source/cluster/demo.js';
import type { EmbeddedFile } from '../../source/cluster/demo-embedded.js';
import { loadFiles } from '../../source/cluster/files.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';

const embedded = vi.hoisted(() => ({ files: undefined as readonly EmbeddedFile[] | undefined }));

vi.mock('../../source/cluster/demo-embedded.js', () => ({
	get embeddedDemoFiles() {
		return embedded.files;
	},
}));

const web = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: Pod
metadata: { name: web-1, namespace: shop, labels: { app: web } }
spec: { nodeName: worker-1, containers: [{ name: web, image: web, ports: [{ containerPort: 8080 }] }] }
status: { podIP: 10.244.1.5 }
`;

const webAgain = `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"clusterIP": "10.96.0.99"}}`;

function withEmbedded<T>(files: readonly EmbeddedFile[] | undefined, body: () => T): T {
	embedded.files = files;
	try {
		return body();
	} finally {
		embedded.files = undefined;
	}
}

/**
 * The objects of a snapshot, without the moment it was taken and without where each came from
 * (the file loader names files by absolute path, the demo by `demo-fixtures/…`).
 */
function objectsOf(snapshot: Snapshot): unknown {
	const { takenAt: _takenAt, skipped: _skipped, origin: _origin, ...objects } = snapshot;
	return JSON.parse(JSON.stringify(objects, (key, value: unknown) => (key === 'origin' || key === 'source' ? undefined : value)));
}

describe('loadDemo', () => {
	it('uses the embedded fixture texts when the bundle carries them', () => {
		const snapshot = withEmbedded([{ path: 'demo-fixtures/web.yaml', text: web }], loadDemo);
		expect(snapshot.origin.kind).toBe('demo');
		expect(snapshot.services.map((service) => `${service.namespace}/${service.name}`)).toEqual(['shop/web']);
		expect(snapshot.pods.map((pod) => pod.name)).toEqual(['web-1']);
	});

	it('reads embedded files in order, keeping the later copy of an object as the file loader does', () => {
		const snapshot = withEmbedded(
			[
				{ path: 'demo-fixtures/a/web.yaml', text: web },
				{ path: 'demo-fixtures/b/web.json', text: webAgain },
			],
			loadDemo,
		);
		expect(snapshot.services).toHaveLength(1);
		expect(snapshot.services[0]?.clusterIP).toBe('10.96.0.99');
		expect(snapshot.skipped.map((skip) => skip.name)).toContain('shop/web');
	});

	it('names a broken embedded file by its path under demo-fixtures/', () => {
		const broken = [{ path: 'demo-fixtures/broken.yaml', text: 'kind: Service\nmetadata: [unclosed\n' }];
		expect(() => withEmbedded(broken, loadDemo)).toThrow(/^demo-fixtures\/broken\.yaml/);
	});

	it('without embedded texts reads demo-fixtures/ on disk: the same objects as loading that folder', () => {
		const demoDir = fileURLToPath(new URL('../../demo-fixtures/', import.meta.url));
		const fromDemo = withEmbedded(undefined, loadDemo);
		const fromFolder = loadFiles([demoDir], fromDemo.origin);
		expect(objectsOf(fromDemo)).toEqual(objectsOf(fromFolder));
	});
});
