/**
 * One packet through a node's nftables `kube-proxy` table, the way kube-proxy's own tests trace
 * packets (vectors/nftables/README.md): the pre-DNAT filter chain, the nat chain (a DNAT moves
 * the destination to the first target), then filter forward (output for the node's own packets)
 * and filter input. A `numgen` vmap visits every endpoint, so every possible target is listed.
 */
import { cidrContains, formatIP, parseCIDR, parseIP, type IP } from '../net.js';
import { PacketError, type Packet, type TraceVerdict } from '../iptables/trace.js';
import { parseNftRule, type AddressValue, type NftMatch, type ParsedRule } from './rule-parse.js';
import type { NftPortPlan, NftRule, NftRuleSet } from './ruleset.js';

export interface NftTraceStep {
	/** `ip kube-proxy` or `ip6 kube-proxy`. */
	table: string;
	/** The chain, or the verdict map whose element decided. */
	chain: string;
	/** The rule or element line as `kubewire nftables` prints it. */
	rule: string;
	spn?: string;
}

export interface NftTraceResult {
	verdict: TraceVerdict;
	targets: string[];
	masquerade: boolean;
	path: NftTraceStep[];
	explanation: string;
	/** kube-proxy's tracer output: DNAT targets and DROP/REJECT in the order met. */
	outputs: string[];
}

interface Index {
	chains: Map<string, { rule: NftRule; parsed?: ParsedRule }[]>;
	/** set or map → key → element (value undefined for a plain set). */
	elements: Map<string, Map<string, { value?: string; line: string; spn?: string }>>;
}

const indexes = new WeakMap<NftRuleSet, Index>();

function indexOf(ruleSet: NftRuleSet): Index {
	let index = indexes.get(ruleSet);
	if (index) return index;
	index = { chains: new Map(), elements: new Map() };
	for (const rule of ruleSet.rules) {
		const list = index.chains.get(rule.chain);
		if (list) list.push({ rule });
		else index.chains.set(rule.chain, [{ rule }]);
	}
	for (const e of ruleSet.elements) {
		let set = index.elements.get(e.set);
		if (!set) index.elements.set(e.set, (set = new Map()));
		const comment = e.comment !== undefined ? ` comment "${e.comment}"` : '';
		const value = e.value !== undefined ? ` : ${e.value}` : '';
		const entry: { value?: string; line: string; spn?: string } = { line: `add element ${ruleSet.table} ${e.set} { ${e.key}${comment}${value} }` };
		if (e.value !== undefined) entry.value = e.value;
		if (e.spn !== undefined) entry.spn = e.spn;
		set.set(e.key, entry);
	}
	indexes.set(ruleSet, index);
	return index;
}

type Outcome = { kind: 'continue' } | { kind: 'end' } | { kind: 'verdict'; verdict: 'drop' | 'reject' | 'accept' | 'dnat' };

class Tracer {
	readonly path: NftTraceStep[] = [];
	readonly outputs: { value: string; chain: string; spn?: string }[] = [];
	masquerade = false;
	private readonly index: Index;
	private readonly local: IP[];

	constructor(
		private readonly ruleSet: NftRuleSet,
		private readonly packet: { source: IP; protocol: string; port: number },
	) {
		this.index = indexOf(ruleSet);
		this.local = ruleSet.settings.nodeIPs.map((t) => parseIP(t)).filter((ip): ip is IP => ip !== undefined);
	}

	isLocal(ip: IP): boolean {
		return this.local.some((l) => l.family === ip.family && l.value === ip.value);
	}

	private inSet(name: string, ip: IP): boolean {
		return this.index.elements.get(name)?.has(formatIP(ip)) ?? false;
	}

	private addressMatches(ip: IP, value: AddressValue): boolean {
		const one = (text: string) => {
			const cidr = text.includes('/') ? parseCIDR(text) : undefined;
			if (cidr) return cidrContains(cidr, ip);
			const single = parseIP(text);
			return single !== undefined && single.family === ip.family && single.value === ip.value;
		};
		if (value.kind === 'set') return this.inSet(value.name, ip);
		if (value.kind === 'anonymous') return value.items.some(one);
		return one(value.text);
	}

	private matches(m: NftMatch, destination: IP): boolean {
		switch (m.kind) {
			case 'ct-new':
				return true;
			case 'address': {
				const ip = m.field === 'saddr' ? this.packet.source : destination;
				return this.addressMatches(ip, m.value) !== m.negated;
			}
			case 'fib-local':
				return this.isLocal(m.field === 'saddr' ? this.packet.source : destination);
			case 'l4proto':
				return m.protocol === this.packet.protocol;
			case 'iif':
				// The packet's interface is not known: only a negated match can hold.
				return m.negated;
			default:
				return false;
		}
	}

	private step(chain: string, line: string, spn: string | undefined): void {
		const step: NftTraceStep = { table: this.ruleSet.table, chain, rule: line };
		if (spn !== undefined) step.spn = spn;
		this.path.push(step);
	}

	private verdictOf(value: string, chain: string, destination: IP, depth: number): Outcome {
		if (value === 'drop' || value === 'reject' || value === 'accept') {
			if (value !== 'accept') this.outputs.push({ value: value.toUpperCase(), chain });
			return { kind: 'verdict', verdict: value };
		}
		const [kind, target] = value.split(' ');
		if ((kind === 'goto' || kind === 'jump') && target) return this.call(kind, target, destination, depth);
		return { kind: 'continue' };
	}

	/** jump returns to the caller; goto ends the calling chain when the target ends without a verdict. */
	private call(kind: 'jump' | 'goto', chain: string, destination: IP, depth: number): Outcome {
		if (chain === 'mark-for-masquerade') this.masquerade = true;
		const outcome = this.run(chain, destination, depth + 1);
		if (outcome.kind === 'verdict') return outcome;
		return kind === 'goto' ? { kind: 'end' } : { kind: 'continue' };
	}

	run(chain: string, destination: IP, depth = 0): Outcome {
		if (depth > 32) return { kind: 'end' };
		for (const entry of this.index.chains.get(chain) ?? []) {
			entry.parsed ??= parseNftRule(entry.rule.text);
			const { matches, action } = entry.parsed;
			if (!matches.every((m) => this.matches(m, destination))) continue;
			const line = `add rule ${this.ruleSet.table} ${chain} ${entry.rule.text}`;
			let outcome: Outcome = { kind: 'continue' };
			switch (action.kind) {
				case 'statement':
					continue;
				case 'jump':
				case 'goto':
					this.step(chain, line, entry.rule.spn);
					outcome = this.call(action.kind, action.chain, destination, depth);
					break;
				case 'drop':
				case 'reject':
				case 'accept':
					this.step(chain, line, entry.rule.spn);
					outcome = this.verdictOf(action.kind, chain, destination, depth);
					break;
				case 'return':
					return { kind: 'end' };
				case 'dnat':
					this.step(chain, line, entry.rule.spn);
					this.outputs.push({ value: action.to, chain, ...(entry.rule.spn ? { spn: entry.rule.spn } : {}) });
					return { kind: 'verdict', verdict: 'dnat' };
				case 'numgen': {
					this.step(chain, line, entry.rule.spn);
					// Each new connection takes one branch; the trace follows them all.
					let last: Outcome = { kind: 'end' };
					for (const target of action.targets) last = this.call('goto', target, destination, depth);
					outcome = last;
					break;
				}
				case 'vmap': {
					const key = action.keys
						.map((k) => (k === 'daddr' ? formatIP(destination) : k === 'saddr' ? formatIP(this.packet.source) : k === 'l4proto' ? this.packet.protocol : String(this.packet.port)))
						.join(' . ');
					const element = this.index.elements.get(action.map)?.get(key);
					if (!element?.value) continue;
					this.step(chain, line, entry.rule.spn);
					this.step(action.map, element.line, element.spn);
					outcome = this.verdictOf(element.value, action.map, destination, depth);
					break;
				}
			}
			if (outcome.kind !== 'continue') return outcome;
		}
		return { kind: 'end' };
	}
}

function hostOf(target: string): string {
	if (target.startsWith('[')) return target.slice(1, target.indexOf(']'));
	const colon = target.lastIndexOf(':');
	return colon < 0 ? target : target.slice(0, colon);
}

export function nftTrace(ruleSet: NftRuleSet, packet: Packet): NftTraceResult {
	const source = parseIP(packet.source);
	let destination = parseIP(packet.destination);
	if (!source) throw new PacketError(`source "${packet.source}" is not an IP address`);
	if (!destination) throw new PacketError(`destination "${packet.destination}" is not an IP address`);
	const protocol = packet.protocol.toLowerCase();
	const tracer = new Tracer(ruleSet, { source, protocol, port: packet.port });
	// The node's own packets take the output hooks; their chains hold the same jumps.
	const fromNode = tracer.isLocal(source);
	const hooks = fromNode
		? { preDnat: 'filter-output-pre-dnat', nat: 'nat-output', filter: 'filter-output' }
		: { preDnat: 'filter-prerouting-pre-dnat', nat: 'nat-prerouting', filter: 'filter-forward' };
	const stopped = () => tracer.outputs.some((o) => o.value === 'DROP' || o.value === 'REJECT');
	tracer.run(hooks.preDnat, destination);
	if (!stopped()) {
		tracer.run(hooks.nat, destination);
		const first = tracer.outputs[0];
		if (first) destination = parseIP(hostOf(first.value)) ?? destination;
		tracer.run(hooks.filter, destination);
		if (!stopped()) tracer.run('filter-input', destination);
	}
	const outputs = tracer.outputs.map((o) => o.value);
	const final = tracer.outputs.find((o) => o.value === 'DROP' || o.value === 'REJECT');
	const targets = outputs.filter((o) => o !== 'DROP' && o !== 'REJECT');
	const verdict: TraceVerdict = final ? (final.value as TraceVerdict) : targets.length > 0 ? 'DNAT' : 'NONE';
	const result: NftTraceResult = { verdict, targets, masquerade: tracer.masquerade, path: tracer.path, explanation: '', outputs };
	result.explanation = explain(ruleSet, packet, result, final?.chain);
	return result;
}

function planOf(ruleSet: NftRuleSet, spn: string | undefined): NftPortPlan | undefined {
	return spn === undefined ? undefined : ruleSet.ports.find((p) => p.sp.spn === spn);
}

function masqueradeReason(ruleSet: NftRuleSet, path: readonly NftTraceStep[]): string {
	const step = path.find((s) => s.rule.endsWith('jump mark-for-masquerade') || s.rule.includes('jump mark-for-masquerade comment'));
	if (!step) return '';
	if (step.chain.startsWith('endpoint-')) return 'the endpoint is reaching itself through the Service (hairpin)';
	if (step.rule.includes('masquerade local traffic')) return 'the packet comes from the node itself';
	if (step.chain.startsWith('external-')) return 'external traffic with externalTrafficPolicy Cluster may be forwarded to another node';
	if (ruleSet.settings.masqueradeAll) return 'masqueradeAll is on';
	return 'it does not come from the pod network, and the reply must come back through this node';
}

function explain(ruleSet: NftRuleSet, packet: Packet, result: NftTraceResult, finalChain: string | undefined): string {
	const lastSpn = [...result.path].reverse().find((s) => s.spn)?.spn;
	const plan = planOf(ruleSet, lastSpn);
	const spn = plan?.sp.spn ?? 'the Service';
	const where = ruleSet.settings.nodeName ? `node ${ruleSet.settings.nodeName}` : 'this node';
	const dest = parseIP(packet.destination);
	const destText = dest ? formatIP(dest) : packet.destination;
	switch (result.verdict) {
		case 'REJECT':
			if (finalChain === 'cluster-ips-check') {
				const owner = ruleSet.ports.filter((p) => p.sp.clusterIP === destText);
				const ports = owner.map((p) => `${p.sp.port}/${p.sp.protocol}`).join(', ');
				return `rejected: ${destText} is the ClusterIP of ${owner[0]?.sp.serviceKey ?? 'a Service'}, which has no port ${packet.port}/${packet.protocol.toLowerCase()} (its ports: ${ports}); nftables mode answers with ICMP port unreachable`;
			}
			return `rejected: ${spn} has no endpoints (no ready pod backs it), so kube-proxy answers with ICMP port unreachable`;
		case 'DROP': {
			if (finalChain?.startsWith('firewall-')) {
				return `dropped: source ${packet.source} is not in ${spn}'s loadBalancerSourceRanges (${plan?.sp.sourceRanges.join(', ') ?? '?'})`;
			}
			if (finalChain === 'cluster-ips-check') {
				return `dropped: ${destText} lies in the service CIDR (${ruleSet.serviceCIDRs.join(', ')}) but no Service holds it`;
			}
			const policy = plan && destText === plan.sp.clusterIP ? 'internalTrafficPolicy' : 'externalTrafficPolicy';
			return `dropped: ${spn} has ${policy} Local and no ready endpoint on ${where}`;
		}
		case 'DNAT': {
			const n = result.targets.length;
			const to =
				n === 1
					? `its endpoint ${result.targets[0]}`
					: `one of its ${n} endpoints (${result.targets.join(', ')}), each with an equal 1/${n} share (numgen random mod ${n}) for each new connection`;
			const sticky = plan && plan.sp.stickySeconds > 0 ? `; ClientIP affinity keeps a client on its first endpoint for ${plan.sp.stickySeconds}s` : '';
			const masq = result.masquerade
				? `; masqueraded (source NAT to the node's address) because ${masqueradeReason(ruleSet, result.path)}`
				: '; the source address is kept';
			return `DNAT: ${spn} sends it to ${to}${sticky}${masq}`;
		}
		default: {
			if (dest && dest.family !== ruleSet.settings.family) {
				return `no rule matches: ${destText} is ${dest.family} and this is the ${ruleSet.table} table (give an ${dest.family} --node-ip first to see the other family)`;
			}
			// A NodePort asked for on a loopback address: iptables mode answers there (localhostNodePorts), nftables mode never does.
			const nodePort = dest?.family === 'IPv4' && destText.startsWith('127.') ? ruleSet.ports.find((p) => p.sp.nodePort === packet.port && p.sp.protocol.toLowerCase() === packet.protocol.toLowerCase()) : undefined;
			if (nodePort) {
				return `no rule matches: ${packet.port}/${packet.protocol.toLowerCase()} is the NodePort of ${nodePort.sp.spn}, but nftables mode serves no NodePort on 127.0.0.0/8 (iptables mode does, with localhostNodePorts); use a node address`;
			}
			return `no rule matches: ${destText}:${packet.port}/${packet.protocol.toLowerCase()} is not a Service address or NodePort on ${where}; kube-proxy leaves the packet alone`;
		}
	}
}
