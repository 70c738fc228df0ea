/**
 * `kubewire nftables` and `kubewire trace` in nftables mode as a user runs them: the built CLI on
 * the golden cases (node.env as flags and a --proxy-config file), the mode chosen by --proxy-mode
 * or the configuration, IPVS said plainly, and bad flags as one line with exit status 2.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalNft } from '../../source/model/nftables/index.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';
import { nodeIPsOf } from '../iptables/vector-case.js';
import { caseNames, loadCase, nftProxyConfigYaml } from './vector-case.js';

const scratch = scratchDir('nftables');
const kw803 = fileURLToPath(new URL('../fixtures/diagnostics/KW803/broken.yaml', import.meta.url));
const vectors = fileURLToPath(new URL('./vectors/', import.meta.url));

function caseArgs(name: string): string[] {
	const c = loadCase(name);
	const config = path.join(scratch, `${name}.yaml`);
	writeFileSync(config, nftProxyConfigYaml(c.env));
	return ['--fixtures', `${vectors}${name}/cluster.yaml`, '--node', c.env['NODE_NAME']!, '--node-ip', nodeIPsOf(c.env).join(','), '--proxy-config', config];
}

describe('kubewire nftables on the golden rulesets', () => {
	for (const name of caseNames()) {
		const c = loadCase(name);
		if (!c.expected) continue;
		it(name, () => {
			const result = runCli(['nftables', ...caseArgs(name)]);
			expect(result.status, result.stderr).toBe(0);
			// A node writes the mark 0x00004000 where kube-proxy's fake writes 0x4000 (vectors README).
			const folded = result.stdout.replace(/0x0*4000/g, '0x4000');
			expect(canonicalNft(folded)).toEqual(canonicalNft(c.expected!));
			expect(result.stdout).toMatch(/^# kubewire: the table ip kube-proxy /);
			expect(result.stdout).not.toMatch(/runs in \w+ mode here/);
		});
	}
});

describe('kubewire nftables -o json', () => {
	it('gives each table with its chains and its lines in the canonical order', () => {
		const c = loadCase('overall');
		const result = runCli(['nftables', ...caseArgs('overall'), '-o', 'json']);
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.mode).toBe('nftables');
		expect(json.tables.map((t: { table: string }) => t.table)).toEqual(['ip kube-proxy']);
		const table = json.tables[0];
		expect(table.lines.map((l: string) => l.replace(/0x0*4000/g, '0x4000'))).toEqual(canonicalNft(c.expected!));
		expect(table.chains).toContain('service-ULMVA6XW-ns1/svc1/tcp/p80');
		expect(table.chains).toContain('filter-input');
	});

	it('--service keeps that Service and the fixed objects', () => {
		const result = runCli(['nftables', ...caseArgs('overall'), '--service', 'ns4/svc4']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('numgen random mod 2 vmap');
		expect(result.stdout).toContain('add chain ip kube-proxy services');
		expect(result.stdout).not.toContain('ns1/svc1');
	});
});

describe('kubewire trace follows the mode the node runs', () => {
	it('nftables from the configuration: the table, numgen and the masquerade', () => {
		const result = runCli(['trace', ...caseArgs('nodeports-ipv4'), '--from', '203.0.113.1', '--to', '192.168.0.2:3001', '-o', 'json']);
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.mode).toBe('nftables');
		expect(json.verdict).toBe('DNAT');
		expect(json.targets).toEqual(['10.180.0.1:80', '10.180.2.1:80']);
		expect(json.masquerade).toBe(true);
		expect(json.path.every((s: { table: string }) => s.table === 'ip kube-proxy')).toBe(true);
		expect(json.path.map((s: { rule: string }) => s.rule).join('\n')).toContain('numgen random mod 2 vmap');
	});

	it('--proxy-mode iptables wins over the configuration', () => {
		const result = runCli(['trace', ...caseArgs('nodeports-ipv4'), '--proxy-mode', 'iptables', '--from', '203.0.113.1', '--to', '192.168.0.2:3001', '-o', 'json']);
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.mode).toBe('iptables');
		expect(json.path.some((s: { rule: string }) => s.rule.includes('--probability 0.5000000000'))).toBe(true);
	});

	it('text names the mode and the unallocated-ClusterIP drop', () => {
		const result = runCli(['trace', ...caseArgs('clusterip-general'), '--from', '10.180.0.2', '--to', '172.30.0.50:80']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain("kube-proxy's nftables rules on test-node");
		expect(result.stdout).toContain('verdict:    DROP');
		expect(result.stdout.replace(/\s+/g, ' ')).toContain('but no Service holds it');
	});
});

describe('modes the node does not run', () => {
	it('IPVS in the ConfigMap: nftables says the node has no such table (KW803)', () => {
		const result = runCli(['nftables', '--fixtures', kw803]);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('# kube-proxy runs in IPVS mode here (ConfigMap kube-system/kube-proxy, KW803)');
	});

	it('check reports KW803 for the IPVS ConfigMap', () => {
		const result = runCli(['check', '--fixtures', kw803, '-o', 'json']);
		expect(JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code)).toContain('KW803');
	});

	it('--proxy-mode takes iptables or nftables only', () => {
		const result = runCli(['trace', '--demo', '--proxy-mode', 'ipvs', '--from', '10.0.0.1', '--to', '10.96.0.10:53']);
		expect(result.status).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual(['kubewire: --proxy-mode must be iptables or nftables, not "ipvs"']);
	});
});

describe('kubewire nftables without EndpointSlices in the input', () => {
	const noSlices = fileURLToPath(new URL('../fixtures/basic/ingress-without-slices.yaml', import.meta.url));

	it('writes the endpoints the controller would publish for the pods, and says so', () => {
		const result = runCli(['nftables', '--fixtures', noSlices, '--node', 'n1']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('# endpoints derived from the pods (the input has no EndpointSlice) for 1 Service(s): a/web');
		expect(result.stdout).toMatch(/dnat to 10\.244\.0\.5:8080/);
	});

	it('trace in nftables mode reaches the same derived endpoint', () => {
		const services = JSON.parse(runCli(['services', '--fixtures', noSlices, '-o', 'json']).stdout) as { services: Array<{ name: string; clusterIP: string; ports: Array<{ port: number }> }> };
		const web = services.services.find((s) => s.name === 'web')!;
		const result = runCli(['trace', '--fixtures', noSlices, '--node', 'n1', '--proxy-mode', 'nftables', '--from', '10.244.0.9', '--to', `${web.clusterIP}:${web.ports[0]!.port}`, '-o', 'json']);
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as { verdict: string; targets: string[]; mode: string; notes: string[] };
		expect(json).toMatchObject({ verdict: 'DNAT', targets: ['10.244.0.5:8080'], mode: 'nftables' });
		expect(json.notes.some((n) => n.startsWith('endpoints derived from the pods'))).toBe(true);
	});

	it("a trace that meets none of those Services' rules carries no such note (iptables and nftables)", () => {
		for (const mode of ['iptables', 'nftables']) {
			const result = runCli(['trace', '--fixtures', noSlices, '--node', 'n1', '--proxy-mode', mode, '--from', '10.244.0.9', '--to', '10.244.0.77:80', '-o', 'json']);
			expect(result.status, result.stderr).toBe(0);
			const json = JSON.parse(result.stdout) as { verdict: string; notes: string[] };
			expect(json.verdict).toBe('NONE');
			expect(json.notes.filter((n) => n.startsWith('endpoints derived from the pods'))).toEqual([]);
		}
	});
});

// DESIGN.md: kinds absent from file input are unknown, not empty. A Service without a selector is
// backed by EndpointSlices someone writes; when they are not in the input, its REJECT rule is
// what kube-proxy writes for no endpoints, and the views say that is not known.
describe('a selectorless Service whose EndpointSlices are not in the input', () => {
	const dir = scratchDir('nft-not-given');
	const file = path.join(dir, 'selectorless.yaml');
	const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: a}\nspec: {clusterIP: 10.96.0.81, ports: [{port: 5432}]}\n';
	writeFileSync(file, service);
	const twin = path.join(dir, 'selectorless-with-slices.yaml');
	writeFileSync(twin, `${service}---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: other-1, namespace: a, labels: {kubernetes.io/service-name: other}}\naddressType: IPv4\nendpoints: []\n`);
	const notKnown = /endpoints not known for 1 Service\(s\) without a selector .*: a\/db/;

	it('iptables, nftables and trace say its endpoints are not known; with the slice kind given, they do not', () => {
		for (const cmd of ['iptables', 'nftables']) {
			expect(runCli([cmd, '--fixtures', file, '--node', 'n', '--node-ip', '172.18.0.2']).stdout).toMatch(notKnown);
			expect(runCli([cmd, '--fixtures', twin, '--node', 'n', '--node-ip', '172.18.0.2']).stdout).not.toMatch(/endpoints not known/);
		}
		for (const mode of ['iptables', 'nftables']) {
			const result = runCli(['trace', '--fixtures', file, '--node', 'n', '--node-ip', '172.18.0.2', '--proxy-mode', mode, '--from', '10.244.0.9', '--to', '10.96.0.81:5432', '-o', 'json']);
			const json = JSON.parse(result.stdout) as { verdict: string; notes: string[] };
			expect(json.verdict).toBe('REJECT');
			expect(json.notes.join('\n')).toMatch(notKnown);
		}
	});
});
