/**
 * kube-proxy's command line: without --config its flags are its settings (GKE's static pods, older
 * hand-made DaemonSets, AKS); with --config every other settings flag is ignored by kube-proxy
 * (cmd/kube-proxy/app/options.go, kubernetes/kubernetes#107156), so the ConfigMap speaks.
 */
import { describe, expect, it } from 'vitest';
import { kubeProxyCommandLine } from '../../source/model/kube-proxy-flags.js';
import { proxySettingsFor } from '../../source/model/iptables/settings.js';
import { kubeProxyPresence } from '../../source/model/kube-proxy.js';
import { analyze } from '../../source/model/analyze.js';
import { snapshotOf } from '../diagnostics/support.js';

const daemonSet = (command: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-proxy, namespace: kube-system, labels: {k8s-app: kube-proxy}}
spec:
  selector: {matchLabels: {k8s-app: kube-proxy}}
  template:
    metadata: {labels: {k8s-app: kube-proxy}}
    spec:
      hostNetwork: true
      containers: [{name: kube-proxy, image: "registry.k8s.io/kube-proxy:v1.34.1", command: ${command}}]
---
`;
const configMap = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |-
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    mode: "${mode}"
    clusterCIDR: 10.244.0.0/16
---
`;
const node = `apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {kubernetes.io/os: linux}}
status: {conditions: [{type: Ready, status: "True"}], addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
`;
const codes = (yaml: string) => analyze(snapshotOf(yaml), {}).findings.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`);

describe('the command line', () => {
	it('reads the flags of a DaemonSet without --config, in either form', () => {
		const s = snapshotOf(daemonSet('[/usr/local/bin/kube-proxy, --proxy-mode=nftables, --cluster-cidr, 10.244.0.0/16, --masquerade-all, --nodeport-addresses=primary, --iptables-masquerade-bit=15]'));
		const line = kubeProxyPresence(s).commandLine;
		expect(line).toMatchObject({ from: 'DaemonSet kube-system/kube-proxy', usesConfigFile: false, ignored: [] });
		expect(line?.flags).toEqual({
			source: 'flags of DaemonSet kube-system/kube-proxy',
			mode: 'nftables',
			clusterCIDR: '10.244.0.0/16',
			masqueradeAll: true,
			nftablesMasqueradeAll: true,
			masqueradeBit: 15,
			nodePortAddresses: ['primary'],
		});
	});

	it("reads GKE's `sh -c \"exec kube-proxy …\"` static pod", () => {
		const pod = snapshotOf(`apiVersion: v1
kind: Pod
metadata: {name: kube-proxy-gke-a-pool-1a2b-x1y2, namespace: kube-system, labels: {component: kube-proxy, tier: node}}
spec:
  nodeName: gke-a-pool-1a2b-x1y2
  containers: [{name: kube-proxy, image: "gke.gcr.io/kube-proxy-amd64:v1.33.5-gke.1201000", command: [/bin/sh, -c, "exec kube-proxy --kubeconfig=/var/lib/kube-proxy/kubeconfig --cluster-cidr=10.8.0.0/14 --oom-score-adj=-998 --v=2 --detect-local-mode=NodeCIDR 1>>/var/log/kube-proxy.log 2>&1"]}]
`).pods;
		expect(kubeProxyCommandLine(undefined, pod)?.flags).toEqual({
			source: 'flags of pod kube-system/kube-proxy-gke-a-pool-1a2b-x1y2',
			clusterCIDR: '10.8.0.0/14',
			detectLocalMode: 'NodeCIDR',
		});
	});

	it('with --config, the other settings flags are ignored and listed as such', () => {
		const s = snapshotOf(daemonSet('[/usr/local/bin/kube-proxy, --config=/var/lib/kube-proxy/config.conf, --proxy-mode=ipvs, --hostname-override=$(NODE_NAME)]') + configMap(''));
		expect(kubeProxyPresence(s).commandLine).toEqual({
			from: 'DaemonSet kube-system/kube-proxy',
			subject: { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' },
			usesConfigFile: true,
			ignored: ['--proxy-mode=ipvs'],
		});
		const resolved = proxySettingsFor(s, { node: 'node-a' });
		expect(resolved.settings.mode).toBe('iptables');
		expect(resolved.notes.join('\n')).toContain('DaemonSet kube-system/kube-proxy gives --proxy-mode=ipvs beside --config: kube-proxy ignores settings flags when given a config file');
	});
});

describe('the settings and KW803 follow the command line', () => {
	it('without --config, a ConfigMap in the input is not what kube-proxy runs with', () => {
		const s = snapshotOf(node + daemonSet('[/usr/local/bin/kube-proxy, --proxy-mode=nftables, --cluster-cidr=10.244.0.0/16]') + configMap('ipvs'));
		const resolved = proxySettingsFor(s, { node: 'node-a' });
		expect(resolved.settings.mode).toBe('nftables');
		expect(resolved.modeSource).toBe('flags of DaemonSet kube-system/kube-proxy');
		expect(resolved.notes).toContain('ConfigMap kube-system/kube-proxy is not used: DaemonSet kube-system/kube-proxy starts kube-proxy without --config');
		expect(codes(node + daemonSet('[/usr/local/bin/kube-proxy, --proxy-mode=nftables]') + configMap('ipvs'))).toEqual([]);
	});

	it('broken twin: --proxy-mode=ipvs on the DaemonSet is KW803 on it', () => {
		expect(codes(node + daemonSet('[/usr/local/bin/kube-proxy, --proxy-mode=ipvs, --cluster-cidr=10.244.0.0/16]'))).toEqual(['KW803 DaemonSet kube-system/kube-proxy']);
		expect(codes(node + daemonSet('[/usr/local/bin/kube-proxy, --config=/var/lib/kube-proxy/config.conf, --proxy-mode=ipvs]') + configMap('iptables'))).toEqual([]);
	});
});

describe('k3s: kube-proxy inside the k3s process, its settings in the Nodes\' k3s.io/node-args', () => {
	const k3sNode = (args: string[]) => `apiVersion: v1
kind: Node
metadata:
  name: k3s-server-1
  labels: {kubernetes.io/os: linux, node.kubernetes.io/instance-type: k3s}
  annotations: {k3s.io/node-args: '${JSON.stringify(args)}'}
status: {conditions: [{type: Ready, status: "True"}], addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
`;
	const system = `apiVersion: v1
kind: Pod
metadata: {name: coredns-7b98449c4-abcde, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {nodeName: k3s-server-1, containers: [{name: coredns, image: "rancher/mirrored-coredns-coredns:1.12.0"}]}
status: {phase: Running, podIP: 10.42.0.3, conditions: [{type: Ready, status: "True"}]}
---
`;

	it('runs (no pod, so no KW801), with the server\'s --cluster-cidr and --kube-proxy-arg as its flags', () => {
		const s = snapshotOf(k3sNode(['server', '--cluster-cidr', '10.42.0.0/16', '--kube-proxy-arg', 'proxy-mode=nftables', '--kube-proxy-arg=masquerade-all=true']) + system);
		const presence = kubeProxyPresence(s);
		expect(presence).toMatchObject({ state: 'runs', evidence: "inside k3s (Node k3s-server-1's k3s.io/node-args)" });
		expect(presence.commandLine?.flags).toEqual({
			source: 'k3s.io/node-args of Node k3s-server-1',
			mode: 'nftables',
			clusterCIDR: '10.42.0.0/16',
			masqueradeAll: true,
			nftablesMasqueradeAll: true,
		});
		expect(codes(k3sNode(['server']) + system)).toEqual([]);
	});

	it('broken twin: --kube-proxy-arg proxy-mode=ipvs is KW803 on the Node', () => {
		expect(codes(k3sNode(['server', '--kube-proxy-arg', 'proxy-mode=ipvs']) + system)).toEqual(['KW803 Node /k3s-server-1']);
	});

	it('--disable-kube-proxy: the cluster runs no kube-proxy', () => {
		const presence = kubeProxyPresence(snapshotOf(k3sNode(['server', '--flannel-backend', 'none', '--disable-kube-proxy']) + system));
		expect(presence.state).toBe('absent');
		expect(presence.evidence).toBe("k3s runs with --disable-kube-proxy (Node k3s-server-1's k3s.io/node-args)");
	});
});
