/**
 * The ruleset as `nft -f` input: one `add table|set|map|chain|rule|element` command per line, as
 * kube-proxy's tests print it, in an order nft can load (every object declared before a rule or
 * element names it); and the canonical order kube-proxy's tests compare in
 * (vectors/nftables/README.md), which does not depend on that choice.
 */
import type { NftElement, NftRuleSet } from './ruleset.js';

export interface NftDumpOptions {
	/** Only the objects of this Service (`ns/name`) and the fixed ones. */
	service?: string;
}

function elementLine(table: string, e: NftElement): string {
	const comment = e.comment !== undefined ? ` comment "${e.comment}"` : '';
	const value = e.value !== undefined ? ` : ${e.value}` : '';
	return `add element ${table} ${e.set} { ${e.key}${comment}${value} }`;
}

const ofService = (service: string | undefined, spn: string | undefined) =>
	service === undefined || spn === undefined || spn === service || spn.startsWith(`${service}:`);

/** The lines in a loadable order: table, sets and maps, chains, rules, elements. */
export function* nftLines(ruleSet: NftRuleSet, options: NftDumpOptions = {}): Generator<string> {
	const t = ruleSet.table;
	const keep = (spn: string | undefined) => ofService(options.service, spn);
	yield `add table ${t} { comment "rules for kube-proxy" ; }`;
	for (const s of ruleSet.sets) if (keep(s.spn)) yield `add ${s.kind} ${t} ${s.name} ${s.options}`;
	for (const c of ruleSet.chains) if (keep(c.spn)) yield `add chain ${t} ${c.name}${c.options ? ` ${c.options}` : ''}`;
	for (const r of ruleSet.rules) if (keep(r.spn)) yield `add rule ${t} ${r.chain} ${r.text}`;
	for (const e of ruleSet.elements) if (keep(e.spn)) yield elementLine(t, e);
}

export function nftText(ruleSet: NftRuleSet, options: NftDumpOptions = {}): string {
	return [...nftLines(ruleSet, options)].join('\n');
}

const typeOrder = ['table', 'chain', 'rule', 'set', 'map', 'element'];

/**
 * kube-proxy's sortNFTablesTransaction: drop blank and `#` lines, then a stable sort by object
 * type, then object name; rules of one chain keep their order, other ties go by the whole line.
 */
export function canonicalNft(text: string): string[] {
	const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
	const indexed = lines.map((line, index) => {
		const words = line.split(' ');
		return { line, index, type: typeOrder.indexOf(words[1] ?? ''), name: words[4] ?? '', rule: words[1] === 'rule' };
	});
	indexed.sort((a, b) => {
		if (a.type !== b.type) return a.type - b.type;
		if (a.name !== b.name) return a.name < b.name ? -1 : 1;
		if (a.rule && b.rule) return a.index - b.index;
		if (a.line !== b.line) return a.line < b.line ? -1 : 1;
		return a.index - b.index;
	});
	return indexed.map((x) => x.line);
}
