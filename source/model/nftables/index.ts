/**
 * kube-proxy's nftables mode for one node, as pure functions: the ruleset, its `nft -f` text,
 * a packet trace through it and a per-port tree for the TUI. Settings, service ports and
 * endpoints are the iptables model's: the two modes read the same objects.
 */
export { nftRulesFor, nftTablesFor, planNftPort, nftLocalDetector } from './generate.js';
export type { NftSelection } from './generate.js';
export type { NftRuleSet, NftPortPlan, NftRule, NftChain, NftSet, NftElement, NftFamily } from './ruleset.js';
export { nftLines, nftText, canonicalNft } from './dump.js';
export type { NftDumpOptions } from './dump.js';
export { servicePortChainBase, endpointChainBase } from './names.js';
export { nftTrace } from './trace.js';
export type { NftTraceResult, NftTraceStep } from './trace.js';
export { nftChainTrees } from './tree.js';
