/**
 * Finds the items of a JSON list (`kubectl get … -o json`: `{"items": [...], "kind": "List"}`)
 * without parsing them, so the loader can parse and project one item at a time. A 300 MB dump
 * parsed in one piece holds a tree two to three times its size until the last item is read;
 * item by item, only the slim records stay and each item's tree dies young, which the garbage
 * collector reclaims cheaply.
 *
 * Only the top level is checked here. Each item span, and the rest of the top-level object, is
 * later given to JSON.parse, which rejects anything that is not exactly one valid value; the
 * text between spans (whitespace, commas, colons, brackets) is checked here. So the pieces parse
 * if and only if the whole document would. Anything unexpected returns undefined, and the caller
 * reads the file the ordinary way.
 */

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;

export interface JsonListLayout {
	/** The top-level object without its `items` member, as JSON text. */
	rest: string;
	/** Byte offsets of each item: `[starts[k], ends[k])`. */
	starts: number[];
	ends: number[];
}

/** JSON's own whitespace (space, tab, LF, CR); anything else is not JSON. */
function isSpace(c: number | undefined): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(b: Uint8Array, i: number): number {
	while (isSpace(b[i])) i++;
	return i;
}

/** Just past the closing quote of the string that opens at `i`, or -1 when it never closes. */
function stringEnd(b: Uint8Array, i: number): number {
	let j = i + 1;
	for (;;) {
		j = b.indexOf(quote, j);
		if (j < 0) return -1;
		// A quote preceded by an odd run of backslashes is escaped.
		let k = j - 1;
		while (b[k] === backslash) k--;
		if ((j - 1 - k) % 2 === 0) return j + 1;
		j++;
	}
}

/** Just past the value that starts at `i`, found by bracket depth (JSON.parse validates it later); -1 at a dead end. */
function valueEnd(b: Uint8Array, i: number): number {
	const n = b.length;
	const first = b[i];
	if (first === quote) return stringEnd(b, i);
	if (first === openBrace || first === openBracket) {
		let depth = 0;
		let j = i;
		while (j < n) {
			const c = b[j]!;
			if (c === quote) {
				j = stringEnd(b, j);
				if (j < 0) return -1;
				continue;
			}
			if (c === openBrace || c === openBracket) depth++;
			else if (c === closeBrace || c === closeBracket) {
				depth--;
				if (depth === 0) return j + 1;
			}
			j++;
		}
		return -1;
	}
	// A number, true, false or null: up to the next delimiter.
	let j = i;
	while (j < n) {
		const c = b[j];
		if (c === comma || c === closeBrace || c === closeBracket || isSpace(c)) break;
		j++;
	}
	return j > i ? j : -1;
}

function decode(b: Uint8Array, start: number, end: number): string {
	return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
}

/** The elements of the array that opens at `i`, appended to starts/ends; just past it, or -1. */
function scanArray(b: Uint8Array, i: number, starts: number[], ends: number[]): number {
	i = skipSpace(b, i + 1);
	if (b[i] === closeBracket) return i + 1;
	for (;;) {
		const end = valueEnd(b, i);
		if (end < 0) return -1;
		starts.push(i);
		ends.push(end);
		i = skipSpace(b, end);
		if (b[i] === comma) {
			i = skipSpace(b, i + 1);
			continue;
		}
		return b[i] === closeBracket ? i + 1 : -1;
	}
}

/**
 * The layout of a top-level JSON object with one `items` array, starting at byte `from`; or
 * undefined when the text is anything else (the caller then parses it whole).
 */
export function splitJsonList(b: Uint8Array, from = 0): JsonListLayout | undefined {
	let i = skipSpace(b, from);
	if (b[i] !== openBrace) return undefined;
	i = skipSpace(b, i + 1);
	const members: string[] = [];
	const starts: number[] = [];
	const ends: number[] = [];
	let sawItems = false;
	for (;;) {
		if (b[i] !== quote) return undefined;
		const keyEnd = stringEnd(b, i);
		if (keyEnd < 0) return undefined;
		const keyText = decode(b, i, keyEnd);
		let key: unknown;
		try {
			key = JSON.parse(keyText);
		} catch {
			return undefined;
		}
		i = skipSpace(b, keyEnd);
		if (b[i] !== colon) return undefined;
		i = skipSpace(b, i + 1);
		if (key === 'items') {
			// A second `items`, or one that is not an array, is left to the whole-document parse.
			if (sawItems || b[i] !== openBracket) return undefined;
			sawItems = true;
			i = scanArray(b, i, starts, ends);
			if (i < 0) return undefined;
		} else {
			const end = valueEnd(b, i);
			if (end < 0) return undefined;
			members.push(`${keyText}:${decode(b, i, end)}`);
			i = end;
		}
		i = skipSpace(b, i);
		if (b[i] === comma) {
			i = skipSpace(b, i + 1);
			continue;
		}
		if (b[i] !== closeBrace) return undefined;
		i = skipSpace(b, i + 1);
		break;
	}
	if (i !== b.length || !sawItems) return undefined;
	return { rest: `{${members.join(',')}}`, starts, ends };
}

/** The text of item `k` of a layout. */
export function itemText(b: Uint8Array, layout: JsonListLayout, k: number): string {
	return decode(b, layout.starts[k]!, layout.ends[k]!);
}
