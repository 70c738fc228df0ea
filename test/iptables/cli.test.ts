/**
 * `kubewire iptables` and `kubewire trace` as a user runs them: the built CLI in a child process,
 * on this folder's fixture and on every golden case (mapped onto flags as the vectors README
 * says), with bad flags giving one line and exit status 2.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normaliseDump } from '../../source/model/iptables/index.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';
import { caseNames, fold, loadCase, nodeIPsOf, proxyConfigYaml } from './vector-case.js';

const fixture = fileURLToPath(new URL('./fixture/cluster.yaml', import.meta.url));
const scratch = scratchDir('iptables');

function withoutComments(text: string): string {
	return text
		.split('\n')
		.filter((l) => !l.startsWith('#') && l.trim() !== '')
		.join('\n');
}

function expectUsage(args: string[], pattern: RegExp): void {
	const result = runCli(args);
	expect(result.status, result.stderr).toBe(2);
	expect(result.stdout).toBe('');
	const lines = result.stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(pattern);
}

describe('kubewire iptables on the golden cases', () => {
	for (const name of caseNames()) {
		const c = loadCase(name);
		if (!c.expected && c.flows.length === 0) continue;
		const config = path.join(scratch, `${name}.yaml`);
		writeFileSync(config, proxyConfigYaml(c.env));
		const base = ['--fixtures', `${c.dir}cluster.yaml`, '--node', c.env['NODE_NAME']!, '--node-ip', nodeIPsOf(c.env).join(','), '--proxy-config', config];

		if (c.expected) {
			it(`${name}: prints kube-proxy's rules`, () => {
				const result = runCli(['iptables', ...base]);
				expect(result.stderr).toBe('');
				expect(result.status).toBe(0);
				expect(result.stdout.startsWith('# kubewire: ')).toBe(true);
				expect(fold(normaliseDump(result.stdout))).toBe(fold(normaliseDump(c.expected!)));
			});
		}
		if (c.flows.length > 0) {
			it(`${name}: traces every flow as kube-proxy's tests do`, () => {
				for (const flow of c.flows) {
					const to = `${flow.destination}:${flow.port}/${flow.protocol.toLowerCase()}`;
					const result = runCli(['trace', ...base, '--from', flow.source, '--to', to, '--output', 'json']);
					expect(result.status, `${flow.name}: ${result.stderr}`).toBe(0);
					const json = JSON.parse(result.stdout) as { verdict: string; targets: string[]; masquerade: boolean; path: unknown[] };
					const verdict = flow.output === '' ? 'NONE' : /^(ACCEPT|DROP|REJECT)$/.test(flow.output) ? flow.output : 'DNAT';
					expect(json.verdict, flow.name).toBe(verdict);
					expect(json.targets, flow.name).toEqual(verdict === 'DNAT' ? flow.output.split(', ') : []);
					expect(json.masquerade, flow.name).toBe(flow.masquerade);
					expect(Array.isArray(json.path)).toBe(true);
				}
			});
		}
	}
});

describe('kubewire iptables on a small cluster', () => {
	it('uses the ConfigMap and the named node, and says so at the top', () => {
		const result = runCli(['iptables', '--fixtures', fixture, '--node', 'worker-1']);
		expect(result.status).toBe(0);
		const header = result.stdout.split('\n').filter((l) => l.startsWith('#'));
		expect(header[0]).toContain('node worker-1');
		expect(header.join('\n')).toContain('cluster CIDR 10.244.0.0/16: from ConfigMap kube-system/kube-proxy');
		expect(header.join('\n')).toContain('node IPs 172.18.0.3: from Node worker-1');
		expect(header.join('\n')).toContain('shop/db (headless Service');
		const rules = withoutComments(result.stdout);
		expect(rules).toMatch(/^\*filter\n[\s\S]*COMMIT\n\*nat\n[\s\S]*COMMIT$/);
		expect(rules).toContain('"shop/api:http has no endpoints" -m tcp -p tcp -d 10.96.0.12 --dport 80 -j REJECT');
		expect(rules).toContain('-m statistic --mode random --probability 0.3333333333');
		expect(rules).toContain('! -s 10.244.0.0/16 -j KUBE-MARK-MASQ');
	});

	it('picks the first Ready node without --node and names it', () => {
		const result = runCli(['iptables', '--fixtures', fixture]);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('# node worker-1: the first Ready node in the snapshot');
	});

	it('narrows to one Service with --service', () => {
		const result = runCli(['iptables', '--fixtures', fixture, '--node', 'worker-1', '--service', 'shop/web']);
		expect(result.status).toBe(0);
		const rules = withoutComments(result.stdout).split('\n').filter((l) => l.startsWith('-A '));
		expect(rules.length).toBeGreaterThan(5);
		expect(rules.some((l) => l.includes('shop/api') || l.includes('KUBE-FORWARD') || l.includes('KUBE-POSTROUTING'))).toBe(false);
		expect(rules.filter((l) => l.includes('shop/web:http')).length).toBeGreaterThan(rules.length - 2);
	});

	it('gives JSON with the rules and the notes', () => {
		const result = runCli(['iptables', '--fixtures', fixture, '--node', 'worker-2', '-o', 'json']);
		expect(result.status).toBe(0);
		const json = JSON.parse(result.stdout) as { node: string; nat: { rules: string[] }; notes: string[] };
		expect(json.node).toBe('worker-2');
		expect(json.nat.rules.some((r) => r.includes('--to-destination 10.244.2.7:8080'))).toBe(true);
		expect(json.notes.length).toBeGreaterThan(0);
	});

	it('says plainly when kube-proxy runs in another mode', () => {
		const config = path.join(scratch, 'ipvs.yaml');
		writeFileSync(config, 'kind: KubeProxyConfiguration\nmode: ipvs\n');
		const result = runCli(['iptables', '--fixtures', fixture, '--node', 'worker-1', '--proxy-config', config]);
		expect(result.status).toBe(0);
		// An IPVS node gets the KW803 note (DESIGN.md: a note, not rules passed off as the node's).
		expect(result.stdout).toMatch(/# kube-proxy runs in IPVS mode here \(.*ipvs\.yaml, KW803\): it does not write these iptables rules/);
	});

	it('works for a node it has not read when --node-ip is given', () => {
		const result = runCli(['iptables', '--fixtures', fixture, '--node', 'worker-9', '--node-ip', '172.18.0.9']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('# node worker-9 is not among the snapshot');
	});

	it('traces a NodePort packet in words', () => {
		const result = runCli(['trace', '--fixtures', fixture, '--node', 'worker-1', '--from', '192.0.2.10', '--to', '172.18.0.3:30080']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('verdict:    DNAT → 10.244.1.5:8080, 10.244.2.7:8080, 10.244.2.8:8080');
		expect(result.stdout).toContain('masquerade: yes');
		expect(result.stdout).toContain('-j KUBE-EXT-');
		const rejected = runCli(['trace', '--fixtures', fixture, '--from', '10.244.1.5', '--to', '10.96.0.12:80/TCP']);
		expect(rejected.stdout, rejected.stderr).toContain('rejected: shop/api:http has no endpoints');
	});
});

describe('bad flags give one line and exit 2', () => {
	it('rejects bad addresses, CIDRs and destinations', () => {
		expectUsage(['iptables', '--fixtures', fixture, '--node-ip', '10.0.0.300'], /--node-ip: "10\.0\.0\.300" is not an IP address \(expected IP\[,IP\]/);
		expectUsage(['iptables', '--fixtures', fixture, '--cluster-cidr', '10.0.0.0'], /--cluster-cidr: "10\.0\.0\.0" is not a CIDR/);
		expectUsage(['trace', '--fixtures', fixture, '--from', '10.0.0.1', '--to', '10.96.0.12'], /--to "10\.96\.0\.12": no port \(expected IP:PORT\[\/tcp\|udp\|sctp\]/);
		expectUsage(['trace', '--fixtures', fixture, '--from', '10.0.0.1', '--to', '10.96.0.12:80/icmp'], /unknown protocol "icmp"/);
		expectUsage(['trace', '--fixtures', fixture, '--from', '10.0.0.1', '--to', 'web:80'], /"web" is not an IP address/);
		expectUsage(['trace', '--fixtures', fixture, '--from', '10.0.0.1', '--to', '10.96.0.12:70000'], /port 70000 is not between 1 and 65535/);
		expectUsage(['trace', '--fixtures', fixture, '--to', '10.96.0.12:80'], /trace needs --from IP/);
		expectUsage(['trace', '--fixtures', fixture, '--from', 'nowhere', '--to', '10.96.0.12:80'], /--from "nowhere" is not an IP address/);
	});

	it('names what is missing: an unknown node, a Service, a proxy config file', () => {
		expectUsage(['iptables', '--fixtures', fixture, '--node', 'worker-9'], /--node worker-9: no such Node in the input \(nodes: worker-1, worker-2\); give --node-ip/);
		expectUsage(['iptables', '--fixtures', fixture, '--service', 'shop/nope'], /--service shop\/nope: no such Service/);
		expectUsage(['iptables', '--fixtures', fixture, '--proxy-config', '/nonexistent/kp.yaml'], /--proxy-config \/nonexistent\/kp\.yaml: no such file/);
		const broken = path.join(scratch, 'broken.yaml');
		writeFileSync(broken, '- just\n- a list\n');
		expectUsage(['iptables', '--fixtures', fixture, '--proxy-config', broken], /broken\.yaml: not a KubeProxyConfiguration/);
	});

	// They were read only by the commands that draw rules, so `check --proxy-config typo.yaml` ran
	// as if the file had been read; every command now checks them before it loads anything.
	it.each(['check', 'services', 'gateways', 'capture'])('refuses bad kube-proxy flags in %s too', (command) => {
		expectUsage([command, '--fixtures', fixture, '--proxy-config', '/nonexistent/kp.yaml'], /--proxy-config \/nonexistent\/kp\.yaml: no such file/);
		expectUsage([command, '--fixtures', fixture, '--node-ip', 'ten'], /--node-ip: "ten" is not an IP address/);
		expectUsage([command, '--fixtures', fixture, '--cluster-cidr', '10.0.0.0/33'], /--cluster-cidr: "10\.0\.0\.0\/33" is not a CIDR/);
	});
});
