/**
 * Which kube-proxy tree the detail screen draws: the node's mode decides. nftables mode gets the
 * nftables tree (verdict maps → service chain → endpoint chains, numgen's equal shares); IPVS mode
 * gets a note and no rules (kubewire does not invent IPVS's); iptables mode keeps the iptables
 * chains. Settings are resolved once per snapshot.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import { proxySettingsFor, type ProxyOverrides, type ResolvedSettings } from '../../model/iptables/index.js';
import { nftChainTrees } from '../../model/nftables/index.js';
import { proxyTreeProvider, type ProxyTreeProvider } from './proxy-tree.js';

const nftSubtitle = 'nftables maps and chains; share = 1/N by numgen';

export function modeProxyTreeProvider(overrides: ProxyOverrides): ProxyTreeProvider {
	const iptables = proxyTreeProvider(overrides);
	const settings = new WeakMap<Snapshot, ResolvedSettings>();
	return (analysis, serviceKey) => {
		const snapshot = analysis.context.snapshot;
		let resolved = settings.get(snapshot);
		if (!resolved) settings.set(snapshot, (resolved = proxySettingsFor(snapshot, overrides)));
		const { mode, nodeName } = resolved.settings;
		const picked = overrides.node ? undefined : resolved.notes.find((n) => n.startsWith('node ') || n.startsWith('node:'));
		if (mode === 'ipvs') {
			const note = `kube-proxy runs in IPVS mode (${resolved.modeSource}; KW803): it programs IPVS virtual servers, not the iptables or nftables rules kubewire reproduces, so none are shown (give --proxy-mode to see what another mode would write)`;
			return { node: nodeName, note: [picked, note].filter(Boolean).join('; '), trees: [], subtitle: 'IPVS mode: no rules shown' };
		}
		if (mode === 'nftables') {
			return { node: nodeName, ...(picked ? { note: picked } : {}), trees: nftChainTrees(analysis.context, serviceKey, resolved.settings), subtitle: nftSubtitle };
		}
		return iptables(analysis, serviceKey);
	};
}
