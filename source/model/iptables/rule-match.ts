/**
 * The parts of an iptables rule line a packet trace needs: addresses, address types, protocol,
 * port, target, DNAT destination, and whether the rule depends on connection history (which a
 * single packet cannot have). Read from the text, so a trace follows exactly what is printed.
 */

export interface Condition {
	negated: boolean;
	value: string;
}

export interface RuleMatch {
	source?: Condition;
	destination?: Condition;
	sourceType?: Condition;
	destinationType?: Condition;
	protocol?: Condition;
	destinationPort?: Condition;
	jump?: string;
	toDestination?: string;
	/** Carries `-m statistic … --probability`: taken by some packets only. */
	probabilistic: boolean;
	/** Matches on `--rcheck`, `--mark` or `--ctstate`: a first packet never matches. */
	needsHistory: boolean;
	comment: string;
}

/** Splits a rule line into words; a double-quoted comment is one word (quotes removed). */
export function words(line: string): string[] {
	const out: string[] = [];
	let i = 0;
	while (i < line.length) {
		if (line[i] === ' ') {
			i++;
			continue;
		}
		if (line[i] === '"') {
			const end = line.indexOf('"', i + 1);
			const stop = end < 0 ? line.length : end;
			out.push(line.slice(i + 1, stop));
			i = stop + 1;
			continue;
		}
		const end = line.indexOf(' ', i);
		const stop = end < 0 ? line.length : end;
		out.push(line.slice(i, stop));
		i = stop;
	}
	return out;
}

const conditionFlags: Record<string, keyof RuleMatch> = {
	'-s': 'source',
	'--source': 'source',
	'-d': 'destination',
	'--destination': 'destination',
	'--src-type': 'sourceType',
	'--dst-type': 'destinationType',
	'-p': 'protocol',
	'--protocol': 'protocol',
	'--dport': 'destinationPort',
	'--destination-port': 'destinationPort',
};

export function parseRule(line: string): RuleMatch {
	const w = words(line);
	const match: RuleMatch = { probabilistic: false, needsHistory: false, comment: '' };
	let negated = false;
	for (let i = 0; i < w.length; i++) {
		const word = w[i]!;
		if (word === '!') {
			negated = true;
			continue;
		}
		const key = conditionFlags[word];
		if (key !== undefined) {
			(match[key] as Condition) = { negated, value: w[++i] ?? '' };
		} else if (word === '-j') match.jump = w[++i];
		else if (word === '--to-destination') match.toDestination = w[++i];
		else if (word === '--probability') {
			match.probabilistic = true;
			i++;
		} else if (word === '--rcheck' || word === '--mark' || word === '--ctstate') {
			match.needsHistory = true;
			if (word !== '--rcheck') i++;
		} else if (word === '--comment') match.comment = w[++i] ?? '';
		negated = false;
	}
	return match;
}
