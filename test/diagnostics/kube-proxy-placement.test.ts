/**
 * Where kube-proxy's DaemonSet places its pods: a node its nodeSelector or required node affinity
 * leaves out (Windows, EKS Fargate) is not asked for a kube-proxy pod (KW801), and a DaemonSet
 * placed on no node while a replacement runs (Calico's eBPF dataplane) means kube-proxy is absent.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { kubeProxyPresence, kubeProxyStateOn } from '../../source/model/kube-proxy.js';
import { kubeProxyNodeLine } from '../../source/report/kube-proxy-presence.js';
import { codesOf, findingsOf, snapshotOf } from './support.js';

const file = (name: string) => fileURLToPath(new URL(`../fixtures/kube-proxy/${name}`, import.meta.url));
const kw801 = (s: Snapshot) => codesOf(findingsOf(s)).filter((c) => c.startsWith('KW801'));
const ec2 = 'ip-192-168-1-10.us-west-2.compute.internal';
const arm = 'ip-192-168-2-11.us-west-2.compute.internal';
const fargate = 'fargate-ip-192-168-3-4.us-west-2.compute.internal';
const windows = 'ip-192-168-4-20.us-west-2.compute.internal';

describe('EKS: the add-on leaves Fargate and Windows nodes out', () => {
	it('healthy: no KW801 on the nodes its affinity leaves out', () => {
		const snapshot = loadFiles([file('eks-placement.yaml')]);
		expect(kw801(snapshot)).toEqual([]);
		const presence = kubeProxyPresence(snapshot);
		expect(presence.state).toBe('runs');
		expect([...presence.notPlaced].sort()).toEqual([fargate, windows]);
		expect(kubeProxyStateOn(presence, fargate)).toBe('not-placed');
		expect(kubeProxyStateOn(presence, ec2)).toBe('ready');
		expect(presence.placement).toContain('eks.amazonaws.com/compute-type NotIn fargate,auto,hybrid');
	});

	it('broken twin: an EC2 node it does place on, without its pod, is KW801', () => {
		const snapshot = loadFiles([file('eks-placement.yaml')]);
		snapshot.pods = snapshot.pods.filter((p) => p.nodeName !== arm);
		expect(kw801(snapshot)).toEqual([`KW801 Node /${arm}`]);
	});

	it('a kube-proxy pod on a left-out node counts: it is placed there', () => {
		const snapshot = loadFiles([file('eks-placement.yaml')]);
		const stray = { ...snapshot.pods[0]!, name: 'kube-proxy-zz9zz', nodeName: fargate, ready: false, phase: 'Pending' };
		snapshot.pods.push(stray);
		expect(kw801(snapshot)).toEqual([`KW801 Node /${fargate}`]);
	});

	it('a Node given without labels is not judged left out', () => {
		const snapshot = loadFiles([file('eks-placement.yaml')]);
		for (const n of snapshot.nodes) n.labels = {};
		snapshot.pods = snapshot.pods.filter((p) => p.nodeName !== arm);
		expect(kw801(snapshot)).toEqual([fargate, arm, windows].sort().map((n) => `KW801 Node /${n}`));
	});
});

describe("Calico's eBPF dataplane: kube-proxy's DaemonSet placed on no node", () => {
	it('is absent, naming the nodeSelector and the replacement', () => {
		const presence = kubeProxyPresence(loadFiles([file('calico-ebpf.yaml')]));
		expect(presence.state).toBe('absent');
		expect(presence.evidence).toContain('non-calico=true');
		expect(presence.evidence).toContain("Calico's eBPF dataplane");
	});

	it('without a visible replacement it is not concluded absent, and no KW801 is drawn from no pods', () => {
		const snapshot = loadFiles([file('calico-ebpf.yaml')]);
		snapshot.daemonSets = snapshot.daemonSets.filter((d) => d.name !== 'calico-node');
		snapshot.pods = [];
		const presence = kubeProxyPresence(snapshot);
		expect(presence.state).toBe('runs');
		expect(kubeProxyStateOn(presence, 'node-a')).toBe('not-placed');
		expect(kw801(snapshot)).toEqual([]);
	});
});

describe("GKE: kube-proxy as a static pod per node (labels component=kube-proxy, tier=node)", () => {
	const staticPod = (node: string, ready: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: kube-proxy-${node}
  namespace: kube-system
  labels: {component: kube-proxy, tier: node}
  annotations: {kubernetes.io/config.source: file}
  ownerReferences: [{apiVersion: v1, kind: Node, name: ${node}, uid: node-${node}, controller: true}]
spec:
  nodeName: ${node}
  hostNetwork: true
  containers: [{name: kube-proxy, image: "gke.gcr.io/kube-proxy-amd64:v1.33.5-gke.1201000", command: [/bin/sh, -c, "exec kube-proxy --kubeconfig=/var/lib/kube-proxy/kubeconfig --cluster-cidr=10.8.0.0/14 --oom-score-adj=-998 --v=2 1>>/var/log/kube-proxy.log 2>&1"]}]
status: {phase: Running, conditions: [{type: Ready, status: "${ready ? 'True' : 'False'}"}]}
---
`;
	const node = (name: string) => `apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: {kubernetes.io/os: linux}}
status: {conditions: [{type: Ready, status: "True"}]}
---
`;
	const nodes = node('gke-prod-pool-1a2b-x1y2') + node('gke-prod-pool-1a2b-z3w4');

	it('runs, and KW801 judges each node by its own static pod', () => {
		const healthy = snapshotOf(nodes + staticPod('gke-prod-pool-1a2b-x1y2', true) + staticPod('gke-prod-pool-1a2b-z3w4', true));
		expect(kubeProxyPresence(healthy).state).toBe('runs');
		expect(kw801(healthy)).toEqual([]);
		const broken = snapshotOf(nodes + staticPod('gke-prod-pool-1a2b-x1y2', true) + staticPod('gke-prod-pool-1a2b-z3w4', false));
		expect(kw801(broken)).toEqual(['KW801 Node /gke-prod-pool-1a2b-z3w4']);
	});

	it("a Linux node without its static pod gets KW801 whose fix points at the node's manifest and kubelet, with the pods' own label", () => {
		const third = node('gke-prod-pool-1a2b-q5r6');
		const findings = findingsOf(snapshotOf(nodes + third + staticPod('gke-prod-pool-1a2b-x1y2', true) + staticPod('gke-prod-pool-1a2b-z3w4', true))).filter((f) => f.code === 'KW801');
		expect(findings.map((f) => f.name)).toEqual(['gke-prod-pool-1a2b-q5r6']);
		expect(findings[0]!.hint).toBe(
			'kube-proxy runs here as static pods (no DaemonSet in the input): check its manifest on gke-prod-pool-1a2b-q5r6 (/etc/kubernetes/manifests) and the kubelet there: kubectl -n kube-system get ds,pods -l component=kube-proxy -o wide',
		);
	});

	it('a Windows node runs no static kube-proxy pod (its kube-proxy is a host service): no KW801 there', () => {
		const windows = `apiVersion: v1
kind: Node
metadata: {name: gke-prod-win-pool-9z8y, labels: {kubernetes.io/os: windows}}
status: {conditions: [{type: Ready, status: "True"}]}
---
`;
		const snapshot = snapshotOf(nodes + windows + staticPod('gke-prod-pool-1a2b-x1y2', true) + staticPod('gke-prod-pool-1a2b-z3w4', true));
		expect(kw801(snapshot)).toEqual([]);
		const presence = kubeProxyPresence(snapshot);
		expect(kubeProxyStateOn(presence, 'gke-prod-win-pool-9z8y')).toBe('not-placed');
		expect(kubeProxyNodeLine(presence, 'gke-prod-win-pool-9z8y')).toBe(
			'kube-proxy (pod kube-system/kube-proxy-gke-prod-pool-1a2b-x1y2) has no pod on node gke-prod-win-pool-9z8y by design (static pods, which Windows nodes do not run): these rules are what it would write there, not rules it wrote',
		);
	});
});
