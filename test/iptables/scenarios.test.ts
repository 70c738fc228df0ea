/**
 * Behaviours beyond the golden cases, each checked on the rules kube-proxy would write: address
 * canonicalisation, large-cluster comment elision, IPv6, nodePortAddresses, masqueradeAll, no
 * local-traffic detector, internalTrafficPolicy Local without a local endpoint, firewall rules
 * for a node inside a source range, the terminating fallback and ipMode Proxy.
 */
import { describe, expect, it } from 'vitest';
import { iptablesSave, proxySettingsFor, rulesFor, trace, type ProxyOverrides } from '../../source/model/iptables/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const testKernel = { nfacct: false, randomFully: false, markStyle: 'short' as const };

function rules(yaml: string, overrides: ProxyOverrides = {}) {
	const snapshot = snapshotFromYaml(yaml);
	const { settings } = proxySettingsFor(snapshot, {
		node: 'node-a',
		nodeIPs: ['192.168.0.2'],
		clusterCIDRs: ['10.0.0.0/8'],
		kernel: testKernel,
		...overrides,
	});
	const ruleSet = rulesFor(snapshot, settings);
	return { ruleSet, text: iptablesSave(ruleSet), lines: iptablesSave(ruleSet).split('\n') };
}

function service(spec: string, name = 'web', ns = 'shop', status = ''): string {
	return `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}\n${status}---\n`;
}

function slice(endpoints: string, ports = '[{name: http, port: 8080, protocol: TCP}]', name = 'web', ns = 'shop', family = 'IPv4'): string {
	return `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: ${name}-x, namespace: ${ns}, labels: {kubernetes.io/service-name: ${name}}}\naddressType: ${family}\nports: ${ports}\nendpoints:\n${endpoints}\n---\n`;
}

const httpPort = '  ports: [{name: http, port: 80, protocol: TCP}]';

describe('kube-proxy rules in other settings', () => {
	it('prints every address canonically (sloppy leading zeros read as decimal)', () => {
		const { text } = rules(
			service(`  type: LoadBalancer\n  clusterIP: 172.30.0.041\n  externalIPs: [192.168.099.022]\n  loadBalancerSourceRanges: [" 203.0.113.000/025 "]\n  ports: [{name: http, port: 80, protocol: TCP, nodePort: 30080}]`, 'web', 'shop', 'status: {loadBalancer: {ingress: [{ip: 1.2.3.004}]}}\n') +
				slice('- addresses: [10.180.00.001]'),
		);
		expect(text).toContain('-d 172.30.0.41 --dport 80');
		expect(text).toContain('-d 192.168.99.22 --dport 80');
		expect(text).toContain('-d 1.2.3.4 --dport 80');
		expect(text).toContain('-s 203.0.113.0/25 -j KUBE-EXT-');
		expect(text).toContain('--to-destination 10.180.0.1:8080');
		expect(text).not.toMatch(/\.0\d/);
	});

	it('drops the endpoint comments above 1000 endpoints and keeps the others', () => {
		const endpoints = Array.from({ length: 1001 }, (_, i) => `- addresses: [10.1.${i >> 8}.${i & 255}]`).join('\n');
		const { ruleSet, lines } = rules(service(`  clusterIP: 172.30.0.10\n${httpPort}`) + slice(endpoints));
		expect(ruleSet.largeCluster).toBe(true);
		const sep = lines.filter((l) => l.startsWith('-A KUBE-SEP-'));
		expect(sep).toHaveLength(2002);
		expect(sep.every((l) => !l.includes('--comment'))).toBe(true);
		expect(lines).toContain(`${sep.find((l) => l.includes('10.1.0.0:8080'))!.split(' -m tcp')[0]} -m tcp -p tcp -j DNAT --to-destination 10.1.0.0:8080`);
		expect(lines.some((l) => l.startsWith('-A KUBE-SVC-') && l.includes('"shop/web:http cluster IP"'))).toBe(true);
		expect(lines.filter((l) => l.startsWith('-A KUBE-SVC-') && l.includes(' -> '))).toHaveLength(0);
	});

	it('writes the IPv6 variant: no localnet firewall, brackets in DNAT, ! -d ::1/128', () => {
		const { text } = rules(
			service(`  type: NodePort\n  clusterIP: fd00:10:96::a\n  ipFamilies: [IPv6]\n  clusterIPs: [fd00:10:96::a]\n  ports: [{name: http, port: 80, protocol: TCP, nodePort: 30080}]`) +
				slice('- addresses: ["fd00:10:244::5"]', undefined, 'web', 'shop', 'IPv6'),
			{ nodeIPs: ['2001:db8::2'], clusterCIDRs: ['fd00:10:244::/56'] },
		);
		expect(text).not.toContain('KUBE-FIREWALL');
		expect(text).toContain('-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS');
		expect(text).toContain('-s fd00:10:244::5 -j KUBE-MARK-MASQ');
		expect(text).toContain('--to-destination [fd00:10:244::5]:8080');
		expect(text).toContain('! -s fd00:10:244::/56 -j KUBE-MARK-MASQ');
	});

	it('limits NodePorts to nodePortAddresses and turns localhost NodePorts off without a loopback range', () => {
		const input = service(`  type: NodePort\n  clusterIP: 172.30.0.10\n  ports: [{name: http, port: 80, protocol: TCP, nodePort: 30080}]`) + slice('- addresses: [10.1.0.5]');
		const proxyConfig = { source: 'test', nodePortAddresses: ['192.168.0.0/24', '2001:db8::/64'] };
		const { text } = rules(input, { nodeIPs: ['192.168.0.2', '192.168.1.2'], proxyConfig, kernel: { ...testKernel, nfacct: true } });
		expect(text).toContain('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.0.2 -j KUBE-NODEPORTS');
		expect(text).not.toContain('-d 192.168.1.2 -j KUBE-NODEPORTS');
		expect(text).not.toContain('KUBE-FIREWALL');
		expect(text).not.toContain('localhost_nps_accepted_pkts');
		const withLoopback = rules(input, { proxyConfig: { source: 'test', nodePortAddresses: ['127.0.0.0/8', '192.168.0.0/24'] } }).text;
		expect(withLoopback).toContain('-d 127.0.0.1 -j KUBE-NODEPORTS');
		expect(withLoopback).toContain(':KUBE-FIREWALL - [0:0]');
	});

	it('masquerades every cluster-IP packet with masqueradeAll, and none without a detector', () => {
		const input = service(`  clusterIP: 172.30.0.10\n${httpPort}`) + slice('- addresses: [10.1.0.5]');
		const all = rules(input, { masqueradeAll: true }).text;
		expect(all).toMatch(/-A KUBE-SVC-\S+ -m comment --comment "shop\/web:http cluster IP" -m tcp -p tcp -d 172\.30\.0\.10 --dport 80 -j KUBE-MARK-MASQ/);
		const snapshot = snapshotFromYaml(input);
		const { settings, notes } = proxySettingsFor(snapshot, { node: 'node-a', kernel: testKernel });
		expect(settings.detectLocalMode).toBe('None');
		expect(notes.join('\n')).toContain('--cluster-cidr');
		const none = iptablesSave(rulesFor(snapshot, settings));
		expect(none).not.toContain('cluster IP" -m tcp -p tcp -d 172.30.0.10 --dport 80 !');
		expect(none.split('\n').filter((l) => l.startsWith('-A KUBE-SVC-'))).toHaveLength(1);
	});

	it('DROPs cluster-IP traffic with internalTrafficPolicy Local when no endpoint is on the node', () => {
		const { text, ruleSet } = rules(
			service(`  clusterIP: 172.30.1.1\n  internalTrafficPolicy: Local\n${httpPort}`) + slice('- addresses: [10.0.1.2]\n  nodeName: node-b'),
		);
		expect(text).toContain('-A KUBE-SERVICES -m comment --comment "shop/web:http has no local endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j DROP');
		expect(text).not.toContain('KUBE-SVL-');
		const result = trace(ruleSet, { source: '10.0.0.2', destination: '172.30.1.1', port: 80, protocol: 'tcp' });
		expect(result.verdict).toBe('DROP');
		expect(result.explanation).toContain('internalTrafficPolicy Local');
		expect(result.explanation).toContain('node-a');
	});

	it('lets the node in through the firewall via the VIP when a source range covers the node IP', () => {
		const { text } = rules(
			service(`  type: LoadBalancer\n  clusterIP: 172.30.0.10\n  loadBalancerSourceRanges: [192.168.0.0/16]\n  ports: [{name: http, port: 80, protocol: TCP, nodePort: 30080}]`, 'web', 'shop', 'status: {loadBalancer: {ingress: [{ip: 5.6.7.8}, {ip: 9.9.9.9, ipMode: Proxy}, {hostname: lb.example.com}]}}\n') +
				slice('- addresses: [10.1.0.5]'),
		);
		expect(text).toMatch(/-A KUBE-FW-\S+ -m comment --comment "shop\/web:http loadbalancer IP" -s 192\.168\.0\.0\/16 -j KUBE-EXT-/);
		expect(text).toMatch(/-A KUBE-FW-\S+ -m comment --comment "shop\/web:http loadbalancer IP" -s 5\.6\.7\.8 -j KUBE-EXT-/);
		expect(text).not.toContain('9.9.9.9');
	});

	it('falls back to serving terminating local endpoints with externalTrafficPolicy Local', () => {
		const { ruleSet, text } = rules(
			service(`  type: NodePort\n  clusterIP: 172.30.0.10\n  externalTrafficPolicy: Local\n  ports: [{name: http, port: 80, protocol: TCP, nodePort: 30080}]`) +
				slice(
					'- addresses: [10.1.0.5]\n  nodeName: node-a\n  conditions: {ready: false, serving: true, terminating: true}\n- addresses: [10.1.0.6]\n  nodeName: node-b',
				),
		);
		const plan = ruleSet.ports[0]!;
		expect(plan.cat.localTerminatingFallback).toBe(true);
		expect(plan.cat.localEps.map((e) => e.ep)).toEqual(['10.1.0.5:8080']);
		expect(plan.cat.reachableEps.map((e) => e.ep)).toEqual(['10.1.0.5:8080', '10.1.0.6:8080']);
		expect(text).toMatch(/-A KUBE-SVL-\S+ -m comment --comment "shop\/web:http -> 10\.1\.0\.5:8080" -j KUBE-SEP-/);
		const external = trace(ruleSet, { source: '203.0.113.9', destination: '192.168.0.2', port: 30080, protocol: 'tcp' });
		expect(external.targets).toEqual(['10.1.0.5:8080']);
	});

	it('writes nothing for headless and ExternalName Services and says why', () => {
		const { ruleSet, text } = rules(
			service(`  clusterIP: None\n${httpPort}`, 'db') + service(`  type: ExternalName\n  externalName: example.com\n  clusterIP: 172.30.0.9\n${httpPort}`, 'ext'),
		);
		expect(text).not.toContain('shop/');
		expect(ruleSet.skipped.map((s) => s.serviceKey)).toEqual(['shop/db', 'shop/ext']);
	});

	it('uses only the endpoints whose slice port has the same name and protocol', () => {
		const { text } = rules(
			service(`  clusterIP: 172.30.0.10\n  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]`) +
				slice('- addresses: [10.1.0.5]', '[{name: dns, port: 5353, protocol: UDP}, {name: dns, port: 9999, protocol: TCP}]'),
		);
		expect(text).toContain('--to-destination 10.1.0.5:5353');
		expect(text).not.toContain('9999');
		expect(text).toContain('"shop/web:dns-tcp has no endpoints" -m tcp -p tcp -d 172.30.0.10 --dport 53 -j REJECT');
	});
});
