/**
 * `kubewire iptables`: the rules kube-proxy writes on one node, as iptables-save text (or JSON).
 * Also home of the settings `nftables` and `trace` share: the node, and the kube-proxy flags that
 * cli.tsx checked and read before the command ran (commands/proxy-flags.ts).
 */
import type { Snapshot } from '../cluster/snapshot.js';
import { UsageError } from '../errors.js';
import {
	proxySettingsFor,
	rulesFor,
	type ProxyOverrides,
	type ResolvedSettings,
} from '../model/iptables/index.js';
import { kubeProxyPresence, type KubeProxyPresence } from '../model/kube-proxy.js';
import { iptablesJson, iptablesTextLines } from '../report/iptables.js';
import { loadSnapshot, printReportJson, printLines, type CommandContext } from './context.js';

/** The overrides the flags give, checked; the settings resolved for the snapshot. */
export function resolveProxySettings(ctx: CommandContext, snapshot: Snapshot, presence?: KubeProxyPresence, rules?: ProxyOverrides['rules']): ResolvedSettings {
	const { flags } = ctx;
	const { nodeIPs, clusterCIDRs, proxyConfig } = ctx.proxy;
	const overrides: ProxyOverrides = { node: flags.node, nodeIPs, clusterCIDRs, masqueradeAll: flags.masqueradeAll || undefined, mode: flags.proxyMode, proxyConfig, rules };
	if (flags.node && !nodeIPs && snapshot.nodes.length > 0 && !snapshot.nodes.some((n) => n.name === flags.node)) {
		const names = snapshot.nodes.slice(0, 6).map((n) => n.name);
		throw new UsageError(
			`--node ${flags.node}: no such Node in the input (nodes: ${names.join(', ')}${snapshot.nodes.length > 6 ? ', …' : ''}); give --node-ip IP to use a node kubewire has not read`,
		);
	}
	return proxySettingsFor(snapshot, overrides, presence);
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
	const kubeProxy = kubeProxyPresence(snapshot);
	const resolved = resolveProxySettings(ctx, snapshot, kubeProxy, 'iptables');
	const service = serviceKeyOf(ctx, snapshot);
	return { snapshot, resolved, service, kubeProxy, ruleSet: rulesFor(snapshot, resolved.settings) };
}

export async function runIptables(ctx: CommandContext): Promise<number> {
	const { snapshot, resolved, service, kubeProxy, ruleSet } = await nodeRules(ctx);
	if (ctx.flags.output === 'json') printReportJson(ctx, iptablesJson(resolved, ruleSet, { service, kubeProxy }), snapshot);
	else printLines(ctx, iptablesTextLines(resolved, ruleSet, { service, kubeProxy }));
	return 0;
}
