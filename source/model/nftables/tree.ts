/**
 * The nftables rules of one Service as a tree per service port, in the shape the iptables tree
 * has (so the TUI draws both alike): each verdict-map element that lets traffic in (service-ips,
 * service-nodeports, firewall-ips) → the service chain → each endpoint chain with its DNAT target
 * and its share. nftables picks an endpoint with one `numgen random mod N` lookup, so every
 * endpoint gets exactly 1/N; iptables' tree shows its cascade of probabilities instead.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import type { ProxyEndpoint } from '../iptables/proxy-endpoints.js';
import { skippedBecause } from '../iptables/service-ports.js';
import type { ProxySettings } from '../iptables/settings.js';
import { shareText, type ChainTree, type ChainTreeNode } from '../iptables/tree.js';
import { nftLocalDetector, nftRulesFor } from './generate.js';
import type { NftFamily, NftPortPlan } from './ruleset.js';

function node(label: string, detail?: string, children: ChainTreeNode[] = []): ChainTreeNode {
	return detail === undefined ? { label, children } : { label, detail, children };
}

function endpointNode(plan: NftPortPlan, e: ProxyEndpoint, index: number, count: number): ChainTreeNode {
	const where = [e.pod && `pod ${e.pod}`, e.nodeName && `node ${e.nodeName}`, e.terminating && 'terminating'].filter(Boolean).join(', ');
	return {
		label: plan.endpointChains.get(e.ep) ?? e.ep,
		detail: `DNAT → ${e.ep}${where ? ` (${where})` : ''} · numgen ${index} of mod ${count}`,
		share: shareText(count),
		children: [],
	};
}

function serviceChainNode(plan: NftPortPlan, local: boolean, settings: ProxySettings, family: NftFamily, withMasquerade: boolean): ChainTreeNode {
	const eps = local ? plan.cat.localEps : plan.cat.clusterEps;
	const chain = local ? plan.chains.local : plan.chains.service;
	const which = local
		? `endpoints on ${settings.nodeName || 'this node'} only${plan.cat.localTerminatingFallback ? ' (terminating ones: none is ready)' : ''}`
		: `endpoints cluster-wide${plan.cat.clusterTerminatingFallback ? ' (terminating ones: none is ready)' : ''}${plan.cat.topologyMode ? ` (topology: ${plan.cat.topologyMode})` : ''}`;
	const children: ChainTreeNode[] = [];
	if (withMasquerade) {
		const detector = nftLocalDetector(settings, family);
		if (settings.masqueradeAll) children.push(node('mark-for-masquerade', 'masquerade all ClusterIP traffic (masqueradeAll)'));
		else if (detector) children.push(node('mark-for-masquerade', `masquerade traffic not from pods (${detector.ifNotLocal})`));
	}
	if (plan.sp.stickySeconds > 0) children.push(node(`${family} saddr @affinity-…`, `ClientIP affinity: a known client goes straight to its endpoint for ${plan.sp.stickySeconds}s`));
	eps.forEach((e, i) => children.push(endpointNode(plan, e, i, eps.length)));
	const pick = eps.length > 0 ? `; numgen random mod ${eps.length}: each exactly 1/${eps.length}` : '';
	return node(chain, `${eps.length} ${which}${pick}`, children);
}

function reference(chain: string, what: string): ChainTreeNode {
	return node(chain, `→ ${what} (above)`);
}

function noEndpoint(plan: NftPortPlan, local: string): string {
	return plan.noEndpointVerdict === 'drop'
		? `drop: Local policy and no ready endpoint on ${local}`
		: 'reject (goto reject-chain): no ready endpoint';
}

function externalChainNode(plan: NftPortPlan, settings: ProxySettings, family: NftFamily, firstUse: { local: boolean }): ChainTreeNode {
	const { sp } = plan;
	const children: ChainTreeNode[] = [];
	if (!sp.externalPolicyLocal) children.push(node('mark-for-masquerade', 'masquerade: external traffic may go to another node'));
	else {
		const detector = nftLocalDetector(settings, family);
		if (detector) children.push(reference(plan.chains.service, `pod traffic (${detector.ifLocal}) uses every endpoint`));
		children.push(node('mark-for-masquerade', 'masquerade traffic from the node itself (fib saddr type local)'));
		children.push(reference(plan.chains.service, 'traffic from the node itself uses every endpoint'));
	}
	if (plan.hasExternal) {
		if (sp.externalPolicyLocal && !firstUse.local) {
			firstUse.local = true;
			children.push(serviceChainNode(plan, true, settings, family, false));
		} else children.push(reference(plan.externalPolicyChain, sp.externalPolicyLocal ? 'local endpoints' : 'every endpoint'));
	}
	return node(plan.chains.external, sp.externalPolicyLocal ? 'externalTrafficPolicy Local' : 'externalTrafficPolicy Cluster', children);
}

function treeFor(plan: NftPortPlan, settings: ProxySettings, family: NftFamily): ChainTree {
	const { sp, cat } = plan;
	const p = sp.protocol;
	const here = settings.nodeName || 'this node';
	const key = (ip: string) => `${ip} . ${p} . ${sp.port}`;
	const entries: ChainTreeNode[] = [];
	const firstUse = { local: false };
	let why: string | undefined;

	if (plan.hasInternal) {
		if (sp.internalPolicyLocal) firstUse.local = true;
		entries.push(node(`service-ips ${key(sp.clusterIP)}`, 'cluster IP', [serviceChainNode(plan, sp.internalPolicyLocal, settings, family, true)]));
	} else {
		entries.push(node(`no-endpoint-services ${key(sp.clusterIP)}`, `cluster IP → ${noEndpoint(plan, here)}`));
		why = !cat.hasAny
			? `no ready endpoints: kube-proxy rejects traffic to ${sp.clusterIP}:${sp.port} (service-endpoints-check)`
			: `internalTrafficPolicy Local and no ready endpoint on ${here}: kube-proxy drops traffic to ${sp.clusterIP}:${sp.port}`;
	}
	const external = (mapLabel: string, detail: string, firewalled: boolean) => {
		const children: ChainTreeNode[] = [];
		if (firewalled) {
			const allowed = [...sp.sourceRanges];
			children.push(node(plan.chains.firewall, `firewall-check, before DNAT: drop sources outside ${allowed.join(', ')}`));
		}
		if (cat.hasAny) children.push(externalChainNode(plan, settings, family, firstUse));
		if (!plan.hasExternal) children.push(node('no-endpoint-services/-nodeports', noEndpoint(plan, here)));
		entries.push(node(mapLabel, detail, children));
	};
	for (const ip of sp.externalIPs) external(`service-ips ${key(ip)}`, 'external IP', false);
	for (const vip of sp.loadBalancerVIPs) external(`service-ips ${key(vip)}`, 'load balancer', plan.usesF);
	if (sp.nodePort !== 0) external(`service-nodeports ${p} . ${sp.nodePort}`, 'NodePort', false);
	const protocol = p.toUpperCase();
	return {
		port: `${sp.serviceKey}:${sp.port}/${protocol}`,
		spn: sp.spn,
		root: node(`${sp.spn} ${sp.port}/${protocol}`, `${cat.reachableEps.length} endpoint chain(s) in table ${family} kube-proxy on ${here}`, entries),
		...(why ? { why } : {}),
	};
}

function isContext(input: Snapshot | ModelContext): input is ModelContext {
	return 'snapshot' in input && 'serviceByKey' in input;
}

/** One tree per port of the Service `ns/name` as kube-proxy's nftables mode on `settings.nodeName` sees it. */
export function nftChainTrees(input: Snapshot | ModelContext, serviceKey: string, settings: ProxySettings): ChainTree[] {
	const snapshot = isContext(input) ? input.snapshot : input;
	const service = snapshot.services.find((s) => `${s.namespace}/${s.name}` === serviceKey);
	if (!service) return [];
	const skipped = skippedBecause(service, settings.family);
	if (skipped) {
		const ports = service.ports.length > 0 ? service.ports : [undefined];
		return ports.map((port) => {
			const spn = port?.name ? `${serviceKey}:${port.name}` : serviceKey;
			const label = port ? `${spn} ${port.port}/${port.protocol}` : serviceKey;
			return { port: port ? `${serviceKey}:${port.port}/${port.protocol}` : serviceKey, spn, root: node(label, 'no kube-proxy rules'), why: skipped };
		});
	}
	const ruleSet = nftRulesFor(snapshot, settings, { services: new Set([serviceKey]) });
	return ruleSet.ports.map((plan) => treeFor(plan, settings, ruleSet.family));
}
