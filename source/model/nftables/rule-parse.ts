/**
 * Reads the rule text kube-proxy's nftables mode writes into matches and one action, so a trace
 * follows the very text `kubewire nftables` prints. Only the forms of nftables-spec.md §3–§7
 * occur; anything else is kept as `unknown` and never matches.
 */

export type AddressValue =
	| { kind: 'address'; text: string }
	| { kind: 'set'; name: string }
	| { kind: 'anonymous'; items: string[] };

export type NftMatch =
	| { kind: 'address'; field: 'saddr' | 'daddr'; negated: boolean; value: AddressValue }
	| { kind: 'fib-local'; field: 'saddr' | 'daddr' }
	| { kind: 'ct-new' }
	| { kind: 'l4proto'; protocol: string }
	| { kind: 'iif'; negated: boolean; name: string }
	| { kind: 'unknown'; text: string };

export type NftAction =
	| { kind: 'jump' | 'goto'; chain: string }
	| { kind: 'drop' | 'reject' | 'return' | 'accept' }
	| { kind: 'dnat'; to: string }
	/** `KEYS vmap @map`: the keys are `daddr`, `l4proto`, `dport` in the order written. */
	| { kind: 'vmap'; keys: string[]; map: string }
	/** `numgen random mod N vmap { 0 : goto A , … }`: one branch per endpoint. */
	| { kind: 'numgen'; modulus: number; targets: string[] }
	/** A statement with no verdict (mark, update, masquerade). */
	| { kind: 'statement' };

export interface ParsedRule {
	matches: NftMatch[];
	action: NftAction;
}

export function parseNftRule(text: string): ParsedRule {
	const body = text.replace(/ comment "[^"]*"$/, '');
	const words = body.split(' ');
	const matches: NftMatch[] = [];
	let i = 0;
	const readBraced = (): string[] => {
		// words[i] === '{'
		const items: string[] = [];
		i++;
		while (i < words.length && words[i] !== '}') {
			if (words[i] !== ',') items.push(words[i]!);
			i++;
		}
		i++;
		return items;
	};
	while (i < words.length) {
		const w = words[i]!;
		const next = words[i + 1];
		// A concatenated key ending in `vmap @map`.
		if (words[i + 2] === '.') {
			const keys: string[] = [];
			while (i < words.length && words[i] !== 'vmap') {
				keys.push(words[i + 1] ?? '');
				i += 2;
				if (words[i] === '.') i++;
			}
			return { matches, action: { kind: 'vmap', keys, map: (words[i + 1] ?? '').replace(/^@/, '') } };
		}
		if ((w === 'ip' || w === 'ip6') && (next === 'saddr' || next === 'daddr')) {
			i += 2;
			let negated = false;
			if (words[i] === '!=') {
				negated = true;
				i++;
			}
			let value: AddressValue;
			if (words[i] === '{') value = { kind: 'anonymous', items: readBraced() };
			else {
				const token = words[i] ?? '';
				value = token.startsWith('@') ? { kind: 'set', name: token.slice(1) } : { kind: 'address', text: token };
				i++;
			}
			matches.push({ kind: 'address', field: next, negated, value });
			continue;
		}
		if (w === 'fib' && (next === 'saddr' || next === 'daddr') && words[i + 2] === 'type' && words[i + 3] === 'local') {
			matches.push({ kind: 'fib-local', field: next });
			i += 4;
			continue;
		}
		if (w === 'ct' && next === 'state' && words[i + 2] === 'new') {
			matches.push({ kind: 'ct-new' });
			i += 3;
			continue;
		}
		if (w === 'meta' && next === 'l4proto') {
			matches.push({ kind: 'l4proto', protocol: words[i + 2] ?? '' });
			i += 3;
			continue;
		}
		if (w === 'iif') {
			const negated = next === '!=';
			matches.push({ kind: 'iif', negated, name: words[i + (negated ? 2 : 1)] ?? '' });
			i += negated ? 3 : 2;
			continue;
		}
		if (w === 'numgen') {
			// numgen random mod N vmap { 0 : goto A , 1 : goto B }
			const modulus = Number(words[i + 3]);
			i += 5;
			const targets = readBraced().filter((_, k, all) => all[k - 1] === 'goto');
			return { matches, action: { kind: 'numgen', modulus, targets } };
		}
		if (w === 'jump' || w === 'goto') return { matches, action: { kind: w, chain: next ?? '' } };
		if (w === 'drop' || w === 'reject' || w === 'return' || w === 'accept') return { matches, action: { kind: w } };
		if (w === 'dnat' && next === 'to') return { matches, action: { kind: 'dnat', to: words[i + 2] ?? '' } };
		if (w === 'mark' || w === 'update' || w === 'masquerade') return { matches, action: { kind: 'statement' } };
		matches.push({ kind: 'unknown', text: w });
		i++;
	}
	return { matches, action: { kind: 'statement' } };
}
