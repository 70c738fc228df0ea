/**
 * The kube-proxy rules of one Service as a tree per service port, for the TUI to draw: each way
 * in (cluster IP, external IP, load balancer, NodePort) → the service chain → each endpoint chain
 * with its DNAT target, the probability kube-proxy writes and the share it really gets. Plain
 * data, no rendering: the UI decides how it looks.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { rulesFor } from './generate.js';
import { probability } from './probability.js';
import type { ProxyEndpoint } from './proxy-endpoints.js';
import type { PortPlan } from './ruleset.js';
import { skippedBecause } from './service-ports.js';
import { localDetector, type ProxySettings } from './settings.js';

export interface ChainTreeNode {
	label: string;
	detail?: string;
	/** The share of new connections this branch gets, e.g. "33%". */
	share?: string;
	children: ChainTreeNode[];
}

export interface ChainTree {
	/** `ns/name:port/PROTO`, kube-proxy's unit. */
	port: string;
	/** kube-proxy's service port name (`ns/name` or `ns/name:portname`). */
	spn: string;
	root: ChainTreeNode;
	/** Set when no service chain exists: why, in one line. */
	why?: string;
}

/** 1/n as a percentage people read: 33%, 12.5%, 0.1%. */
export function shareText(n: number): string {
	const percent = 100 / n;
	if (Number.isInteger(percent)) return `${percent}%`;
	const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : percent >= 0.1 ? 2 : 3;
	return `${Number(percent.toFixed(digits))}%`;
}

function node(label: string, detail?: string, children: ChainTreeNode[] = []): ChainTreeNode {
	return detail === undefined ? { label, children } : { label, detail, children };
}

function endpointNode(e: ProxyEndpoint, index: number, count: number): ChainTreeNode {
	const where = [e.pod && `pod ${e.pod}`, e.nodeName && `node ${e.nodeName}`, e.terminating && 'terminating'].filter(Boolean).join(', ');
	const chance = index < count - 1 ? `probability ${probability(count - index)}` : 'the rest';
	return {
		label: e.chain,
		detail: `DNAT → ${e.ep}${where ? ` (${where})` : ''} · ${chance}`,
		share: shareText(count),
		children: [],
	};
}

function serviceChainNode(plan: PortPlan, local: boolean, settings: ProxySettings, withMasquerade: boolean): ChainTreeNode {
	const eps = local ? plan.cat.localEps : plan.cat.clusterEps;
	const chain = local ? plan.sp.chains.svl : plan.sp.chains.svc;
	const which = local
		? `endpoints on ${settings.nodeName || 'this node'} only${plan.cat.localTerminatingFallback ? ' (terminating ones: none is ready)' : ''}`
		: `endpoints cluster-wide${plan.cat.clusterTerminatingFallback ? ' (terminating ones: none is ready)' : ''}${plan.cat.topologyMode ? ` (topology: ${plan.cat.topologyMode})` : ''}`;
	const children: ChainTreeNode[] = [];
	if (withMasquerade) {
		const detector = localDetector(settings);
		if (settings.masqueradeAll) children.push(node('KUBE-MARK-MASQ', 'masquerade all cluster-IP traffic (masqueradeAll)'));
		else if (detector) children.push(node('KUBE-MARK-MASQ', `masquerade traffic not from pods (${detector.ifNotLocal})`));
	}
	const sticky = plan.sp.stickySeconds > 0 ? `; ClientIP affinity ${plan.sp.stickySeconds}s` : '';
	eps.forEach((e, i) => children.push(endpointNode(e, i, eps.length)));
	return node(chain, `${eps.length} ${which}${sticky}`, children);
}

function reference(chain: string, what: string): ChainTreeNode {
	return node(chain, `→ ${what} (above)`);
}

function externalChainNode(plan: PortPlan, settings: ProxySettings, firstUse: { local: boolean }): ChainTreeNode {
	const { sp } = plan;
	const children: ChainTreeNode[] = [];
	if (!sp.externalPolicyLocal) {
		children.push(node('KUBE-MARK-MASQ', 'masquerade: external traffic may go to another node'));
	} else {
		const detector = localDetector(settings);
		if (detector) children.push(reference(sp.chains.svc, `pod traffic (${detector.ifLocal}) uses every endpoint`));
		children.push(node('KUBE-MARK-MASQ', 'masquerade traffic from the node itself'));
		children.push(reference(sp.chains.svc, 'traffic from the node itself uses every endpoint'));
	}
	if (plan.hasExternal) {
		if (sp.externalPolicyLocal && !firstUse.local) {
			firstUse.local = true;
			children.push(serviceChainNode(plan, true, settings, false));
		} else children.push(reference(plan.externalPolicyChain, sp.externalPolicyLocal ? 'local endpoints' : 'every endpoint'));
	} else {
		children.push(node(plan.externalVerdict!, `filter KUBE-EXTERNAL-SERVICES: ${plan.externalVerdictComment}`));
	}
	const policy = sp.externalPolicyLocal ? 'externalTrafficPolicy Local' : 'externalTrafficPolicy Cluster';
	return node(sp.chains.ext, policy, children);
}

function treeFor(plan: PortPlan, settings: ProxySettings): ChainTree {
	const { sp, cat } = plan;
	const p = sp.protocol;
	const entries: ChainTreeNode[] = [];
	const firstUse = { local: false };
	let why: string | undefined;

	if (plan.hasInternal) {
		const local = sp.internalPolicyLocal;
		if (local) firstUse.local = true;
		entries.push(node(`KUBE-SERVICES ${sp.clusterIP}:${sp.port}/${p}`, 'cluster IP', [serviceChainNode(plan, local, settings, true)]));
	} else {
		const verdict = plan.internalVerdict!;
		entries.push(node(`KUBE-SERVICES ${sp.clusterIP}:${sp.port}/${p}`, `cluster IP → ${verdict} (filter: ${plan.internalVerdictComment})`));
		why = !cat.hasAny
			? `no ready endpoints: kube-proxy REJECTs traffic to ${sp.clusterIP}:${sp.port}`
			: `internalTrafficPolicy Local and no ready endpoint on ${settings.nodeName || 'this node'}: kube-proxy DROPs traffic to ${sp.clusterIP}:${sp.port}`;
	}
	const external = (label: string, detail: string, viaFirewall = false) => {
		if (!cat.hasAny) {
			entries.push(node(label, `${detail} → ${plan.externalVerdict} (filter: ${plan.externalVerdictComment})`));
			return;
		}
		if (viaFirewall) {
			const allowed = [...sp.sourceRanges, ...(plan.allowFromNode ? sp.loadBalancerVIPs.map((v) => `${v} (the node, via the VIP)`) : [])];
			const fw = node(sp.chains.fw, 'loadBalancerSourceRanges', [
				node(`from ${allowed.join(', ')}`, 'allowed', [externalChainNode(plan, settings, firstUse)]),
				node('DROP', 'other sources: filter KUBE-PROXY-FIREWALL drops them'),
			]);
			entries.push(node(label, detail, [fw]));
			return;
		}
		entries.push(node(label, detail, [externalChainNode(plan, settings, firstUse)]));
	};
	for (const ip of sp.externalIPs) external(`KUBE-SERVICES ${ip}:${sp.port}/${p}`, 'external IP');
	for (const vip of sp.loadBalancerVIPs) external(`KUBE-SERVICES ${vip}:${sp.port}/${p}`, 'load balancer', plan.usesF);
	if (sp.nodePort !== 0) external(`KUBE-NODEPORTS :${sp.nodePort}/${p}`, 'NodePort on every node address');
	if (sp.healthCheckNodePort !== 0) {
		entries.push(node(`KUBE-NODEPORTS :${sp.healthCheckNodePort}/tcp`, 'health check node port → ACCEPT (filter)'));
	}
	const protocol = sp.protocol.toUpperCase();
	return {
		port: `${sp.serviceKey}:${sp.port}/${protocol}`,
		spn: sp.spn,
		root: node(`${sp.spn} ${sp.port}/${protocol}`, `${cat.reachableEps.length} endpoint chain(s) on ${settings.nodeName || 'this node'}`, entries),
		...(why ? { why } : {}),
	};
}

function isContext(input: Snapshot | ModelContext): input is ModelContext {
	return 'snapshot' in input && 'serviceByKey' in input;
}

/** One tree per port of the Service `ns/name` as kube-proxy on `settings.nodeName` sees it. */
export function chainTrees(input: Snapshot | ModelContext, serviceKey: string, settings: ProxySettings): ChainTree[] {
	const snapshot = isContext(input) ? input.snapshot : input;
	const service = snapshot.services.find((s) => `${s.namespace}/${s.name}` === serviceKey);
	if (!service) return [];
	const skipped = skippedBecause(service, settings.family);
	if (skipped) {
		if (service.ports.length === 0) {
			return [{ port: serviceKey, spn: serviceKey, root: node(serviceKey, 'no kube-proxy rules'), why: skipped }];
		}
		return service.ports.map((p) => {
			const spn = p.name ? `${serviceKey}:${p.name}` : serviceKey;
			const port = `${serviceKey}:${p.port}/${p.protocol}`;
			return { port, spn, root: node(`${spn} ${p.port}/${p.protocol}`, 'no kube-proxy rules'), why: skipped };
		});
	}
	const ruleSet = rulesFor(snapshot, settings, { services: new Set([serviceKey]), largeCluster: false });
	return ruleSet.ports.map((plan) => treeFor(plan, settings));
}
