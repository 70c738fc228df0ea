/**
 * One packet through a node's kube-proxy rules, the way kube-proxy's own tests trace packets:
 * nat first (from PREROUTING, following jumps; a probabilistic jump never ends the calling chain,
 * so every endpoint of a random split is collected), then the filter chains KUBE-SERVICES,
 * KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS and KUBE-PROXY-FIREWALL on the DNATed address. The
 * outcome is then said in an operator's words.
 */
import { cidrContains, formatIP, parseCIDR, parseIP, type IP } from '../net.js';
import { parseRule, type RuleMatch } from './rule-match.js';
import type { PortPlan, Rule, RuleSet, TableName } from './ruleset.js';

export interface Packet {
	source: string;
	destination: string;
	port: number;
	/** tcp, udp or sctp (any case). */
	protocol: string;
}

export interface TraceStep {
	table: TableName;
	chain: string;
	rule: string;
	/** The service port the rule belongs to, when it belongs to one. */
	spn?: string;
}

export type TraceVerdict = 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT' | 'NONE';

/** The Services (`ns/name`) among `keys` that own a rule of the path (iptables or nftables steps alike). */
export function servicesOnPath(path: readonly { spn?: string }[], keys: readonly string[]): string[] {
	return keys.filter((key) => path.some((step) => step.spn !== undefined && (step.spn === key || step.spn.startsWith(`${key}:`))));
}

export interface TraceResult {
	verdict: TraceVerdict;
	/** Every endpoint the packet can be DNATed to, in rule order. */
	targets: string[];
	masquerade: boolean;
	path: TraceStep[];
	/** What happened, in one or two sentences. */
	explanation: string;
	/** kube-proxy's tracer output: DNAT targets and verdicts in the order recorded. */
	outputs: string[];
}

interface IndexedRule {
	rule: Rule;
	match: RuleMatch;
}

/** A table's rules by chain, parsed on first visit: a large rule set is mostly SEP chains. */
class ChainIndex {
	private readonly raw = new Map<string, Rule[]>();
	private readonly parsed = new Map<string, IndexedRule[]>();

	constructor(rules: readonly Rule[]) {
		for (const rule of rules) {
			const list = this.raw.get(rule.chain);
			if (list) list.push(rule);
			else this.raw.set(rule.chain, [rule]);
		}
	}

	get(chain: string): IndexedRule[] {
		let list = this.parsed.get(chain);
		if (!list) {
			list = (this.raw.get(chain) ?? []).map((rule) => ({ rule, match: parseRule(rule.text) }));
			this.parsed.set(chain, list);
		}
		return list;
	}
}

const indexes = new WeakMap<RuleSet, Record<TableName, ChainIndex>>();

function indexOf(ruleSet: RuleSet): Record<TableName, ChainIndex> {
	let index = indexes.get(ruleSet);
	if (!index) {
		index = { nat: new ChainIndex(ruleSet.nat.rules), filter: new ChainIndex(ruleSet.filter.rules) };
		indexes.set(ruleSet, index);
	}
	return index;
}

const terminalTargets = new Set(['ACCEPT', 'DROP', 'REJECT']);

class Tracer {
	readonly path: TraceStep[] = [];
	readonly outputs: { table: TableName; value: string; step: TraceStep }[] = [];
	masquerade = false;
	private readonly local: IP[];

	constructor(
		private readonly ruleSet: RuleSet,
		private readonly packet: { source: IP; protocol: string; port: string },
	) {
		this.local = [...ruleSet.settings.nodeIPs, '127.0.0.1', '::1'].map((t) => parseIP(t)).filter((ip): ip is IP => ip !== undefined);
	}

	private isLocal(ip: IP): boolean {
		return this.local.some((l) => l.family === ip.family && l.value === ip.value);
	}

	private addressMatches(ip: IP, condition: { negated: boolean; value: string }): boolean {
		const cidr = condition.value.includes('/') ? parseCIDR(condition.value) : undefined;
		const single = cidr ? undefined : parseIP(condition.value);
		const hit = cidr ? cidrContains(cidr, ip) : single !== undefined && single.family === ip.family && single.value === ip.value;
		return hit !== condition.negated;
	}

	private matches(m: RuleMatch, destination: IP): boolean {
		const { source, protocol, port } = this.packet;
		if (m.source && !this.addressMatches(source, m.source)) return false;
		if (m.sourceType && (m.sourceType.value === 'LOCAL' ? this.isLocal(source) : false) === m.sourceType.negated) return false;
		if (m.destination && !this.addressMatches(destination, m.destination)) return false;
		if (m.destinationType && (m.destinationType.value === 'LOCAL' ? this.isLocal(destination) : false) === m.destinationType.negated) return false;
		if (m.protocol && (m.protocol.value.toLowerCase() === protocol) === m.protocol.negated) return false;
		if (m.destinationPort && (m.destinationPort.value === port) === m.destinationPort.negated) return false;
		return !m.needsHistory;
	}

	/** Runs a chain; true when a terminal rule (DNAT, ACCEPT, DROP, REJECT) ended it. */
	run(table: TableName, chain: string, destination: IP, depth = 0): boolean {
		if (depth > 32) return false;
		for (const { rule, match } of indexOf(this.ruleSet)[table].get(chain)) {
			if (match.jump === undefined || !this.matches(match, destination)) continue;
			const step: TraceStep = { table, chain, rule: rule.text };
			if (rule.spn !== undefined) step.spn = rule.spn;
			this.path.push(step);
			if (match.jump === 'KUBE-MARK-MASQ') {
				this.masquerade = true;
				continue;
			}
			if (terminalTargets.has(match.jump)) {
				this.outputs.push({ table, value: match.jump, step });
				return true;
			}
			if (match.jump === 'DNAT') {
				this.outputs.push({ table, value: match.toDestination ?? '', step });
				return true;
			}
			const ended = this.run(table, match.jump, destination, depth + 1);
			if (ended && !match.probabilistic) return true;
		}
		return false;
	}
}

/** The IP of `ip:port` or `[ip]:port`. */
function hostOf(target: string): string {
	if (target.startsWith('[')) return target.slice(1, target.indexOf(']'));
	const colon = target.lastIndexOf(':');
	return colon < 0 ? target : target.slice(0, colon);
}

export class PacketError extends Error {}

export function trace(ruleSet: RuleSet, packet: Packet): TraceResult {
	const source = parseIP(packet.source);
	let destination = parseIP(packet.destination);
	if (!source) throw new PacketError(`source "${packet.source}" is not an IP address`);
	if (!destination) throw new PacketError(`destination "${packet.destination}" is not an IP address`);
	const protocol = packet.protocol.toLowerCase();
	const tracer = new Tracer(ruleSet, { source, protocol, port: String(packet.port) });

	// kube-proxy hooks KUBE-SERVICES into nat PREROUTING (and OUTPUT for the node's own traffic).
	const fromNode = [...ruleSet.settings.nodeIPs, '127.0.0.1', '::1'].some((t) => parseIP(t)?.value === source.value && parseIP(t)?.family === source.family);
	const hook = fromNode ? 'OUTPUT' : 'PREROUTING';
	tracer.path.push({ table: 'nat', chain: hook, rule: `-A ${hook} -m comment --comment "kubernetes service portals" -j KUBE-SERVICES` });
	const before = tracer.path.length;
	tracer.run('nat', 'KUBE-SERVICES', destination);
	if (tracer.path.length === before) tracer.path.pop();

	const dnat = tracer.outputs.filter((o) => o.table === 'nat').map((o) => o.value);
	if (dnat.length > 0) destination = parseIP(hostOf(dnat[0]!)) ?? destination;
	for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) {
		tracer.run('filter', chain, destination);
	}
	const filterVerdicts = tracer.outputs.filter((o) => o.table === 'filter');
	const verdict: TraceVerdict = filterVerdicts.length > 0 ? (filterVerdicts[0]!.value as TraceVerdict) : dnat.length > 0 ? 'DNAT' : 'NONE';
	const result: TraceResult = {
		verdict,
		targets: dnat,
		masquerade: tracer.masquerade,
		path: tracer.path,
		explanation: '',
		outputs: tracer.outputs.map((o) => o.value),
	};
	result.explanation = explain(ruleSet, packet, result, filterVerdicts[0]?.step);
	return result;
}

function planOf(ruleSet: RuleSet, spn: string | undefined): PortPlan | undefined {
	return spn === undefined ? undefined : ruleSet.ports.find((p) => p.sp.spn === spn);
}

function nodeText(ruleSet: RuleSet): string {
	return ruleSet.settings.nodeName ? `node ${ruleSet.settings.nodeName}` : 'this node';
}

function masqueradeReason(ruleSet: RuleSet, path: readonly TraceStep[]): string {
	const step = path.find((s) => s.rule.endsWith('-j KUBE-MARK-MASQ'));
	if (!step) return '';
	if (step.chain.startsWith('KUBE-SEP-')) return 'the endpoint is reaching itself through the Service (hairpin)';
	if (step.rule.includes('masquerade LOCAL traffic')) return 'the packet comes from the node itself';
	if (step.rule.includes('masquerade traffic for')) return 'external traffic with externalTrafficPolicy Cluster may be forwarded to another node';
	if (ruleSet.settings.masqueradeAll) return 'masqueradeAll is on';
	return 'it does not come from the pod network, and the reply must come back through this node';
}

function explain(ruleSet: RuleSet, packet: Packet, result: TraceResult, filterStep: TraceStep | undefined): string {
	const plan = planOf(ruleSet, filterStep?.spn ?? [...result.path].reverse().find((s) => s.spn)?.spn);
	const spn = plan?.sp.spn ?? filterStep?.spn ?? 'the Service';
	const where = nodeText(ruleSet);
	switch (result.verdict) {
		case 'REJECT':
			return `rejected: ${spn} has no endpoints (no ready pod backs it), so kube-proxy answers with ICMP port unreachable`;
		case 'DROP': {
			if (filterStep?.chain === 'KUBE-PROXY-FIREWALL') {
				return `dropped: source ${packet.source} is not in ${spn}'s loadBalancerSourceRanges (${plan?.sp.sourceRanges.join(', ') ?? '?'})`;
			}
			const policy = filterStep?.chain === 'KUBE-SERVICES' ? 'internalTrafficPolicy' : 'externalTrafficPolicy';
			return `dropped: ${spn} has ${policy} Local and no ready endpoint on ${where}`;
		}
		case 'ACCEPT':
			return `accepted: port ${packet.port} is ${spn}'s health check node port, answered by kube-proxy itself`;
		case 'DNAT': {
			const n = result.targets.length;
			const to = n === 1 ? `its endpoint ${result.targets[0]}` : `one of its ${n} endpoints (${result.targets.join(', ')}), picked at random for each new connection`;
			const sticky = plan && plan.sp.stickySeconds > 0 ? `; ClientIP affinity keeps a client on its first endpoint for ${plan.sp.stickySeconds}s` : '';
			const masq = result.masquerade
				? `; masqueraded (source NAT to the node's address) because ${masqueradeReason(ruleSet, result.path)}`
				: '; the source address is kept';
			return `DNAT: ${spn} sends it to ${to}${sticky}${masq}`;
		}
		default:
			return noneReason(ruleSet, packet);
	}
}

function noneReason(ruleSet: RuleSet, packet: Packet): string {
	const destination = parseIP(packet.destination);
	const dest = destination ? formatIP(destination) : packet.destination;
	const protocol = packet.protocol.toLowerCase();
	if (destination && destination.family !== ruleSet.settings.family) {
		return `no rule matches: ${dest} is ${destination.family} and these are the ${ruleSet.settings.family} rules (give an ${destination.family} --node-ip first to see the ${destination.family} ones)`;
	}
	const owner = ruleSet.ports.find((p) => [p.sp.clusterIP, ...p.sp.externalIPs, ...p.sp.loadBalancerVIPs].includes(dest));
	if (owner) {
		const ports = ruleSet.ports
			.filter((p) => p.sp.serviceKey === owner.sp.serviceKey)
			.map((p) => `${p.sp.port}/${p.sp.protocol}`)
			.join(', ');
		return `no rule matches: ${dest} belongs to ${owner.sp.serviceKey}, which has no port ${packet.port}/${protocol} (its ports: ${ports})`;
	}
	return `no rule matches: ${dest}:${packet.port}/${protocol} is not a Service address or NodePort on ${nodeText(ruleSet)}; kube-proxy leaves the packet alone`;
}
