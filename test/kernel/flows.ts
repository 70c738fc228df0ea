/**
 * What the kernel tests send and what they expect: flows (from the vectors, or generated for every
 * address and port of a cluster), kubewire's trace for each in either mode, and the kernel's
 * verdict read back from conntrack and the client's socket.
 */
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { hostPort } from '../../source/model/net.js';
import { iptablesSave, rulesFor, trace, type ProxySettings } from '../../source/model/iptables/index.js';
import { nftRulesFor, nftText, nftTrace } from '../../source/model/nftables/index.js';
import type { ConntrackEntry } from './netns.js';

export interface KernelFlow {
	name: string;
	source: string;
	protocol: string;
	destination: string;
	port: number;
}

export interface Verdict {
	verdict: string;
	/** DNAT: every endpoint kubewire says the packet may go to; the kernel's: the one it chose. */
	targets: string[];
	masquerade: boolean;
}

export type Mode = 'iptables' | 'nftables';

/** TCP and UDP off loopback: what the lab can send (SCTP is left out: Node has no SCTP sockets). */
export function sendable(flow: KernelFlow): boolean {
	const p = flow.protocol.toLowerCase();
	const loopback = (ip: string) => ip.startsWith('127.') || ip === '::1';
	return (p === 'tcp' || p === 'udp') && !loopback(flow.destination) && !loopback(flow.source);
}

/** The address of `ip:port` or `[ip]:port`. */
export function hostOf(target: string): string {
	const host = target.slice(0, target.lastIndexOf(':'));
	return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** The node's rules as the text kubewire prints (loadable by nft -f or iptables-restore), and a trace through them. */
export function modeRules(mode: Mode, snapshot: Snapshot, settings: ProxySettings) {
	if (mode === 'nftables') {
		const ruleSet = nftRulesFor(snapshot, { ...settings, mode });
		return { text: `${nftText(ruleSet)}\n`, ports: ruleSet.ports, traceOf: (f: KernelFlow) => nftTrace(ruleSet, { ...f }) };
	}
	const ruleSet = rulesFor(snapshot, { ...settings, mode });
	return { text: `${iptablesSave(ruleSet)}\n`, ports: ruleSet.ports, traceOf: (f: KernelFlow) => trace(ruleSet, { ...f }) };
}

/** Flows to every ClusterIP, external IP, LoadBalancer IP and NodePort of a ruleset, from a pod, from outside and from the node. */
export function generatedFlows(ports: readonly { sp: { spn: string; protocol: string; port: number; clusterIP: string; externalIPs: string[]; loadBalancerVIPs: string[]; nodePort: number } }[], pod: string, outside: string, nodeIP: string): KernelFlow[] {
	const flows: KernelFlow[] = [];
	for (const { sp } of ports) {
		if (sp.protocol !== 'tcp' && sp.protocol !== 'udp') continue;
		const add = (name: string, source: string, destination: string, port: number) =>
			flows.push({ name: `${sp.spn} ${name}`, source, protocol: sp.protocol, destination, port });
		add('pod → ClusterIP', pod, sp.clusterIP, sp.port);
		add('outside → ClusterIP', outside, sp.clusterIP, sp.port);
		add('node → ClusterIP', nodeIP, sp.clusterIP, sp.port);
		for (const ip of sp.externalIPs) add('outside → external IP', outside, ip, sp.port);
		for (const ip of sp.loadBalancerVIPs) add('outside → LoadBalancer IP', outside, ip, sp.port);
		if (sp.nodePort) {
			add('outside → NodePort', outside, nodeIP, sp.nodePort);
			add('pod → NodePort', pod, nodeIP, sp.nodePort);
		}
	}
	return flows;
}

/** The kernel's verdict: conntrack's entry (DNAT target, masquerade) or, without one, what the client saw. */
export function kernelVerdict(entry: ConntrackEntry | undefined, outcome: string | undefined): Verdict {
	if (entry) {
		const dnat = entry.reply.src !== entry.orig.dst || entry.reply.sport !== entry.orig.dport;
		return {
			verdict: dnat ? 'DNAT' : 'NONE',
			targets: dnat ? [hostPort(entry.reply.src, entry.reply.sport)] : [],
			masquerade: dnat && entry.reply.dst !== entry.orig.src,
		};
	}
	// No connection was tracked: the packet died before conntrack confirmed it.
	return { verdict: outcome === 'ECONNREFUSED' ? 'REJECT' : 'DROP', targets: [], masquerade: false };
}

/** kubewire's expectation in the kernel's terms: which target it may pick, masquerade only with DNAT. */
export function expected(result: { verdict: string; targets: string[]; masquerade: boolean }): Verdict {
	return { verdict: result.verdict, targets: result.targets, masquerade: result.verdict === 'DNAT' && result.masquerade };
}
