/**
 * Reads a JSON list (`kubectl get … -o json`: `{"items": [...], "kind": "List"}`) one item at a
 * time, so the loader can parse and project each item on its own. A 300 MB dump parsed in one
 * piece holds a tree two to three times its size until the last item is read; item by item, only
 * the slim records stay and each item's tree dies young, which the garbage collector reclaims
 * cheaply.
 *
 * Finding where an item ends would mean reading every byte of it. Instead, the next item is
 * looked for where it most likely starts: items of a list begin alike (`{"apiVersion"`, with the
 * same indentation), so the walker searches for that beginning, checks that only `}`, a comma and
 * whitespace stand before it, and gives the span to JSON.parse. A JSON value parses only when the
 * span is exactly that value, so a wrong guess (a nested object that begins the same way) cannot
 * pass; it costs one failed parse, and that item is then measured byte by byte.
 *
 * Every item, and the rest of the top-level object, goes through JSON.parse, and the text between
 * them (whitespace, commas, colons, brackets) is checked here; so the walk succeeds if and only if
 * the whole document is valid JSON. Anything unexpected returns undefined, and the caller reads
 * the file the ordinary way.
 */

import { runSteps } from '../model/steps.js';
import { byte, bytesPerStep, isJsonSpace as isSpace } from './byte-codes.js';

const { quote, backslash, openBrace, closeBrace, openBracket, closeBracket, comma, colon } = byte;

function skipSpace(b: Buffer, i: number): number {
	while (isSpace(b[i])) i++;
	return i;
}

/** Just past the closing quote of the string that opens at `i`, or -1 when it never closes. */
function stringEnd(b: Buffer, i: number): number {
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
export function valueEnd(b: Buffer, i: number): number {
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

function decode(b: Buffer, start: number, end: number): string {
	return b.toString('utf8', start, end);
}

/** What `jsonValue` gives for text that is not JSON (every JSON value, null included, is a value). */
export const unparsable = Symbol('unparsable');

/** The JSON value of `text`, or `unparsable`. */
export function jsonValue(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return unparsable;
	}
}

function parseSpan(b: Buffer, start: number, end: number): unknown {
	return jsonValue(decode(b, start, end));
}

/** Where the value that ends just before `next` ends: `}`, whitespace, a comma, whitespace; -1 otherwise. */
function objectEndBefore(b: Buffer, next: number): number {
	let k = next - 1;
	while (isSpace(b[k])) k--;
	if (b[k] !== comma) return -1;
	k--;
	while (isSpace(b[k])) k--;
	return b[k] === closeBrace ? k + 1 : -1;
}

/** The bytes an object item starts with: its brace, whitespace and first key; undefined when it has no key. */
function itemHead(b: Buffer, i: number): Buffer | undefined {
	const key = skipSpace(b, i + 1);
	if (b[key] !== quote) return undefined;
	const end = stringEnd(b, key);
	return end < 0 ? undefined : b.subarray(i, end);
}

/**
 * Hands every element of the array that opens at `i` to `visit`, parsed; just past the array, or
 * -1 when the text is not as JSON requires. Yields, every few hundred kilobytes, how far it got.
 */
function* walkItems(b: Buffer, i: number, visit: (item: unknown) => void): Generator<number, number, void> {
	i = skipSpace(b, i + 1);
	if (b[i] === closeBracket) return i + 1;
	let head: Buffer | undefined;
	let guesses = 0;
	let misses = 0;
	let stepFrom = i;
	for (;;) {
		if (i - stepFrom >= bytesPerStep) {
			yield i;
			stepFrom = i;
		}
		// Guessing stops paying when more than one guess in eight misses.
		if (b[i] === openBrace && (misses < 8 || misses * 8 < guesses)) {
			head ??= itemHead(b, i);
			// Nested objects may begin the same way (`[{"apiVersion"` in ownerReferences): only a
			// beginning after `},` can be the next item.
			let next = head ? b.indexOf(head, i + 1) : -1;
			let end = next < 0 ? -1 : objectEndBefore(b, next);
			while (next >= 0 && end < 0) {
				next = b.indexOf(head!, next + 1);
				end = next < 0 ? -1 : objectEndBefore(b, next);
			}
			if (end > i) {
				guesses++;
				const item = parseSpan(b, i, end);
				if (item !== unparsable) {
					visit(item);
					i = next;
					continue;
				}
				misses++;
				head = undefined;
			}
		}
		const end = valueEnd(b, i);
		if (end < 0) return -1;
		const item = parseSpan(b, i, end);
		if (item === unparsable) return -1;
		visit(item);
		i = skipSpace(b, end);
		if (b[i] === comma) {
			i = skipSpace(b, i + 1);
			continue;
		}
		return b[i] === closeBracket ? i + 1 : -1;
	}
}

export interface ListVisitor {
	/**
	 * Called when the `items` array begins, with the members read before it as the text of a JSON
	 * object (kubectl writes `kind` after the items, the API server before them). Returning false
	 * stops the walk.
	 */
	beforeItems(head: string): boolean;
	/** Each item, parsed, in order. */
	item(value: unknown): void;
}

/**
 * Walks a top-level JSON object with one `items` array, starting at byte `from`: hands each item
 * to the visitor and returns the other members as the text of a JSON object. Undefined when the
 * text is anything else or stops being valid JSON (the caller then undoes what it did with the
 * items and reads the file whole).
 */
export function walkJsonList(b: Buffer, from: number, visitor: ListVisitor): string | undefined {
	return runSteps(walkJsonListSteps(b, from, visitor));
}

/** `walkJsonList` a step at a time: yields the byte it has reached every few hundred kilobytes. */
export function* walkJsonListSteps(b: Buffer, from: number, visitor: ListVisitor): Generator<number, string | undefined, void> {
	let i = skipSpace(b, from);
	if (b[i] !== openBrace) return undefined;
	i = skipSpace(b, i + 1);
	const members: string[] = [];
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
			if (!visitor.beforeItems(`{${members.join(',')}}`)) return undefined;
			i = yield* walkItems(b, i, (item) => visitor.item(item));
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
	return `{${members.join(',')}}`;
}
