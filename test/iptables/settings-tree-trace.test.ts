/**
 * Where kube-proxy's settings come from (flags > --proxy-config > ConfigMap > Node > defaults),
 * the per-port trees the TUI draws, and what trace says in words.
 */
import { describe, expect, it } from 'vitest';
import { chainTrees, proxySettingsFor, rulesFor, trace } from '../../source/model/iptables/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { loadCase, settingsOf } from './vector-case.js';

const cluster = `
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |
    mode: ipvs
    clusterCIDR: 10.244.0.0/16
    iptables: {masqueradeBit: 15}
---
apiVersion: v1
kind: Node
metadata: {name: worker-1, labels: {topology.kubernetes.io/zone: z1}}
spec: {podCIDR: 10.244.1.0/24}
status:
  addresses: [{type: InternalIP, address: 172.18.0.3}, {type: Hostname, address: worker-1}]
  conditions: [{type: Ready, status: "True"}]
---
apiVersion: v1
kind: Node
metadata: {name: worker-0}
status:
  addresses: [{type: InternalIP, address: 172.18.0.2}]
  conditions: [{type: Ready, status: "False"}]
`;

describe('proxy settings', () => {
	it('take the ConfigMap and the first Ready node, and say so', () => {
		const { settings, notes, modeNote } = proxySettingsFor(snapshotFromYaml(cluster));
		expect(settings.nodeName).toBe('worker-1');
		expect(settings.nodeIPs).toEqual(['172.18.0.3']);
		expect(settings.clusterCIDRs).toEqual(['10.244.0.0/16']);
		expect(settings.masqueradeBit).toBe(15);
		expect(settings.zone).toBe('z1');
		expect(settings.mode).toBe('ipvs');
		expect(modeNote).toMatch(/IPVS mode.*ConfigMap kube-system\/kube-proxy, KW803/);
		const text = notes.join('\n');
		expect(text).toContain('worker-1: the first Ready node');
		expect(text).toContain('cluster CIDR 10.244.0.0/16: from ConfigMap kube-system/kube-proxy');
		expect(text).toContain('masqueradeBit 15: from ConfigMap kube-system/kube-proxy');
		expect(text).toMatch(/kube-proxy defaults: masqueradeAll false, localhostNodePorts true/);
	});

	it('let a --proxy-config file beat the ConfigMap, and flags beat both', () => {
		const snapshot = snapshotFromYaml(cluster);
		const file = { source: 'kp.yaml', clusterCIDR: '10.0.0.0/8', masqueradeBit: 12, detectLocalMode: 'NodeCIDR' };
		const fromFile = proxySettingsFor(snapshot, { node: 'worker-1', proxyConfig: file });
		expect(fromFile.settings.masqueradeBit).toBe(12);
		expect(fromFile.settings.detectLocalMode).toBe('NodeCIDR');
		expect(fromFile.notes.join('\n')).toContain('podCIDR 10.244.1.0/24');
		const fromFlags = proxySettingsFor(snapshot, { node: 'worker-0', nodeIPs: ['192.168.9.9'], clusterCIDRs: ['10.9.0.0/16'], masqueradeAll: true, proxyConfig: file });
		expect(fromFlags.settings).toMatchObject({ nodeName: 'worker-0', nodeIPs: ['192.168.9.9'], clusterCIDRs: ['10.9.0.0/16'], detectLocalMode: 'ClusterCIDR', masqueradeAll: true });
	});

	// DESIGN.md: the ConfigMap is used when --proxy-config is not given. kube-proxy reads one
	// config.conf: what the file leaves out takes kube-proxy's default, not the ConfigMap's value.
	it('with a --proxy-config file, read nothing of the ConfigMap', () => {
		const { settings, notes } = proxySettingsFor(snapshotFromYaml(cluster), { node: 'worker-1', proxyConfig: { source: 'kp.yaml', masqueradeAll: true } });
		expect(settings.masqueradeAll).toBe(true);
		expect(settings.mode).toBe('iptables');
		expect(settings.masqueradeBit).toBe(14);
		expect(settings.clusterCIDRs).toEqual([]);
		expect(notes.join('\n')).not.toContain('ConfigMap');
	});

	// A view written for a mode the node does not run reads that mode's section: iptables mode
	// reads iptables.masqueradeAll, nftables mode nftables.masqueradeAll.
	it("read the section of the mode whose rules are written, not the node's", () => {
		const snapshot = snapshotFromYaml(cluster);
		const config = { source: 'kp.yaml', mode: 'nftables', masqueradeAll: true };
		expect(proxySettingsFor(snapshot, { node: 'worker-1', proxyConfig: config }).settings.masqueradeAll).toBe(false);
		expect(proxySettingsFor(snapshot, { node: 'worker-1', proxyConfig: config, rules: 'iptables' }).settings.masqueradeAll).toBe(true);
		const nft = { source: 'kp.yaml', mode: 'iptables', nftablesMasqueradeAll: true };
		expect(proxySettingsFor(snapshot, { node: 'worker-1', proxyConfig: nft, rules: 'nftables' }).settings.masqueradeAll).toBe(true);
	});

	it('run with no node at all and say what is missing', () => {
		const { settings, notes } = proxySettingsFor(snapshotFromYaml(''));
		expect(settings.nodeName).toBe('');
		expect(settings.family).toBe('IPv4');
		expect(notes.join('\n')).toMatch(/no endpoint counts as local/);
		expect(notes.join('\n')).toMatch(/give --node-ip/);
	});
});

describe('chain trees', () => {
	it('show each endpoint with its probability and its real share', () => {
		const c = loadCase('itp-cluster-3-endpoints');
		const [tree] = chainTrees(c.snapshot, 'ns1/svc1', settingsOf(c).settings);
		expect(tree!.port).toBe('ns1/svc1:80/TCP');
		expect(tree!.why).toBeUndefined();
		const svc = tree!.root.children[0]!.children[0]!;
		expect(svc.label).toBe('KUBE-SVC-AQI2S6QIMU7PVVRP');
		const seps = svc.children.filter((n) => n.label.startsWith('KUBE-SEP-'));
		expect(seps.map((n) => n.share)).toEqual(['33%', '33%', '33%']);
		expect(seps[0]!.detail).toContain('DNAT → 10.0.1.1:80');
		expect(seps[0]!.detail).toContain('probability 0.3333333333');
		expect(seps[1]!.detail).toContain('probability 0.5000000000');
		expect(seps[2]!.detail).toContain('the rest');
		expect(svc.children[0]!.label).toBe('KUBE-MARK-MASQ');
	});

	it('say in one line why a Service has no chain', () => {
		const c = loadCase('overall');
		const settings = settingsOf(c).settings;
		expect(chainTrees(c.snapshot, 'ns6/svc6', settings)[0]!.why).toBe('no ready endpoints: kube-proxy REJECTs traffic to 172.30.0.46:80');
		const headless = loadCase('headless-externalname');
		const trees = chainTrees(headless.snapshot, 'somewhere-else/headless', settingsOf(headless).settings);
		expect(trees[0]!.why).toMatch(/^headless Service/);
		expect(chainTrees(c.snapshot, 'ns1/nope', settings)).toEqual([]);
	});

	it('draw the local-only chain of externalTrafficPolicy Local and the LB firewall', () => {
		const c = loadCase('etp-local');
		const [tree] = chainTrees(c.snapshot, 'ns1/svc1', settingsOf(c).settings);
		const flat = JSON.stringify(tree);
		expect(flat).toContain('KUBE-SVL-XPGD46QRK7WJZT7O');
		expect(flat).toContain('KUBE-NODEPORTS :3001/tcp');
		expect(flat).toContain('health check node port');
		const overall = loadCase('overall');
		const fw = JSON.stringify(chainTrees(overall.snapshot, 'ns5/svc5', settingsOf(overall).settings));
		expect(fw).toContain('KUBE-FW-NUKIZ6OKUXPJNT4C');
		expect(fw).toContain('from 203.0.113.0/25');
	});
});

describe('trace in words', () => {
	const c = loadCase('overall');
	const ruleSet = rulesFor(c.snapshot, settingsOf(c).settings);

	it('names the Service without endpoints when it rejects', () => {
		const result = trace(ruleSet, { source: '10.0.0.2', destination: '172.30.0.46', port: 80, protocol: 'TCP' });
		expect(result).toMatchObject({ verdict: 'REJECT', targets: [], masquerade: false });
		expect(result.explanation).toMatch(/^rejected: ns6\/svc6:p80 has no endpoints/);
		expect(result.path.at(-1)).toMatchObject({ table: 'filter', chain: 'KUBE-SERVICES' });
	});

	it('explains the firewall drop and the wrong port', () => {
		const dropped = trace(ruleSet, { source: '198.51.100.1', destination: '5.6.7.8', port: 80, protocol: 'tcp' });
		expect(dropped.verdict).toBe('DROP');
		expect(dropped.explanation).toContain("not in ns5/svc5:p80's loadBalancerSourceRanges (203.0.113.0/25)");
		const wrongPort = trace(ruleSet, { source: '10.0.0.2', destination: '172.30.0.41', port: 443, protocol: 'tcp' });
		expect(wrongPort.verdict).toBe('NONE');
		expect(wrongPort.explanation).toContain('belongs to ns1/svc1, which has no port 443/tcp');
	});

	it('says why a packet is masqueraded, and accepts the health check port', () => {
		const fromOutside = trace(ruleSet, { source: '203.0.113.7', destination: '172.30.0.41', port: 80, protocol: 'tcp' });
		expect(fromOutside.masquerade).toBe(true);
		expect(fromOutside.explanation).toContain('does not come from the pod network');
		const health = trace(ruleSet, { source: '203.0.113.7', destination: '192.168.0.2', port: 30000, protocol: 'tcp' });
		expect(health.verdict).toBe('ACCEPT');
	});

	it('follows internalTrafficPolicy as kube-proxy\'s newest flow tests do', () => {
		for (const [name, targets] of [
			['itp-cluster-3-endpoints', ['10.0.1.1:80', '10.0.1.2:80', '10.0.1.3:80']],
			['itp-local', ['10.0.1.1:80']],
		] as const) {
			const v = loadCase(name);
			const result = trace(rulesFor(v.snapshot, settingsOf(v).settings), { source: '10.0.0.2', destination: '172.30.1.1', port: 80, protocol: 'tcp' });
			expect(result.targets).toEqual(targets);
			expect(result.masquerade).toBe(false);
		}
	});
});
