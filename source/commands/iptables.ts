/**
 * `kubewire iptables`: the rules kube-proxy writes on one node, as iptables-save text (or JSON).
 * Also home of the flag handling `trace` and the TUI share: node, addresses, cluster CIDR and the
 * --proxy-config file (read by cluster/proxy-config-file.ts: the model does no I/O).
 */
import { readProxyConfig } from '../cluster/proxy-config-file.js';
import type { Snapshot } from '../cluster/snapshot.js';
import { UsageError } from '../errors.js';
import {
	canonicalIP,
	parseCIDR,
	proxySettingsFor,
	rulesFor,
	type ProxyOverrides,
	type ResolvedSettings,
} from '../model/iptables/index.js';
import { kubeProxyPresence } from '../model/kube-proxy.js';
import { iptablesJson, iptablesTextLines } from '../report/iptables.js';
import { loadSnapshot, printReportJson, printLines, type CommandContext } from './context.js';

function list(value: string): string[] {
	return value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

export function parseNodeIPs(value: string | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const ips = list(value);
	if (ips.length === 0) throw new UsageError('--node-ip needs IP[,IP], e.g. --node-ip 192.168.0.2');
	return ips.map((ip) => {
		const canonical = canonicalIP(ip);
		if (canonical === undefined) throw new UsageError(`--node-ip: "${ip}" is not an IP address (expected IP[,IP], e.g. 192.168.0.2)`);
		return canonical;
	});
}

export function parseClusterCIDRs(value: string | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const cidrs = list(value);
	if (cidrs.length === 0) throw new UsageError('--cluster-cidr needs CIDR[,CIDR], e.g. --cluster-cidr 10.244.0.0/16');
	for (const cidr of cidrs) {
		if (!parseCIDR(cidr)) throw new UsageError(`--cluster-cidr: "${cidr}" is not a CIDR (expected CIDR[,CIDR], e.g. 10.244.0.0/16)`);
	}
	return cidrs;
}

/** The overrides the flags give, checked; the settings resolved for the snapshot. */
export function resolveProxySettings(ctx: CommandContext, snapshot: Snapshot): ResolvedSettings {
	const { flags } = ctx;
	const nodeIPs = parseNodeIPs(flags.nodeIp);
	const clusterCIDRs = parseClusterCIDRs(flags.clusterCidr);
	const overrides: ProxyOverrides = { node: flags.node, nodeIPs, clusterCIDRs, masqueradeAll: flags.masqueradeAll || undefined, mode: flags.proxyMode };
	if (flags.proxyConfig) overrides.proxyConfig = readProxyConfig(flags.proxyConfig);
	if (flags.node && !nodeIPs && snapshot.nodes.length > 0 && !snapshot.nodes.some((n) => n.name === flags.node)) {
		const names = snapshot.nodes.slice(0, 6).map((n) => n.name);
		throw new UsageError(
			`--node ${flags.node}: no such Node in the input (nodes: ${names.join(', ')}${snapshot.nodes.length > 6 ? ', …' : ''}); give --node-ip IP to use a node kubewire has not read`,
		);
	}
	return proxySettingsFor(snapshot, overrides);
}

/** Checks the flags that need no snapshot before loading one, so a typo fails fast. */
export function checkProxyFlags(ctx: CommandContext): void {
	parseNodeIPs(ctx.flags.nodeIp);
	parseClusterCIDRs(ctx.flags.clusterCidr);
}

export function serviceKeyOf(ctx: CommandContext, snapshot: Snapshot): string | undefined {
	const given = ctx.flags.service;
	if (given === undefined) return undefined;
	const key = given.includes('/') ? given : `${ctx.flags.namespace ?? 'default'}/${given}`;
	if (!/^[^/\s]+\/[^/\s]+$/.test(key)) throw new UsageError(`--service: "${given}" is not NAMESPACE/NAME`);
	if (!snapshot.services.some((s) => `${s.namespace}/${s.name}` === key)) {
		throw new UsageError(`--service ${key}: no such Service in the input`);
	}
	return key;
}

/** The rules for the node; the snapshot stays local so it can be freed while they are printed. */
async function nodeRules(ctx: CommandContext) {
	const snapshot = await loadSnapshot(ctx);
	const resolved = resolveProxySettings(ctx, snapshot);
	const service = serviceKeyOf(ctx, snapshot);
	return { snapshot, resolved, service, kubeProxy: kubeProxyPresence(snapshot), ruleSet: rulesFor(snapshot, resolved.settings) };
}

export async function runIptables(ctx: CommandContext): Promise<number> {
	checkProxyFlags(ctx);
	const { snapshot, resolved, service, kubeProxy, ruleSet } = await nodeRules(ctx);
	if (ctx.flags.output === 'json') printReportJson(ctx, iptablesJson(resolved, ruleSet, { service, kubeProxy }), snapshot);
	else printLines(ctx, iptablesTextLines(resolved, ruleSet, { service, kubeProxy }));
	return 0;
}

export { readProxyConfig };
