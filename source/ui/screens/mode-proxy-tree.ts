/**
 * Which kube-proxy tree the detail screen draws: the node's mode decides. nftables mode gets the
 * nftables tree (verdict maps → service chain → endpoint chains, numgen's equal shares); IPVS mode
 * gets a note and no rules (kubewire does not invent IPVS's); iptables mode keeps the iptables
 * chains. Settings are resolved once per snapshot.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import { proxySettingsFor, type ProxyOverrides, type ResolvedSettings } from '../../model/iptables/index.js';
import { nftChainTrees } from '../../model/nftables/index.js';
import { kubeProxyPresence, type KubeProxyPresence } from '../../model/kube-proxy.js';
import { kubeProxyLines } from '../../report/kube-proxy-presence.js';
import { proxyTreeProvider, type ProxyTreeProvider, type ProxyTrees } from './proxy-tree.js';

const nftSubtitle = 'nftables maps and chains; share = 1/N by numgen';

export function modeProxyTreeProvider(overrides: ProxyOverrides): ProxyTreeProvider {
	const iptables = proxyTreeProvider(overrides);
	const settings = new WeakMap<Snapshot, { resolved: ResolvedSettings; presence: KubeProxyPresence }>();
	return (analysis, serviceKey) => {
		const snapshot = analysis.context.snapshot;
		let found = settings.get(snapshot);
		if (!found) {
			const presence = kubeProxyPresence(snapshot);
			settings.set(snapshot, (found = { resolved: proxySettingsFor(snapshot, overrides, presence), presence }));
		}
		const { resolved, presence } = found;
		const { mode, nodeName } = resolved.settings;
		const picked = overrides.node ? undefined : resolved.notes.find((n) => n.startsWith('node ') || n.startsWith('node:'));
		if (mode === 'ipvs') {
			const note = `kube-proxy runs in IPVS mode (${resolved.modeSource}; KW803): it programs IPVS virtual servers, not the iptables or nftables rules kubewire reproduces, so none are shown (give --proxy-mode to see what another mode would write)`;
			return { node: nodeName, note: [picked, note].filter(Boolean).join('; '), trees: [], subtitle: 'IPVS mode: no rules shown' };
		}
		// As the iptables and nftables reports say: no kube-proxy in the cluster, or not Ready on this node.
		const kubeProxy = kubeProxyLines(presence, mode === 'nftables' ? 'nftables' : 'iptables', nodeName);
		const withPresence = (trees: ProxyTrees): ProxyTrees => {
			const note = [...kubeProxy, trees.note].filter(Boolean).join('; ');
			return { ...trees, ...(note ? { note } : {}) };
		};
		if (mode === 'nftables') {
			return withPresence({ node: nodeName, ...(picked ? { note: picked } : {}), trees: nftChainTrees(analysis.context, serviceKey, resolved.settings), subtitle: nftSubtitle });
		}
		return withPresence(iptables(analysis, serviceKey));
	};
}
