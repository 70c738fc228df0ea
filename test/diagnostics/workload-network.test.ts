/**
 * KW107–KW110, KW405–KW407, KW409, KW801 beyond their fixtures: what each judges only when the
 * input shows it (manifests carry no status; what RBAC forbids was not read), and whether the
 * cluster runs kube-proxy, which the iptables and nftables views and KW801 ask.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDocument, parseDocuments } from '../../source/cluster/files.js';
import { emptySnapshot, type Snapshot, type Unreadable } from '../../source/cluster/snapshot.js';
import { kubeProxyPresence } from '../../source/model/kube-proxy.js';
import { codesOf, findingsOf, fixture, fixturesDir, snapshotOf } from './support.js';

const mine = ['KW107', 'KW108', 'KW109', 'KW110', 'KW405', 'KW406', 'KW407', 'KW409', 'KW801'];
const ownCodes = (s: Snapshot) => codesOf(findingsOf(s)).filter((c) => mine.includes(c.slice(0, 5)));

/** The fixture as manifests: every object without its status, and no EndpointSlices (controllers write those). */
function asManifests(code: string): Snapshot {
	const snapshot = emptySnapshot({ kind: 'files', description: 'manifests' }, '2026-01-01T00:00:00.000Z');
	const file = `${fixturesDir}${code}/broken.yaml`;
	for (const doc of parseDocuments(readFileSync(file, 'utf8'), file)) {
		const object = doc as Record<string, unknown>;
		if (object['kind'] === 'EndpointSlice' || object['kind'] === 'Endpoints') continue;
		delete object['status'];
		addDocument(snapshot, object, file);
	}
	return snapshot;
}

function withUnreadable(snapshot: Snapshot, ...unreadable: Unreadable[]): Snapshot {
	return { ...snapshot, unreadable: [...snapshot.unreadable, ...unreadable] };
}

const forbidden = (resource: string, namespace = ''): Unreadable => ({ resource, namespace, reason: 'forbidden' });

describe('manifests (no status): only the codes that need none apply', () => {
	it.each(['KW109', 'KW110', 'KW406', 'KW407'])('%s is raised on manifests as on a capture', (code) => {
		const captured = ownCodes(fixture(code, 'broken'));
		expect(captured.some((c) => c.startsWith(code))).toBe(true);
		expect(ownCodes(asManifests(code))).toEqual(captured);
	});

	it.each(['KW107', 'KW108', 'KW405', 'KW409', 'KW801'])('%s needs status and raises nothing on manifests', (code) => {
		expect(ownCodes(asManifests(code))).toEqual([]);
	});

	it('planned pods (made from a template, no status) count for KW110 and for nothing that needs status', () => {
		const snapshot = fixture('KW110', 'broken');
		for (const pod of snapshot.pods) Object.assign(pod, { planned: true, hasStatus: false, ready: false, phase: '', conditions: [] });
		expect(ownCodes(snapshot)).toEqual(['KW110 Service logging/shipper']);
		const peers = fixture('KW108', 'broken');
		for (const pod of peers.pods) Object.assign(pod, { planned: true, hasStatus: false });
		expect(ownCodes(peers)).toEqual([]);
	});
});

describe('what could not be read raises nothing', () => {
	it('pods forbidden in the namespace: no readiness gate, peer, hostNetwork or internal-Local finding', () => {
		expect(ownCodes(withUnreadable(fixture('KW107', 'broken'), forbidden('pods', 'shop')))).toEqual([]);
		expect(ownCodes(withUnreadable(fixture('KW108', 'broken'), forbidden('pods', 'store')))).toEqual([]);
		expect(ownCodes(withUnreadable(fixture('KW110', 'broken'), forbidden('pods', 'logging')))).toEqual([]);
		expect(ownCodes(withUnreadable(fixture('KW409', 'broken'), forbidden('pods', 'observability')))).toEqual([]);
	});

	it('StatefulSets forbidden: KW108 does not guess which Service governs them', () => {
		expect(ownCodes(withUnreadable(fixture('KW108', 'broken'), forbidden('statefulsets', 'store')))).toEqual([]);
	});

	it('KW109 on a one-replica StatefulSet behind a ClusterIP Service is a warning (clients of the Service name work), an error with peers', () => {
		const yaml = (replicas: number) =>
			`apiVersion: v1\nkind: Service\nmetadata: {name: accounts-db, namespace: bank}\nspec: {selector: {app: accounts-db}, ports: [{port: 5432}]}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: accounts-db, namespace: bank}\nspec:\n  serviceName: accounts-db\n  replicas: ${replicas}\n  selector: {matchLabels: {app: accounts-db}}\n  template:\n    metadata: {labels: {app: accounts-db}}\n    spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}\n`;
		const one = findingsOf(snapshotOf(yaml(1))).filter((f) => f.code === 'KW109');
		expect(one.map((f) => f.severity)).toEqual(['warning']);
		expect(one[0]!.message).toContain('with one replica, clients that use the Service name are not affected');
		expect(findingsOf(snapshotOf(yaml(3))).filter((f) => f.code === 'KW109').map((f) => f.severity)).toEqual(['error']);
	});

	it('Services forbidden in the namespace: KW109 does not say the serviceName names nothing', () => {
		expect(ownCodes(withUnreadable(fixture('KW109', 'broken'), forbidden('services', 'data')))).toEqual([]);
	});

	it('EndpointSlices forbidden: KW405 does not count families it could not see', () => {
		expect(ownCodes(withUnreadable(fixture('KW405', 'broken'), forbidden('endpointslices', 'shop')))).toEqual([]);
	});

	it('nodes or kube-system pods forbidden: no KW801', () => {
		expect(ownCodes(withUnreadable(fixture('KW801', 'broken'), forbidden('nodes')))).toEqual([]);
		expect(ownCodes(withUnreadable(fixture('KW801', 'broken'), forbidden('pods', 'kube-system')))).toEqual([]);
	});

	it('no KW801 without the nodes, or with kube-proxy seen only as a DaemonSet', () => {
		const noNodes = fixture('KW801', 'broken');
		noNodes.nodes = [];
		expect(ownCodes(noNodes)).toEqual([]);
		const dsOnly = fixture('KW801', 'broken');
		dsOnly.pods = [];
		expect(ownCodes(dsOnly)).toEqual([]);
	});
});

describe('KW406 and KW407: the newer Service gets the finding', () => {
	it('without creation times, the one later by namespace/name does, and says how it chose', () => {
		const snapshot = fixture('KW407', 'broken');
		for (const s of snapshot.services) s.creationTimestamp = '';
		const found = findingsOf(snapshot).filter((f) => f.code === 'KW407');
		expect(found.map((f) => `${f.namespace}/${f.name}`)).toEqual(['shop/orders']);
		expect(found[0]!.message).toContain('the input gives no creation times');
	});

	it('a dual-stack pair sharing both addresses is one finding, not two', () => {
		const snapshot = fixture('KW407', 'broken');
		for (const s of snapshot.services.filter((x) => x.name === 'billing' || x.name === 'orders')) {
			s.clusterIPs = ['10.96.20.15', 'fd00:10:96::15'];
			s.ipFamilies = ['IPv4', 'IPv6'];
		}
		expect(ownCodes(snapshot).filter((c) => c.startsWith('KW407'))).toEqual(['KW407 Service shop/orders']);
	});
});

describe('KW405 on a headless Service', () => {
	it('speaks of DNS records, not of a ClusterIP', () => {
		const snapshot = fixture('KW405', 'broken');
		const svc = snapshot.services[0]!;
		Object.assign(svc, { clusterIP: 'None', clusterIPs: ['None'] });
		const found = findingsOf(snapshot).filter((f) => f.code === 'KW405');
		expect(found).toHaveLength(1);
		expect(found[0]!.message).toContain('no AAAA records');
		expect(found[0]!.message).not.toContain('ClusterIP');
	});
});

describe('kubeProxyPresence', () => {
	function cluster(yaml: string, unreadable: Unreadable[] = []): Snapshot {
		const snapshot = emptySnapshot({ kind: 'files', description: 'test' }, '2026-01-01T00:00:00.000Z');
		for (const doc of parseDocuments(yaml, 'test.yaml')) addDocument(snapshot, doc, 'test.yaml');
		snapshot.unreadable.push(...unreadable);
		return snapshot;
	}
	const cilium = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: cilium}}
  template:
    metadata: {labels: {k8s-app: cilium}}
    spec:
      containers: [{name: cilium-agent, image: "quay.io/cilium/cilium:v1.18.2", command: [cilium-agent], args: [--config-dir=/tmp/cilium/config-map]}]
`;

	it('runs: the kube-proxy DaemonSet or its pods are in kube-system', () => {
		const presence = kubeProxyPresence(fixture('KW801', 'broken'));
		expect(presence.state).toBe('runs');
		expect(presence.evidence).toBe('DaemonSet kube-system/kube-proxy');
		expect(presence.pods.map((p) => p.name)).toEqual(['kube-proxy-a9x2c', 'kube-proxy-b4k7m']);
	});

	it('absent: a replacement runs and kube-system shows no kube-proxy', () => {
		const presence = kubeProxyPresence(cluster(cilium));
		expect(presence.state).toBe('absent');
		expect(presence.evidence).toContain('DaemonSet kube-system/cilium');
		expect(presence.evidence).toContain('Cilium replaces kube-proxy');
	});

	it('runs when Cilium runs beside kube-proxy (no replacement)', () => {
		const both = cluster(cilium + '---\n' + readFileSync(`${fixturesDir}KW801/healthy.yaml`, 'utf8'));
		expect(kubeProxyPresence(both).state).toBe('runs');
	});

	it('unknown: nothing shows either, or kube-system could not be read', () => {
		expect(kubeProxyPresence(fixture('KW110', 'broken')).state).toBe('unknown');
		expect(kubeProxyPresence(cluster(cilium, [forbidden('pods', 'kube-system')])).state).toBe('unknown');
		expect(kubeProxyPresence(cluster(cilium, [forbidden('daemonsets')])).state).toBe('unknown');
	});

	it('kube-router proxies Services unless --run-service-proxy=false (its default is true)', () => {
		const router = (flag: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-router, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-router}}
  template:
    metadata: {labels: {k8s-app: kube-router}}
    spec:
      containers: [{name: kube-router, image: "docker.io/cloudnativelabs/kube-router:v2.5.0", args: [--run-router=true, ${flag}]}]
`;
		expect(kubeProxyPresence(cluster(router('--run-service-proxy=true'))).state).toBe('absent');
		expect(kubeProxyPresence(cluster(router('--run-service-proxy=false'))).state).toBe('unknown');
		expect(kubeProxyPresence(cluster(router('--run-firewall=true'))).state).toBe('absent');
	});
});
