/**
 * `kubewire nftables` output: kube-proxy's `kube-proxy` table(s) as `nft -f` input, preceded by
 * `#` lines that say for which node, in which mode and with which settings (and where each came
 * from). nft skips `#` lines, so the text loads as printed.
 */
import type { ResolvedSettings } from '../model/iptables/index.js';
import { canonicalNft, nftLines, type NftRuleSet } from '../model/nftables/index.js';
import type { KubeProxyPresence } from '../model/kube-proxy.js';
import { endpointsNotGivenLine, kubeProxyLines } from './kube-proxy-presence.js';
import { safe } from './safe-text.js';

export interface NftReportOptions {
	service?: string;
	/** Whether the input shows kube-proxy running: when it visibly does not, these are no node's rules. */
	kubeProxy?: KubeProxyPresence;
}

/** The kube-proxy presence lines (none, one or two) for the node the rules are written for. */
/** Said when the node does not run nftables mode: these are not its rules. */
export function nftModeNote(resolved: ResolvedSettings): string | undefined {
	const { mode } = resolved.settings;
	if (mode === 'nftables') return undefined;
	if (mode === 'ipvs') {
		return `kube-proxy runs in IPVS mode here (${resolved.modeSource}, KW803): the node has no such nftables table; this is what nftables mode would write`;
	}
	return `kube-proxy runs in ${mode} mode here (${resolved.modeSource}): it does not write these nftables rules; this is what nftables mode would write (give --proxy-mode nftables if the node runs it)`;
}

export function nftHeader(resolved: ResolvedSettings, tables: readonly NftRuleSet[], options: NftReportOptions = {}): string[] {
	const s = resolved.settings;
	const node = s.nodeName ? `node ${s.nodeName}` : 'no node (none known: give --node NAME)';
	const names = tables.map((t) => `table ${t.table}`).join(' and ');
	const lines = [`kubewire: the ${names} kube-proxy's nftables mode writes on ${node}, loadable with nft -f`, ...kubeProxyLines(options.kubeProxy, 'nftables', resolved.settings.nodeName)];
	const note = nftModeNote(resolved);
	if (note) lines.push(note);
	lines.push(...resolved.notes);
	const mark = tables[0]?.masqueradeMark ?? '';
	lines.push(`masquerade mark written ${mark} as on a node (kube-proxy's unit tests print it 0x4000)`);
	for (const t of tables) {
		if (t.serviceCIDRs.length === 0) lines.push(`${t.table}: no ServiceCIDR in the input, so no "Drop traffic to unallocated ClusterIPs" rule`);
		lines.push(
			t.nodePortIPs === undefined
				? `${t.table}: NodePorts on every local address (nodePortAddresses empty)`
				: `${t.table}: NodePorts only on ${t.nodePortIPs.length > 0 ? t.nodePortIPs.join(', ') : 'no address of this node'} (nodePortAddresses)`,
		);
	}
	if (options.service) lines.push(`only the objects of Service ${options.service}, with the fixed ones`);
	const derived = (tables[0]?.derivedEndpoints ?? []).filter((key) => !options.service || key === options.service);
	if (derived.length > 0) {
		const shown = derived.slice(0, 5).join(', ');
		lines.push(`endpoints derived from the pods (the input has no EndpointSlice) for ${derived.length} Service(s): ${shown}${derived.length > 5 ? ', …' : ''}`);
	}
	const notGiven = (tables[0]?.endpointsNotGiven ?? []).filter((key) => !options.service || key === options.service);
	if (notGiven.length > 0) lines.push(endpointsNotGivenLine(notGiven));
	const skipped = tables[0]?.skipped.filter((k) => !options.service || k.serviceKey === options.service) ?? [];
	if (skipped.length > 0) {
		const shown = skipped.slice(0, 5).map((k) => `${k.serviceKey} (${k.why.split(/[:(]/)[0]!.trim()})`);
		lines.push(`no rules for ${skipped.length} Service(s): ${shown.join(', ')}${skipped.length > 5 ? ', …' : ''}`);
	}
	return lines.map((line) => `# ${line}`);
}

/** The report line by line: a large node has hundreds of thousands of lines. */
export function* nftTextLines(resolved: ResolvedSettings, tables: readonly NftRuleSet[], options: NftReportOptions = {}): Generator<string> {
	for (const line of nftHeader(resolved, tables, options)) yield safe(line);
	for (const table of tables) for (const line of nftLines(table, options)) yield safe(line);
}

export function nftJson(resolved: ResolvedSettings, tables: readonly NftRuleSet[], options: NftReportOptions = {}) {
	const s = resolved.settings;
	const note = nftModeNote(resolved);
	return {
		node: s.nodeName,
		nodeIPs: s.nodeIPs,
		mode: s.mode,
		notes: [...kubeProxyLines(options.kubeProxy, 'nftables', resolved.settings.nodeName), ...(note ? [note] : []), ...resolved.notes],
		service: options.service ?? null,
		tables: tables.map((t) => {
			const lines = [...nftLines(t, options)];
			return {
				table: t.table,
				chains: lines.filter((l) => l.startsWith(`add chain ${t.table} `)).map((l) => l.split(' ')[4]!),
				// The canonical order of kube-proxy's tests: stable for diffs.
				lines: canonicalNft(lines.join('\n')),
				text: lines.join('\n'),
			};
		}),
	};
}
