/**
 * iptables-save / iptables-restore text as data, and the one order kube-proxy's own tests put it
 * in before comparing: kube-proxy iterates Services in random (Go map) order, so only this
 * sorted form is deterministic. kubewire prints it, and its tests compare with it.
 */
import type { RuleSet } from './ruleset.js';

export interface DumpChain {
	name: string;
	/** `[packets:bytes]` as written on the chain line. */
	counters: string;
	/** Rule lines (`-A CHAIN …`), trimmed. */
	rules: string[];
}

export interface DumpTable {
	name: string;
	chains: DumpChain[];
	/** `-X CHAIN` lines. */
	deleted: string[];
}

export interface Dump {
	tables: DumpTable[];
}

/** Reads iptables-save or iptables-restore text. Throws an Error naming the line it cannot place. */
export function parseDump(text: string): Dump {
	const dump: Dump = { tables: [] };
	let table: DumpTable | undefined;
	const chainOf = (name: string, lineNo: number): DumpChain => {
		const chain = table?.chains.find((c) => c.name === name);
		if (!chain) throw new Error(`line ${lineNo}: rule for undeclared chain ${name}`);
		return chain;
	};
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		const lineNo = index + 1;
		if (line === '' || line.startsWith('#')) return;
		if (line.startsWith('*')) {
			table = { name: line.slice(1), chains: [], deleted: [] };
			dump.tables.push(table);
			return;
		}
		if (!table) throw new Error(`line ${lineNo}: outside any table`);
		if (line === 'COMMIT') {
			table = undefined;
			return;
		}
		if (line.startsWith(':')) {
			const [name = '', , counters = '[0:0]'] = line.slice(1).split(/\s+/);
			if (!table.chains.some((c) => c.name === name)) table.chains.push({ name, counters, rules: [] });
			return;
		}
		const [op, name = ''] = line.split(/\s+/, 2);
		if (op === '-A') chainOf(name, lineNo).rules.push(line);
		else if (op === '-X') table.deleted.push(name);
		else throw new Error(`line ${lineNo}: cannot read "${line.slice(0, 40)}"`);
	});
	return dump;
}

/** The comment of a rule line, without quotes, or '' when it has none. */
export function ruleComment(rule: string): string {
	const at = rule.indexOf('--comment ');
	if (at < 0) return '';
	const rest = rule.slice(at + '--comment '.length);
	if (rest.startsWith('"')) {
		const end = rest.indexOf('"', 1);
		return end < 0 ? rest.slice(1) : rest.slice(1, end);
	}
	const space = rest.indexOf(' ');
	return space < 0 ? rest : rest.slice(0, space);
}

/** The Service a rule's comment names: the comment cut at the first space or colon. */
function serviceName(rule: string): string {
	return ruleComment(rule).split(' ')[0]!.split(':')[0]!;
}

const mustBeLast = 'must be the last rule';

function chainRank(name: string): number {
	return name === 'KUBE-NODEPORTS' ? 0 : name === 'KUBE-SERVICES' ? 1 : name.startsWith('KUBE-') ? 2 : 3;
}

function sortChains(chains: readonly DumpChain[]): DumpChain[] {
	const keyed = chains.map((chain) => ({ chain, rank: chainRank(chain.name) }));
	keyed.sort((a, b) => a.rank - b.rank || (a.chain.name < b.chain.name ? -1 : a.chain.name > b.chain.name ? 1 : 0));
	return keyed.map((k) => k.chain);
}

/** Stable sort of rules by the Service their comment names (Array.prototype.sort is stable). */
function sortByService(rules: string[], keepLast: boolean): string[] {
	const keyed = rules.map((rule) => ({ rule, last: keepLast && rule.includes(mustBeLast), name: serviceName(rule) }));
	keyed.sort((a, b) => {
		if (a.last !== b.last) return a.last ? 1 : -1;
		if (a.last) return 0;
		return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
	});
	return keyed.map((k) => k.rule);
}

/** The order of kube-proxy's tests: tables by name, chains ranked, four chains sorted by Service. */
export function sortDump(dump: Dump): Dump {
	const tables = [...dump.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {
		tables: tables.map((table) => ({
			name: table.name,
			deleted: [...table.deleted],
			chains: sortChains(table.chains).map((chain) => {
				if (chain.name !== 'KUBE-NODEPORTS' && chain.name !== 'KUBE-SERVICES') return chain;
				return { ...chain, rules: sortByService(chain.rules, chain.name === 'KUBE-SERVICES' && table.name === 'nat') };
			}),
		})),
	};
}

/** The dump's lines one at a time: a large node's rules are written out without one huge string. */
export function* dumpLines(dump: Dump): Generator<string> {
	for (const table of dump.tables) {
		yield `*${table.name}`;
		for (const chain of table.chains) yield `:${chain.name} - ${chain.counters}`;
		for (const chain of table.chains) yield* chain.rules;
		for (const name of table.deleted) yield `-X ${name}`;
		yield 'COMMIT';
	}
}

export function printDump(dump: Dump): string {
	return [...dumpLines(dump)].join('\n');
}

/** Parse, sort and print: the comparable form of any iptables dump. */
export function normaliseDump(text: string): string {
	return printDump(sortDump(parseDump(text)));
}

export interface SaveOptions {
	/** Only this Service's rules (`ns/name`), and the chains they live in. */
	service?: string;
}

function belongsTo(spn: string | undefined, service: string): boolean {
	return spn !== undefined && (spn === service || spn.startsWith(`${service}:`));
}

/** The rule set as a Dump, in kube-proxy's declaration and emission order. */
export function ruleSetDump(ruleSet: RuleSet, options: SaveOptions = {}): Dump {
	const tables = [ruleSet.filter, ruleSet.nat].map((t): DumpTable => {
		const byChain = new Map<string, string[]>();
		for (const name of t.chains) byChain.set(name, []);
		for (const rule of t.rules) {
			if (options.service !== undefined && !belongsTo(rule.spn, options.service)) continue;
			let list = byChain.get(rule.chain);
			if (!list) byChain.set(rule.chain, (list = []));
			list.push(rule.text);
		}
		const chains = [...byChain.entries()]
			.filter(([, rules]) => options.service === undefined || rules.length > 0)
			.map(([name, rules]) => ({ name, counters: '[0:0]', rules }));
		return { name: t.name, chains, deleted: [] };
	});
	return { tables };
}

/** The iptables-save text (filter, then nat) in the tests' deterministic order. */
export function iptablesSave(ruleSet: RuleSet, options: SaveOptions = {}): string {
	return printDump(sortDump(ruleSetDump(ruleSet, options)));
}

/** The same text, line by line. */
export function iptablesSaveLines(ruleSet: RuleSet, options: SaveOptions = {}): Generator<string> {
	return dumpLines(sortDump(ruleSetDump(ruleSet, options)));
}
