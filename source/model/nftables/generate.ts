/**
 * kube-proxy's nftables mode, reproduced: Services and EndpointSlices in, the `kube-proxy` table
 * of one full sync out (nftables-spec.md §3–§8). It shares the service ports, the endpoint
 * categorisation and the settings with the iptables model: only the rules differ.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import { nodePortCIDRs, sortedServices } from '../iptables/generate.js';
import { categorize, endpointsFor, proxySlices, type ProxyEndpoint } from '../iptables/proxy-endpoints.js';
import type { SkippedService } from '../iptables/ruleset.js';
import { servicePortsOf, skippedBecause, type ProxyServicePort } from '../iptables/service-ports.js';
import { masqueradeMark, type ProxySettings } from '../iptables/settings.js';
import { cidrContains, formatCIDR, formatIP, isLoopback, isZeroCIDR, parseCIDR, parseIP, type CIDR, type IP } from '../net.js';
import { endpointChainBase, servicePortChainBase } from './names.js';
import type { NftChain, NftElement, NftFamily, NftPortPlan, NftRule, NftRuleSet, NftSet } from './ruleset.js';

export interface NftSelection {
	/** Only these Services (`ns/name`); the fixed objects are still written. */
	services?: ReadonlySet<string>;
}

/** The local-traffic detector's nft fragments (localdetector.go), or undefined for the no-op one. */
export function nftLocalDetector(settings: ProxySettings, family: NftFamily): { ifLocal: string; ifNotLocal: string } | undefined {
	const ofFamily = (cidrs: string[]) => cidrs.filter((c) => (c.includes(':') ? 'IPv6' : 'IPv4') === settings.family);
	switch (settings.detectLocalMode) {
		case 'ClusterCIDR':
		case 'NodeCIDR': {
			const cidr = ofFamily(settings.detectLocalMode === 'ClusterCIDR' ? settings.clusterCIDRs : settings.podCIDRs)[0];
			return cidr ? { ifLocal: `${family} saddr ${cidr}`, ifNotLocal: `${family} saddr != ${cidr}` } : undefined;
		}
		case 'BridgeInterface':
			return settings.bridgeInterface ? { ifLocal: `iif ${settings.bridgeInterface}`, ifNotLocal: `iif != ${settings.bridgeInterface}` } : undefined;
		case 'InterfaceNamePrefix':
			return settings.interfaceNamePrefix
				? { ifLocal: `iif ${settings.interfaceNamePrefix}*`, ifNotLocal: `iif != ${settings.interfaceNamePrefix}*` }
				: undefined;
		default:
			return undefined;
	}
}

/** §5: the decisions for one service port. */
export function planNftPort(sp: ProxyServicePort, endpoints: ProxyEndpoint[], settings: ProxySettings): NftPortPlan {
	const cat = categorize(sp, endpoints, settings.nodeName, settings.zone, settings.kernel.nodeHints);
	const base = servicePortChainBase(sp.serviceKey, sp.protocol, sp.portName);
	const chains = { service: `service-${base}`, local: `local-${base}`, external: `external-${base}`, firewall: `firewall-${base}` };
	const endpointChains = new Map<string, string>();
	for (const e of cat.reachableEps) {
		endpointChains.set(e.ep, `endpoint-${endpointChainBase(sp.serviceKey, sp.protocol, sp.portName, e.ip, e.port)}`);
	}
	return {
		sp,
		endpoints,
		cat,
		chains,
		usesC: cat.clusterEps.length > 0 && sp.usesClusterEndpoints,
		usesL: cat.localEps.length > 0 && sp.usesLocalEndpoints,
		usesE: cat.hasAny && sp.externallyAccessible,
		// Unlike iptables mode, the firewall does not depend on endpoints.
		usesF: sp.loadBalancerVIPs.length > 0 && sp.sourceRanges.length > 0,
		hasInternal: cat.hasAny && !(sp.internalPolicyLocal && cat.localEps.length === 0),
		hasExternal: cat.hasAny && !(sp.externalPolicyLocal && cat.localEps.length === 0),
		internalChain: sp.internalPolicyLocal ? chains.local : chains.service,
		externalPolicyChain: sp.externalPolicyLocal ? chains.local : chains.service,
		noEndpointVerdict: cat.hasAny ? 'drop' : 'goto reject-chain',
		endpointChains,
	};
}

class TableWriter {
	readonly chains: NftChain[] = [];
	readonly sets: NftSet[] = [];
	readonly rules: NftRule[] = [];
	private readonly elementIndex = new Map<string, NftElement>();

	chain(name: string, options?: string, spn?: string): void {
		const chain: NftChain = { name };
		if (options !== undefined) chain.options = options;
		if (spn !== undefined) chain.spn = spn;
		this.chains.push(chain);
	}

	set(kind: 'set' | 'map', name: string, options: string, spn?: string): void {
		const set: NftSet = { kind, name, options };
		if (spn !== undefined) set.spn = spn;
		this.sets.push(set);
	}

	rule(chain: string, text: string, spn?: string): void {
		const rule: NftRule = { chain, text };
		if (spn !== undefined) rule.spn = spn;
		this.rules.push(rule);
	}

	/** One element per set and key, as nft keeps them (a ClusterIP shared by ports is one element). */
	element(set: string, key: string, value?: string, comment?: string, spn?: string): void {
		const element: NftElement = { set, key };
		if (comment !== undefined) element.comment = comment;
		if (value !== undefined) element.value = value;
		if (spn !== undefined) element.spn = spn;
		this.elementIndex.set(`${set} ${key}`, element);
	}

	elements(): NftElement[] {
		return [...this.elementIndex.values()];
	}
}

/** §3: the table's fixed sets, maps, base chains and rules. */
function writeFixed(w: TableWriter, f: NftFamily, mark: string, serviceCIDRs: string[], nodePortIPs: string[] | undefined): void {
	const addr = f === 'ip' ? 'ipv4_addr' : 'ipv6_addr';
	const loopback = f === 'ip' ? '127.0.0.0/8' : '::1';
	w.set('set', 'cluster-ips', `{ type ${addr} ; comment "Active ClusterIPs" ; }`);
	if (nodePortIPs) w.set('set', 'nodeport-ips', `{ type ${addr} ; comment "IPs that accept NodePort traffic" ; }`);
	const map = (name: string, key: string, comment: string) => w.set('map', name, `{ type ${key} : verdict ; comment "${comment}" ; }`);
	map('service-ips', `${addr} . inet_proto . inet_service`, 'ClusterIP, ExternalIP and LoadBalancer IP traffic');
	map('service-nodeports', 'inet_proto . inet_service', 'NodePort traffic');
	map('no-endpoint-services', `${addr} . inet_proto . inet_service`, 'vmap to drop or reject packets to services with no endpoints');
	map('no-endpoint-nodeports', 'inet_proto . inet_service', 'vmap to drop or reject packets to service nodeports with no endpoints');
	map('firewall-ips', `${addr} . inet_proto . inet_service`, 'destinations that are subject to LoadBalancerSourceRanges');

	const base = (name: string, type: string, hook: string, priority: number) =>
		w.chain(name, `{ type ${type} hook ${hook} priority ${priority} ; }`);
	base('filter-prerouting-pre-dnat', 'filter', 'prerouting', -110);
	base('filter-output-pre-dnat', 'filter', 'output', -110);
	base('filter-input', 'filter', 'input', 0);
	base('filter-forward', 'filter', 'forward', 0);
	base('filter-output', 'filter', 'output', 0);
	base('nat-prerouting', 'nat', 'prerouting', -100);
	base('nat-output', 'nat', 'output', -100);
	base('nat-postrouting', 'nat', 'postrouting', 100);
	for (const name of ['mark-for-masquerade', 'masquerading', 'cluster-ips-check', 'service-endpoints-check', 'nodeport-endpoints-check', 'firewall-check', 'services']) {
		w.chain(name);
	}
	w.chain('reject-chain', '{ comment "helper for @no-endpoint-services / @no-endpoint-nodeports" ; }');

	// The jumps from the base chains; their order inside a base chain matters.
	w.rule('filter-input', 'ct state new jump nodeport-endpoints-check');
	w.rule('filter-input', 'ct state new jump service-endpoints-check');
	for (const chain of ['filter-forward', 'filter-output']) {
		w.rule(chain, 'ct state new jump service-endpoints-check');
		w.rule(chain, 'ct state new jump cluster-ips-check');
	}
	w.rule('filter-prerouting-pre-dnat', 'ct state new jump firewall-check');
	w.rule('filter-output-pre-dnat', 'ct state new jump firewall-check');
	w.rule('nat-prerouting', 'jump services');
	w.rule('nat-output', 'jump services');
	w.rule('nat-postrouting', 'jump masquerading');

	w.rule('mark-for-masquerade', `mark set mark or ${mark}`);
	w.rule('masquerading', `mark and ${mark} == 0 return`);
	w.rule('masquerading', `mark set mark xor ${mark}`);
	w.rule('masquerading', 'masquerade fully-random');
	w.rule('cluster-ips-check', `${f} daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"`);
	if (serviceCIDRs.length > 0) {
		w.rule('cluster-ips-check', `${f} daddr { ${serviceCIDRs.join(',')} } drop comment "Drop traffic to unallocated ClusterIPs"`);
	}
	w.rule('reject-chain', 'reject');
	w.rule('service-endpoints-check', `${f} daddr . meta l4proto . th dport vmap @no-endpoint-services`);
	w.rule('firewall-check', `${f} daddr . meta l4proto . th dport vmap @firewall-ips`);
	w.rule('services', `${f} daddr . meta l4proto . th dport vmap @service-ips`);
	if (nodePortIPs) {
		w.rule('nodeport-endpoints-check', `${f} daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports`);
		w.rule('services', `${f} daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports`);
		for (const ip of nodePortIPs) w.element('nodeport-ips', ip);
	} else {
		w.rule('nodeport-endpoints-check', `${f} daddr != ${loopback} meta l4proto . th dport vmap @no-endpoint-nodeports`);
		w.rule('services', `fib daddr type local ${f} daddr != ${loopback} meta l4proto . th dport vmap @service-nodeports`);
	}
}

interface PortContext {
	family: NftFamily;
	detector?: { ifLocal: string; ifNotLocal: string };
	masqueradeAll: boolean;
	nodeIP?: IP;
}

/** §5 step 5: affinity shortcuts, then one numgen vmap that gives each endpoint exactly 1/N. */
function writeDispatch(w: TableWriter, plan: NftPortPlan, chain: string, eps: readonly ProxyEndpoint[], f: NftFamily): void {
	const spn = plan.sp.spn;
	const target = (e: ProxyEndpoint) => plan.endpointChains.get(e.ep)!;
	if (plan.sp.stickySeconds > 0) {
		for (const e of eps) w.rule(chain, `${f} saddr @affinity-${target(e).slice('endpoint-'.length)} goto ${target(e)}`, spn);
	}
	const vmap = eps.map((e, i) => `${i} : goto ${target(e)}`).join(' , ');
	w.rule(chain, `numgen random mod ${eps.length} vmap { ${vmap} }`, spn);
}

function writePort(w: TableWriter, plan: NftPortPlan, ctx: PortContext): void {
	const { sp, cat } = plan;
	const { spn, protocol: p } = sp;
	const f = ctx.family;
	const key = (ip: string) => `${ip} . ${p} . ${sp.port}`;
	const { service: C, local: L, external: E, firewall: F } = plan.chains;
	const V = plan.noEndpointVerdict;

	// Elements.
	w.element('cluster-ips', sp.clusterIP, undefined, undefined, spn);
	if (plan.hasInternal) w.element('service-ips', key(sp.clusterIP), `goto ${plan.internalChain}`, undefined, spn);
	else w.element('no-endpoint-services', key(sp.clusterIP), V, spn, spn);
	for (const ip of sp.externalIPs) {
		if (cat.hasAny) w.element('service-ips', key(ip), `goto ${E}`, undefined, spn);
		if (!plan.hasExternal) w.element('no-endpoint-services', key(ip), V, spn, spn);
	}
	for (const vip of sp.loadBalancerVIPs) {
		if (cat.hasAny) w.element('service-ips', key(vip), `goto ${E}`, undefined, spn);
		if (plan.usesF) w.element('firewall-ips', key(vip), `goto ${F}`, undefined, spn);
	}
	if (!plan.hasExternal) for (const vip of sp.loadBalancerVIPs) w.element('no-endpoint-services', key(vip), V, spn, spn);
	if (sp.nodePort !== 0) {
		if (cat.hasAny) w.element('service-nodeports', `${p} . ${sp.nodePort}`, `goto ${E}`, undefined, spn);
		if (!plan.hasExternal) w.element('no-endpoint-nodeports', `${p} . ${sp.nodePort}`, V, spn, spn);
	}

	// Chains, created only when used: endpoint chains, then service, local, external, firewall.
	for (const e of cat.reachableEps) w.chain(plan.endpointChains.get(e.ep)!, undefined, spn);
	if (plan.usesC) w.chain(C, undefined, spn);
	if (plan.usesL) w.chain(L, undefined, spn);
	if (plan.usesE) w.chain(E, undefined, spn);
	if (plan.usesF) w.chain(F, undefined, spn);

	// 1. Masquerade ClusterIP traffic that does not come from a pod (no port match: only this port gets here).
	if (plan.hasInternal) {
		if (ctx.masqueradeAll) w.rule(plan.internalChain, `${f} daddr ${sp.clusterIP} jump mark-for-masquerade`, spn);
		else if (ctx.detector) w.rule(plan.internalChain, `${f} daddr ${sp.clusterIP} ${ctx.detector.ifNotLocal} jump mark-for-masquerade`, spn);
	}
	// 2. The external chain.
	if (plan.usesE) {
		if (!sp.externalPolicyLocal) w.rule(E, 'jump mark-for-masquerade', spn);
		else {
			if (ctx.detector) w.rule(E, `${ctx.detector.ifLocal} goto ${C} comment "short-circuit pod traffic"`, spn);
			w.rule(E, 'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"', spn);
			w.rule(E, `fib saddr type local goto ${C} comment "short-circuit local traffic"`, spn);
		}
		if (plan.hasExternal) w.rule(E, `goto ${plan.externalPolicyChain}`, spn);
	}
	// 3. loadBalancerSourceRanges; a range that holds the node lets the VIPs in too.
	if (plan.usesF) {
		const allowed = [...sp.sourceRanges];
		if (ctx.nodeIP && sp.sourceRangeCIDRs.some((c) => cidrContains(c, ctx.nodeIP!))) allowed.push(...sp.loadBalancerVIPs);
		w.rule(F, `${f} saddr != { ${allowed.join(' , ')} } drop`, spn);
	}
	// 4. ClientIP affinity: a dynamic set of client addresses per endpoint.
	if (sp.stickySeconds > 0) {
		for (const e of cat.reachableEps) {
			const name = `affinity-${plan.endpointChains.get(e.ep)!.slice('endpoint-'.length)}`;
			w.set('set', name, `{ type ${f === 'ip' ? 'ipv4_addr' : 'ipv6_addr'} ; flags dynamic,timeout ; timeout ${sp.stickySeconds}s ; }`, spn);
		}
	}
	// 5. Service chains.
	if (plan.usesC) writeDispatch(w, plan, C, cat.clusterEps, f);
	if (plan.usesL) writeDispatch(w, plan, L, cat.localEps, f);
	// 6. Endpoint chains: hairpin masquerade, affinity update, DNAT.
	for (const e of cat.reachableEps) {
		const chain = plan.endpointChains.get(e.ep)!;
		w.rule(chain, `${f} saddr ${e.ip} jump mark-for-masquerade`, spn);
		if (sp.stickySeconds > 0) w.rule(chain, `update @affinity-${chain.slice('endpoint-'.length)} { ${f} saddr }`, spn);
		w.rule(chain, `meta l4proto ${p} dnat to ${e.ep}`, spn);
	}
}

/** §8: the node's addresses of this family that take NodePorts, or undefined for "every local address". */
function nodePortAddressesOf(settings: ProxySettings): string[] | undefined {
	const cidrs: CIDR[] = nodePortCIDRs(settings);
	if (cidrs.length === 0 || cidrs.some(isZeroCIDR)) return undefined;
	const out = new Set<string>();
	for (const text of settings.nodeIPs) {
		const ip = parseIP(text);
		// Loopback is skipped: nftables mode never serves NodePorts on localhost.
		if (!ip || ip.family !== settings.family || isLoopback(ip)) continue;
		if (cidrs.some((c) => cidrContains(c, ip))) out.add(formatIP(ip));
	}
	return [...out];
}

function serviceCIDRsOf(snapshot: Snapshot, settings: ProxySettings): string[] {
	return (snapshot.serviceCIDRs ?? [])
		.map((c) => parseCIDR(c.trim()))
		.filter((c): c is CIDR => c !== undefined && c.ip.family === settings.family)
		.map(formatCIDR);
}

/** kube-proxy's nftables full sync for the node and family in `settings`. */
export function nftRulesFor(snapshot: Snapshot, settings: ProxySettings, selection: NftSelection = {}): NftRuleSet {
	const family: NftFamily = settings.family === 'IPv4' ? 'ip' : 'ip6';
	// The slices kube-proxy reads, or, when the input has none for a Service, the ones the
	// EndpointSlice controller would publish for its pods (listed in derivedEndpoints).
	const { byService: slices, derived: derivedEndpoints, notGiven } = proxySlices(snapshot);
	const skipped: SkippedService[] = [];
	const ports: NftPortPlan[] = [];
	for (const service of sortedServices(snapshot.services)) {
		const key = `${service.namespace}/${service.name}`;
		if (selection.services && !selection.services.has(key)) continue;
		const why = skippedBecause(service, settings.family);
		if (why) {
			skipped.push({ serviceKey: key, why });
			continue;
		}
		for (const sp of servicePortsOf(service, settings.family)) {
			ports.push(planNftPort(sp, endpointsFor(sp, slices.get(key) ?? [], settings.family, settings.nodeName), settings));
		}
	}
	const mark = masqueradeMark(settings);
	const serviceCIDRs = serviceCIDRsOf(snapshot, settings);
	const nodePortIPs = nodePortAddressesOf(settings);
	const w = new TableWriter();
	writeFixed(w, family, mark, serviceCIDRs, nodePortIPs);
	const ctx: PortContext = {
		family,
		detector: nftLocalDetector(settings, family),
		masqueradeAll: settings.masqueradeAll,
		nodeIP: settings.nodeIPs.map((t) => parseIP(t)).find((ip) => ip?.family === settings.family),
	};
	for (const plan of ports) writePort(w, plan, ctx);
	const ruleSet: NftRuleSet = {
		settings,
		family,
		table: `${family} kube-proxy`,
		chains: w.chains,
		sets: w.sets,
		rules: w.rules,
		elements: w.elements(),
		ports,
		skipped,
		masqueradeMark: mark,
		serviceCIDRs,
	};
	if (nodePortIPs) ruleSet.nodePortIPs = nodePortIPs;
	if (derivedEndpoints.length > 0) ruleSet.derivedEndpoints = derivedEndpoints;
	if (notGiven.length > 0) ruleSet.endpointsNotGiven = notGiven;
	return ruleSet;
}

/**
 * One table per IP family the node has addresses in (a dual-stack node runs two proxiers: `ip
 * kube-proxy` and `ip6 kube-proxy`), primary family first; the settings' family when no address is known.
 */
export function nftTablesFor(snapshot: Snapshot, settings: ProxySettings, selection: NftSelection = {}): NftRuleSet[] {
	const families: ProxySettings['family'][] = [settings.family];
	for (const text of settings.nodeIPs) {
		const ip = parseIP(text);
		if (ip && !families.includes(ip.family)) families.push(ip.family);
	}
	return families.map((family) => nftRulesFor(snapshot, { ...settings, family }, selection));
}
