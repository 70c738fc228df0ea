/**
 * kube-proxy's iptables mode for one node, as pure functions: settings, the rule set, its
 * iptables-save text, a packet trace through it and a per-port tree for the TUI.
 */
export { proxySettingsFor, localDetector, masqueradeMark, nodeKernel } from './settings.js';
export type { ProxySettings, NodeView, ProxyOverrides, ResolvedSettings, KernelFacts, DetectLocalMode } from './settings.js';
export { rulesFor, planPort } from './generate.js';
export type { ServiceSelection } from './generate.js';
export type { RuleSet, Rule, Table, TableName, PortPlan, Verdict, SkippedService } from './ruleset.js';
export { iptablesSave, iptablesSaveLines, parseDump, sortDump, printDump, normaliseDump, ruleSetDump, ruleComment } from './dump.js';
export type { Dump, DumpTable, DumpChain, SaveOptions } from './dump.js';
export { chainHash, endpointChainName } from './hash.js';
export { probability, formatFixed10 } from './probability.js';
export { canonicalIP, parseIP, parseCIDR, formatCIDR, familyOf } from '../net.js';
export type { Family } from '../net.js';
export { trace, PacketError } from './trace.js';
export type { Packet, TraceResult, TraceStep, TraceVerdict } from './trace.js';
export { chainTrees, shareText } from './tree.js';
export type { ChainTree, ChainTreeNode } from './tree.js';
