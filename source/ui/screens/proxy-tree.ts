/**
 * The kube-proxy chain tree as the detail screen draws it: KUBE-SERVICES → KUBE-SVC-… →
 * KUBE-SEP-…, each endpoint with its real share of the traffic. The iptables model computes the
 * trees; this file only declares the shape the screen reads and turns a tree into lines.
 */
import type { Analysis } from '../../model/analyze.js';
import { safe } from '../../report/safe-text.js';
import { seg, type Line } from '../lines.js';

export interface ProxyTreeNode {
	label: string;
	detail?: string;
	/** Fraction of the port's traffic that reaches this node (0–1). */
	share?: number;
	children: ProxyTreeNode[];
}

export interface ProxyTrees {
	/** One tree per Service port. */
	trees: { port: string; root: ProxyTreeNode }[];
	/** One line saying why there is no tree (no rules on that node, headless…). */
	why?: string;
}

export type ProxyTreeProvider = (analysis: Analysis, serviceKey: string, node: string) => ProxyTrees;

export function percent(share: number): string {
	const p = share * 100;
	return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

/** Draws a tree with ├─ └─ │ guides, the share in front of the label where there is one. */
export function treeLines(root: ProxyTreeNode, indent = '  '): Line[] {
	const lines: Line[] = [];
	const visit = (node: ProxyTreeNode, prefix: string, guide: string) => {
		const line: Line = [seg(prefix, 'muted')];
		if (node.share !== undefined) line.push(seg(`${percent(node.share).padStart(6)} `, node.share === 0 ? 'error' : 'ok'));
		line.push(seg(safe(node.label), 'accent'));
		if (node.detail) line.push(seg(`  ${safe(node.detail)}`, 'muted'));
		lines.push(line);
		node.children.forEach((child, i) => {
			const last = i === node.children.length - 1;
			visit(child, `${guide}${last ? '└─ ' : '├─ '}`, `${guide}${last ? '   ' : '│  '}`);
		});
	};
	visit(root, indent, indent);
	return lines;
}
