/**
 * The kube-proxy chain tree in the detail screen: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…, each
 * endpoint with its real share of new connections. The iptables model builds the trees for one
 * node; this file resolves that node's settings once per snapshot and turns trees into lines,
 * wrapping long details under their chain so nothing is lost at 80 columns.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import type { Analysis } from '../../model/analyze.js';
import {
	chainTrees,
	proxySettingsFor,
	type ChainTree,
	type ChainTreeNode,
	type ProxyOverrides,
	type ResolvedSettings,
} from '../../model/iptables/index.js';
import { displayWidth } from '../../report/columns.js';
import { safe } from '../../report/safe-text.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line } from '../lines.js';

export interface ProxyTrees {
	/** The node whose kube-proxy the trees are for ('' when the snapshot names none). */
	node: string;
	/** How that node was chosen when --node did not name it. */
	note?: string;
	trees: ChainTree[];
	/** The heading's explanation when the node does not run iptables mode (see mode-proxy-tree.ts). */
	subtitle?: string;
}

export type ProxyTreeProvider = (analysis: Analysis, serviceKey: string) => ProxyTrees;

/** Trees for the node of `overrides` (or the one the model picks), settings resolved once per snapshot. */
export function proxyTreeProvider(overrides: ProxyOverrides): ProxyTreeProvider {
	const settings = new WeakMap<Snapshot, ResolvedSettings>();
	return (analysis, serviceKey) => {
		const snapshot = analysis.context.snapshot;
		let resolved = settings.get(snapshot);
		if (!resolved) settings.set(snapshot, (resolved = proxySettingsFor(snapshot, overrides)));
		const note = overrides.node ? resolved.modeNote : [resolved.notes.find((n) => n.startsWith('node ') || n.startsWith('node:')), resolved.modeNote].filter(Boolean).join('; ');
		return { node: resolved.settings.nodeName, note: note || undefined, trees: chainTrees(analysis.context, serviceKey, resolved.settings) };
	};
}

/** Draws a tree with ├─ └─ │ guides; a detail that does not fit goes under its chain, wrapped. */
export function treeLines(root: ChainTreeNode, width: number, indent = '  '): Line[] {
	const lines: Line[] = [];
	const visit = (node: ChainTreeNode, prefix: string, guide: string) => {
		const share = node.share ? `${safe(node.share)} ` : '';
		const head: Line = [seg(prefix, 'muted')];
		if (share) head.push(seg(share, 'ok', true));
		head.push(seg(safe(node.label), 'accent'));
		const detail = node.detail ? safe(node.detail) : '';
		const used = displayWidth(prefix + share + safe(node.label));
		const childGuide = node.children.length > 0 ? `${guide}│  ` : `${guide}   `;
		if (detail && used + 2 + displayWidth(detail) <= width) lines.push([...head, seg(`  ${detail}`, 'muted')]);
		else {
			lines.push(head);
			if (detail) for (const t of wrap(detail, Math.max(20, width - displayWidth(childGuide)))) lines.push([seg(childGuide, 'muted'), seg(t, 'muted')]);
		}
		node.children.forEach((child, i) => {
			const last = i === node.children.length - 1;
			visit(child, `${guide}${last ? '└─ ' : '├─ '}`, `${guide}${last ? '   ' : '│  '}`);
		});
	};
	visit(root, indent, indent);
	return lines;
}
