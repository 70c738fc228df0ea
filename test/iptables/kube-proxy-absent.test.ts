/**
 * When the cluster visibly runs no kube-proxy (an eBPF replacement such as Cilium, and no
 * kube-proxy in kube-system), `kubewire iptables` says so first instead of presenting the rules
 * as the node's; the rules follow, as what kube-proxy would write. Otherwise the header is as it was.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const cluster = fileURLToPath(new URL('./fixture/cluster.yaml', import.meta.url));
const cilium = fileURLToPath(new URL('../fixtures/kube-proxy/cilium.yaml', import.meta.url));

describe('kubewire iptables on a cluster without kube-proxy', () => {
	it('says first that no node holds these rules, and why, then prints them', () => {
		const result = runCli(['iptables', '--fixtures', cluster, '--fixtures', cilium]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const first = result.stdout.split('\n')[0]!;
		expect(first).toMatch(/^# kubewire: this cluster runs no kube-proxy \(none in kube-system; DaemonSet kube-system\/cilium runs, Cilium replaces kube-proxy\): no node holds these rules/);
		expect(first).not.toContain('writes on');
		expect(result.stdout).toContain('-A KUBE-SERVICES');
	});

	it('puts the same note first in JSON', () => {
		const result = runCli(['iptables', '--fixtures', cluster, '--fixtures', cilium, '--output', 'json']);
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as { notes: string[] };
		expect(json.notes[0]).toMatch(/^this cluster runs no kube-proxy/);
	});

	it('keeps the usual header when kube-proxy is not visibly absent', () => {
		const result = runCli(['iptables', '--fixtures', cluster]);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout.split('\n')[0]).toMatch(/^# kubewire: the IPv4 rules kube-proxy's iptables mode writes on /);
		expect(result.stdout).not.toContain('runs no kube-proxy');
	});
});

describe('kubewire iptables for a node whose kube-proxy is not Ready', () => {
	const broken = fileURLToPath(new URL('../fixtures/diagnostics/KW801/broken.yaml', import.meta.url));

	it('says so under the first line, and not for a node where it is Ready', () => {
		const bad = runCli(['iptables', '--fixtures', cluster, '--fixtures', broken, '--node', 'node-b', '--node-ip', '192.168.1.12']);
		expect(bad.status, bad.stderr).toBe(0);
		expect(bad.stdout.split('\n')[1]).toBe('# kube-proxy is not Ready on node node-b (KW801): the node may hold older rules than these, or none');
		const good = runCli(['iptables', '--fixtures', cluster, '--fixtures', broken, '--node', 'node-a', '--node-ip', '192.168.1.11']);
		expect(good.status, good.stderr).toBe(0);
		expect(good.stdout).not.toContain('not Ready');
	});
});

describe('kubewire nftables says the same as iptables about kube-proxy', () => {
	const broken = fileURLToPath(new URL('../fixtures/diagnostics/KW801/broken.yaml', import.meta.url));

	it('names the replacement when the cluster runs no kube-proxy, in text and JSON', () => {
		const text = runCli(['nftables', '--fixtures', cluster, '--fixtures', cilium]);
		expect(text.status, text.stderr).toBe(0);
		expect(text.stdout.split('\n')[1]).toMatch(/^# this cluster runs no kube-proxy \(none in kube-system; DaemonSet kube-system\/cilium runs, Cilium replaces kube-proxy\): no node holds these rules; below is what kube-proxy's nftables mode would write/);
		const json = JSON.parse(runCli(['nftables', '--fixtures', cluster, '--fixtures', cilium, '--output', 'json']).stdout) as { notes: string[] };
		expect(json.notes[0]).toMatch(/^this cluster runs no kube-proxy/);
	});

	it('says when kube-proxy is not Ready on the node, and not otherwise', () => {
		const bad = runCli(['nftables', '--fixtures', cluster, '--fixtures', broken, '--node', 'node-b', '--node-ip', '192.168.1.12']);
		expect(bad.status, bad.stderr).toBe(0);
		expect(bad.stdout).toContain('# kube-proxy is not Ready on node node-b (KW801)');
		const plain = runCli(['nftables', '--fixtures', cluster]);
		expect(plain.stdout).not.toMatch(/runs no kube-proxy|not Ready on node/);
	});
});

describe('kubewire trace says the same as iptables about kube-proxy', () => {
	const broken = fileURLToPath(new URL('../fixtures/diagnostics/KW801/broken.yaml', import.meta.url));
	const calico = fileURLToPath(new URL('../fixtures/kube-proxy/calico-ebpf.yaml', import.meta.url));
	const packet = ['--from', '10.244.1.5', '--to', '10.96.0.10:53/udp'];

	it('notes a replacement (Cilium, or kube-proxy placed nowhere beside Calico eBPF) before the path', () => {
		const text = runCli(['trace', '--fixtures', cluster, '--fixtures', cilium, ...packet]);
		expect(text.status, text.stderr).toBe(0);
		expect(text.stdout.split('\n')[1]).toMatch(/^note: this cluster runs no kube-proxy \(none in kube-system; DaemonSet kube-system\/cilium runs, Cilium replaces kube-proxy\)/);
		// calico-ebpf.yaml's own nodes carry the labels that show the DaemonSet placed on none of them.
		const json = JSON.parse(runCli(['trace', '--fixtures', calico, '--node', 'node-a', ...packet, '--output', 'json']).stdout) as { notes: string[] };
		expect(json.notes.some((n) => /^this cluster runs no kube-proxy \(DaemonSet kube-system\/kube-proxy places no pod on any node \(nodeSelector kubernetes.io\/os=linux,non-calico=true\)/.test(n))).toBe(true);
	});

	it('notes a node whose kube-proxy is not Ready, and nothing on a healthy one', () => {
		const bad = runCli(['trace', '--fixtures', cluster, '--fixtures', broken, '--node', 'node-b', '--node-ip', '192.168.1.12', ...packet]);
		expect(bad.stdout).toContain('note: kube-proxy is not Ready on node node-b (KW801)');
		const good = runCli(['trace', '--fixtures', cluster, ...packet]);
		expect(good.stdout).not.toContain('kube-proxy is not Ready');
		expect(good.stdout).not.toContain('runs no kube-proxy');
	});
});
