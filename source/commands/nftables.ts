/**
 * `kubewire nftables`: the `kube-proxy` table(s) kube-proxy's nftables mode writes on one node,
 * as `nft -f` input (or JSON). Shares the node and settings flags with `iptables` and `trace`.
 */
import { kubeProxyPresence } from '../model/kube-proxy.js';
import { nftTablesFor } from '../model/nftables/index.js';
import { nftJson, nftTextLines } from '../report/nftables.js';
import { loadSnapshot, printReportJson, printLines, type CommandContext } from './context.js';
import { resolveProxySettings, serviceKeyOf } from './iptables.js';

export async function runNftables(ctx: CommandContext): Promise<number> {
	const snapshot = await loadSnapshot(ctx);
	const kubeProxy = kubeProxyPresence(snapshot);
	const resolved = resolveProxySettings(ctx, snapshot, kubeProxy, 'nftables');
	const service = serviceKeyOf(ctx, snapshot);
	const tables = nftTablesFor(snapshot, resolved.settings, service ? { services: new Set([service]) } : {});
	if (ctx.flags.output === 'json') {
		printReportJson(ctx, nftJson(resolved, tables, { service, kubeProxy }), snapshot);
		return 0;
	}
	printLines(ctx, nftTextLines(resolved, tables, { service, kubeProxy }));
	return 0;
}
