/**
 * kube-proxy's iptables mode, reproduced: Services and EndpointSlices in, the filter and nat
 * tables of one full sync out, rule for rule in kube-proxy's emission order. The steps follow
 * reference/iptables-spec.md (§4–§7); every string here is one kube-proxy writes.
 */
import type { Service, Snapshot } from '../../cluster/snapshot.js';
import { probability } from './probability.js';
import { categorize, endpointsFor, proxySlices, type ProxyEndpoint } from './proxy-endpoints.js';
import {
	cidrContains,
	formatIP,
	ipv4Loopback,
	ipv6Loopback,
	isLoopback,
	isZeroCIDR,
	parseCIDR,
	parseIP,
	type CIDR,
	type IP,
} from '../net.js';
import type { PortPlan, Rule, RuleSet, Table } from './ruleset.js';
import { servicePortsOf, skippedBecause, type ProxyServicePort } from './service-ports.js';
import { localDetector, masqueradeMark, type ProxySettings } from './settings.js';

/** Above this many endpoints kube-proxy drops the comments of SVC→SEP and SEP rules. */
const largeClusterThreshold = 1000;
const nodePortsComment = '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"';

class Writer {
	readonly filter: Table = { name: 'filter', chains: [], rules: [] };
	readonly nat: Table = { name: 'nat', chains: [], rules: [] };
	constructor(
		readonly largeCluster: boolean,
		readonly nfacct: boolean,
		readonly masqueradeAll: boolean,
	) {}

	rule(table: Table, chain: string, args: string, spn?: string): void {
		const rule: Rule = { chain, text: `-A ${chain} ${args}` };
		if (spn !== undefined) rule.spn = spn;
		table.rules.push(rule);
	}

	/** `-m comment --comment X ` unless the cluster is large (only for SVC→SEP and SEP rules). */
	endpointComment(text: string): string {
		return this.largeCluster ? '' : `-m comment --comment ${text} `;
	}
}

function quote(text: string): string {
	return text.includes(' ') ? `"${text}"` : text;
}

/** The decisions of §5 for one service port. */
export function planPort(sp: ProxyServicePort, endpoints: ProxyEndpoint[], settings: ProxySettings, nodeIP?: IP): PortPlan {
	const cat = categorize(sp, endpoints, settings.nodeName, settings.zone, settings.kernel.nodeHints);
	const { svc, svl, ext, fw } = sp.chains;
	const hasInternal = cat.hasAny && !(sp.internalPolicyLocal && cat.localEps.length === 0);
	const hasExternal = cat.hasAny && !(sp.externalPolicyLocal && cat.localEps.length === 0);
	const usesF = cat.hasAny && sp.loadBalancerVIPs.length > 0 && sp.sourceRanges.length > 0;
	const plan: PortPlan = {
		sp,
		endpoints,
		cat,
		usesC: cat.clusterEps.length > 0 && sp.usesClusterEndpoints,
		usesL: cat.localEps.length > 0 && sp.usesLocalEndpoints,
		usesE: cat.hasAny && sp.externallyAccessible,
		usesF,
		hasInternal,
		hasExternal,
		internalChain: sp.internalPolicyLocal ? svl : svc,
		externalPolicyChain: sp.externalPolicyLocal ? svl : svc,
		loadBalancerChain: usesF ? fw : ext,
		allowFromNode: nodeIP !== undefined && sp.sourceRangeCIDRs.some((c) => cidrContains(c, nodeIP)),
	};
	if (!cat.hasAny) {
		plan.internalVerdict = plan.externalVerdict = 'REJECT';
		plan.internalVerdictComment = plan.externalVerdictComment = `${sp.spn} has no endpoints`;
	} else {
		if (!hasInternal) {
			plan.internalVerdict = 'DROP';
			plan.internalVerdictComment = `${sp.spn} has no local endpoints`;
		}
		if (!hasExternal) {
			plan.externalVerdict = 'DROP';
			plan.externalVerdictComment = `${sp.spn} has no local endpoints`;
		}
	}
	return plan;
}

interface Fragments {
	detector?: { ifLocal: string; ifNotLocal: string };
	localhostNodePorts: boolean;
	ipv4: boolean;
}

function writeDispatch(w: Writer, plan: PortPlan, chain: string, eps: readonly ProxyEndpoint[]): void {
	const { sp } = plan;
	if (sp.stickySeconds > 0) {
		for (const e of eps) {
			const comment = w.endpointComment(`"${sp.spn} -> ${e.ep}"`);
			w.rule(w.nat, chain, `${comment}-m recent --name ${e.chain} --rcheck --seconds ${sp.stickySeconds} --reap -j ${e.chain}`, sp.spn);
		}
	}
	const n = eps.length;
	eps.forEach((e, i) => {
		const comment = w.endpointComment(`"${sp.spn} -> ${e.ep}"`);
		const statistic = i < n - 1 ? `-m statistic --mode random --probability ${probability(n - i)} ` : '';
		w.rule(w.nat, chain, `${comment}${statistic}-j ${e.chain}`, sp.spn);
	});
}

/** §6: every rule of one service port, into the two tables. */
function writePort(w: Writer, plan: PortPlan, f: Fragments): void {
	const { sp, cat } = plan;
	const { spn, protocol: p, port } = sp;
	const { svc, ext, fw } = sp.chains;
	const match = (dest: string) => `-m ${p} -p ${p} -d ${dest} --dport ${port}`;

	// 1. Cluster IP.
	if (plan.hasInternal) {
		w.rule(w.nat, 'KUBE-SERVICES', `-m comment --comment "${spn} cluster IP" ${match(sp.clusterIP)} -j ${plan.internalChain}`, spn);
	} else {
		w.rule(w.filter, 'KUBE-SERVICES', `-m comment --comment ${quote(plan.internalVerdictComment!)} ${match(sp.clusterIP)} -j ${plan.internalVerdict}`, spn);
	}
	// 2. External IPs.
	for (const ip of sp.externalIPs) {
		if (cat.hasAny) w.rule(w.nat, 'KUBE-SERVICES', `-m comment --comment "${spn} external IP" ${match(ip)} -j ${ext}`, spn);
		if (!plan.hasExternal) {
			w.rule(w.filter, 'KUBE-EXTERNAL-SERVICES', `-m comment --comment ${quote(plan.externalVerdictComment!)} ${match(ip)} -j ${plan.externalVerdict}`, spn);
		}
	}
	// 3. Load-balancer VIPs.
	for (const vip of sp.loadBalancerVIPs) {
		if (cat.hasAny) w.rule(w.nat, 'KUBE-SERVICES', `-m comment --comment "${spn} loadbalancer IP" ${match(vip)} -j ${plan.loadBalancerChain}`, spn);
		if (plan.usesF) {
			w.rule(w.filter, 'KUBE-PROXY-FIREWALL', `-m comment --comment "${spn} traffic not accepted by ${fw}" ${match(vip)} -j DROP`, spn);
		}
	}
	if (!plan.hasExternal) {
		for (const vip of sp.loadBalancerVIPs) {
			w.rule(w.filter, 'KUBE-EXTERNAL-SERVICES', `-m comment --comment ${quote(plan.externalVerdictComment!)} ${match(vip)} -j ${plan.externalVerdict}`, spn);
		}
	}
	// 4. NodePort.
	if (sp.nodePort !== 0) {
		if (cat.hasAny) {
			const comment = `-m comment --comment ${quote(spn)} -m ${p} -p ${p}`;
			if (f.localhostNodePorts && f.ipv4 && w.nfacct) {
				w.rule(w.nat, 'KUBE-NODEPORTS', `${comment} -d 127.0.0.0/8 --dport ${sp.nodePort} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${ext}`, spn);
			}
			w.rule(w.nat, 'KUBE-NODEPORTS', `${comment} --dport ${sp.nodePort} -j ${ext}`, spn);
		}
		if (!plan.hasExternal) {
			w.rule(
				w.filter,
				'KUBE-EXTERNAL-SERVICES',
				`-m comment --comment ${quote(plan.externalVerdictComment!)} -m addrtype --dst-type LOCAL -m ${p} -p ${p} --dport ${sp.nodePort} -j ${plan.externalVerdict}`,
				spn,
			);
		}
	}
	// 5. Health-check node port (always TCP, even without endpoints).
	if (sp.healthCheckNodePort !== 0) {
		w.rule(w.filter, 'KUBE-NODEPORTS', `-m comment --comment "${spn} health check node port" -m tcp -p tcp --dport ${sp.healthCheckNodePort} -j ACCEPT`, spn);
	}
	// 6. Masquerade cluster-IP traffic that does not come from a pod.
	if (plan.hasInternal) {
		const args = `-m comment --comment "${spn} cluster IP" ${match(sp.clusterIP)}`;
		if (w.masqueradeAll) w.rule(w.nat, plan.internalChain, `${args} -j KUBE-MARK-MASQ`, spn);
		else if (f.detector) w.rule(w.nat, plan.internalChain, `${args} ${f.detector.ifNotLocal} -j KUBE-MARK-MASQ`, spn);
	}
	// 7. The external chain.
	if (plan.usesE) {
		w.nat.chains.push(ext);
		if (!sp.externalPolicyLocal) {
			w.rule(w.nat, ext, `-m comment --comment "masquerade traffic for ${spn} external destinations" -j KUBE-MARK-MASQ`, spn);
		} else {
			if (f.detector) {
				w.rule(w.nat, ext, `-m comment --comment "pod traffic for ${spn} external destinations" ${f.detector.ifLocal} -j ${svc}`, spn);
			}
			w.rule(w.nat, ext, `-m comment --comment "masquerade LOCAL traffic for ${spn} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`, spn);
			w.rule(w.nat, ext, `-m comment --comment "route LOCAL traffic for ${spn} external destinations" -m addrtype --src-type LOCAL -j ${svc}`, spn);
		}
		if (plan.hasExternal) w.rule(w.nat, ext, `-j ${plan.externalPolicyChain}`, spn);
	}
	// 8. The firewall chain for loadBalancerSourceRanges.
	if (plan.usesF) {
		w.nat.chains.push(fw);
		const head = `-m comment --comment "${spn} loadbalancer IP"`;
		for (const range of sp.sourceRanges) w.rule(w.nat, fw, `${head} -s ${range} -j ${ext}`, spn);
		if (plan.allowFromNode) for (const vip of sp.loadBalancerVIPs) w.rule(w.nat, fw, `${head} -s ${vip} -j ${ext}`, spn);
		w.rule(w.nat, fw, `-m comment --comment "other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL"`, spn);
	}
	// 9. Service chains.
	if (plan.usesC) {
		w.nat.chains.push(svc);
		writeDispatch(w, plan, svc, cat.clusterEps);
	}
	if (plan.usesL) {
		w.nat.chains.push(sp.chains.svl);
		writeDispatch(w, plan, sp.chains.svl, cat.localEps);
	}
	// 10. Endpoint chains.
	for (const e of cat.reachableEps) {
		w.nat.chains.push(e.chain);
		const comment = w.endpointComment(spn);
		w.rule(w.nat, e.chain, `${comment}-s ${e.ip} -j KUBE-MARK-MASQ`, spn);
		const affinity = sp.stickySeconds > 0 ? `-m recent --name ${e.chain} --set ` : '';
		w.rule(w.nat, e.chain, `${comment}${affinity}-m ${p} -p ${p} -j DNAT --to-destination ${e.ep}`, spn);
	}
}

/** The node's addresses of the proxier's family that `nodePortAddresses` selects (loopback included). */
function nodePortDestinations(settings: ProxySettings, cidrs: CIDR[]): IP[] {
	const local: IP[] = [settings.family === 'IPv4' ? ipv4Loopback : ipv6Loopback];
	for (const text of settings.nodeIPs) {
		const ip = parseIP(text);
		if (ip && ip.family === settings.family) local.push(ip);
	}
	const seen = new Set<string>();
	const out: IP[] = [];
	for (const ip of local) {
		const key = formatIP(ip);
		if (seen.has(key) || !cidrs.some((c) => cidrContains(c, ip))) continue;
		seen.add(key);
		out.push(ip);
	}
	return out.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** nodePortAddresses of this family; `primary` stands for the node's primary address. */
export function nodePortCIDRs(settings: ProxySettings): CIDR[] {
	const out: CIDR[] = [];
	for (const entry of settings.nodePortAddresses) {
		if (entry.trim().toLowerCase() === 'primary') {
			const primary = settings.nodeIPs.map((t) => parseIP(t)).find((ip) => ip?.family === settings.family);
			if (primary) out.push({ ip: primary, bits: primary.family === 'IPv4' ? 32 : 128 });
			continue;
		}
		const cidr = parseCIDR(entry);
		if (cidr && cidr.ip.family === settings.family) out.push(cidr);
	}
	return out;
}

export interface ServiceSelection {
	/** Only these Services (`ns/name`); the fixed rules are still written. */
	services?: ReadonlySet<string>;
	/** Force the large-cluster decision (for a view of some Services only). */
	largeCluster?: boolean;
}

/** Services in a stable order: by `ns/name`, as the tests' sort would put their rules. */
export function sortedServices(services: readonly Service[]): Service[] {
	const key = (s: Service) => `${s.namespace}/${s.name}`;
	return [...services].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** kube-proxy's full sync for the node and family in `settings`. */
export function rulesFor(snapshot: Snapshot, settings: ProxySettings, selection: ServiceSelection = {}): RuleSet {
	const family = settings.family;
	const { byService: slices, derived: derivedEndpoints, notGiven } = proxySlices(snapshot);
	const nodeIP = settings.nodeIPs.map((t) => parseIP(t)).find((ip) => ip?.family === family);
	const skipped: RuleSet['skipped'] = [];
	const plans: PortPlan[] = [];
	let totalEndpoints = 0;
	for (const service of sortedServices(snapshot.services)) {
		const key = `${service.namespace}/${service.name}`;
		if (selection.services && !selection.services.has(key)) continue;
		const why = skippedBecause(service, family);
		if (why) {
			skipped.push({ serviceKey: key, why });
			continue;
		}
		for (const sp of servicePortsOf(service, family)) {
			const eps = endpointsFor(sp, slices.get(key) ?? [], family, settings.nodeName);
			totalEndpoints += eps.length;
			plans.push(planPort(sp, eps, settings, nodeIP));
		}
	}

	// nodePortAddresses: empty (or a zero CIDR) means every local address.
	const cidrs = nodePortCIDRs(settings);
	const matchAll = cidrs.length === 0 || cidrs.some(isZeroCIDR);
	const containsIPv4Loopback = matchAll || cidrs.some((c) => c.ip.family === 'IPv4' && (isLoopback(c.ip) || cidrContains(c, ipv4Loopback)));
	const ipv4 = family === 'IPv4';
	const localhostNodePorts = settings.localhostNodePorts && containsIPv4Loopback;
	const mark = masqueradeMark(settings);
	const kernel = settings.kernel;

	const largeCluster = selection.largeCluster ?? totalEndpoints > largeClusterThreshold;
	const w = new Writer(largeCluster, kernel.nfacct, settings.masqueradeAll);

	// §4.2: fixed chains and the first rules.
	w.filter.chains.push('KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL');
	if (ipv4 && localhostNodePorts) w.filter.chains.push('KUBE-FIREWALL');
	w.nat.chains.push('KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ');
	w.rule(w.nat, 'KUBE-POSTROUTING', `-m mark ! --mark ${mark}/${mark} -j RETURN`);
	w.rule(w.nat, 'KUBE-POSTROUTING', `-j MARK --xor-mark ${mark}`);
	w.rule(w.nat, 'KUBE-POSTROUTING', `-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${kernel.randomFully ? ' --random-fully' : ''}`);
	w.rule(w.nat, 'KUBE-MARK-MASQ', `-j MARK --or-mark ${mark}`);
	if (ipv4 && localhostNodePorts) {
		w.rule(
			w.filter,
			'KUBE-FIREWALL',
			'-m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
		);
	}

	const fragments: Fragments = { detector: localDetector(settings), localhostNodePorts, ipv4 };
	for (const plan of plans) writePort(w, plan, fragments);

	// §7: the NodePort dispatch, last in nat KUBE-SERVICES.
	if (matchAll) {
		const extra = ipv4 ? (localhostNodePorts ? '' : ' ! -d 127.0.0.0/8') : ' ! -d ::1/128';
		w.rule(w.nat, 'KUBE-SERVICES', `-m comment --comment ${nodePortsComment} -m addrtype --dst-type LOCAL${extra} -j KUBE-NODEPORTS`);
	} else {
		for (const ip of nodePortDestinations(settings, cidrs)) {
			if (isLoopback(ip) && (!ipv4 || !localhostNodePorts)) continue;
			w.rule(w.nat, 'KUBE-SERVICES', `-m comment --comment ${nodePortsComment} -d ${formatIP(ip)} -j KUBE-NODEPORTS`);
		}
	}
	if (!kernel.conntrackLiberal) {
		w.rule(w.filter, 'KUBE-FORWARD', `-m conntrack --ctstate INVALID${kernel.nfacct ? ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts' : ''} -j DROP`);
	}
	w.rule(w.filter, 'KUBE-FORWARD', `-m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`);
	w.rule(w.filter, 'KUBE-FORWARD', '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');

	return { settings, filter: w.filter, nat: w.nat, ports: plans, skipped, largeCluster, masqueradeMark: mark, derivedEndpoints, ...(notGiven.length > 0 ? { endpointsNotGiven: notGiven } : {}) };
}
