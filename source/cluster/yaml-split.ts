/**
 * Finds, in the bytes of a YAML stream, where each document starts and ends and, in a document
 * that is a mapping with a block-sequence `items:` (a `kind: List` capture, `kubectl get -o yaml`),
 * where each item starts. The parser then reads one item at a time, so a 400 MB capture never
 * becomes one tree (nor one string: Node's longest string is 512 MiB).
 *
 * Only lines are looked at, and only their first few bytes. That is enough because YAML itself
 * forbids what would fool it: `---` or `...` at the start of a line always ends a document, even
 * inside a quoted or block scalar; and everything inside an item of a sequence at indentation k
 * (its block scalars, its multi-line quoted strings) is indented deeper than k, so a line with
 * `- ` at indentation k starts the next item and a line at column 0 ends the sequence. Whatever
 * else the lines hold is the parser's to judge; a document whose shape is not recognised here
 * (a top-level sequence, a flow mapping, directives) is handed to the parser whole.
 */

import { runSteps } from '../model/steps.js';
import { byte, bytesPerStep } from './byte-codes.js';

/** A run of bytes and the 1-based line it starts on, for error messages. */
export interface Span {
	start: number;
	end: number;
	line: number;
}

export interface YamlDocumentLayout {
	/** The whole document, from its first line after any `---` to its end. */
	whole: Span;
	/**
	 * Set when the document is a block mapping with a block-sequence `items`: the other top-level
	 * members, one span each, and the items, one span each (each item's span begins with its `-`).
	 */
	list?: { members: Span[]; items: Span[] };
}

const { lf: newline, space, tab, cr, hash, dash, dot, percent } = byte;

/** The byte at `i` ends the line's content (end of input, CR, LF), or is blank space before it. */
function isEndOrBlank(b: Buffer, i: number): boolean {
	const c = b[i];
	return c === undefined || c === newline || c === cr || c === space || c === tab;
}

/** A `---` or `...` marker at line start `i` (followed by a blank or the end of the line). */
function markerAt(b: Buffer, i: number): '---' | '...' | undefined {
	const c = b[i];
	if ((c !== dash && c !== dot) || b[i + 1] !== c || b[i + 2] !== c || !isEndOrBlank(b, i + 3)) return undefined;
	return c === dash ? '---' : '...';
}

/** The line holds nothing but blanks or a comment. */
function isBlankOrComment(b: Buffer, i: number): boolean {
	let j = i;
	while (b[j] === space || b[j] === tab) j++;
	const c = b[j];
	return c === undefined || c === newline || c === cr || c === hash;
}

/** `items:` at line start `i`, followed only by blanks or a comment. */
function isItemsKey(b: Buffer, i: number): boolean {
	if (b.toString('latin1', i, i + 6) !== 'items:') return false;
	let j = i + 6;
	while (b[j] === space || b[j] === tab) j++;
	const c = b[j];
	return c === undefined || c === newline || c === cr || c === hash;
}

/** Indentation (spaces only) of the line at `i`. */
function indentOf(b: Buffer, i: number): number {
	let j = i;
	while (b[j] === space) j++;
	return j - i;
}

/** `-` followed by a blank or the end of the line, at `i`: a block sequence entry. */
function isEntry(b: Buffer, i: number): boolean {
	return b[i] === dash && isEndOrBlank(b, i + 1);
}

/** First characters of a line that make the document one not to split: - { [ ! & * ? : | > and tab. */
const notSplitStarts = new Set([dash, 0x7b, 0x5b, 0x21, 0x26, 0x2a, 0x3f, 0x3a, 0x7c, 0x3e, tab]);

/** What the scanner is inside of, at the current line. */
type State =
	| { in: 'start' }
	| { in: 'mapping' }
	/** An `items:` key was seen; the sequence's indentation is the next content line's. */
	| { in: 'items-key' }
	| { in: 'items'; indent: number }
	/** A shape not split here: the document goes to the parser whole. */
	| { in: 'whole' };

/**
 * The documents of a YAML stream, in order. `from` skips a byte order mark. Returns undefined
 * when the stream has directives (`%YAML`, `%TAG`), which apply across documents: the caller
 * then parses the stream whole.
 */
export function splitYaml(b: Buffer, from = 0): YamlDocumentLayout[] | undefined {
	return runSteps(splitYamlSteps(b, from));
}

/**
 * `splitYaml` a step at a time: yields every few hundred kilobytes (the byte it has reached), so
 * the TUI opening a 400 MB capture answers keys while the lines are scanned (at once, about a
 * second with the screen frozen).
 */
export function* splitYamlSteps(b: Buffer, from = 0): Generator<number, YamlDocumentLayout[] | undefined, void> {
	const docs: YamlDocumentLayout[] = [];
	let docStart = from;
	let docLine = 1;
	let state: State = { in: 'start' };
	let members: Span[] = [];
	let items: Span[] = [];
	let member: Span | undefined;
	let item: Span | undefined;

	const closeOpen = (at: number) => {
		if (member) {
			member.end = at;
			members.push(member);
			member = undefined;
		}
		if (item) {
			item.end = at;
			items.push(item);
			item = undefined;
		}
	};
	const endDocument = (at: number) => {
		closeOpen(at);
		const whole = { start: docStart, end: at, line: docLine };
		const split = state.in === 'mapping' || state.in === 'items' || state.in === 'items-key';
		// An `items:` with nothing after it is an empty value: leave such a document to the parser.
		const list = split && state.in !== 'items-key' && items.length > 0 ? { members, items } : undefined;
		if (state.in !== 'start') docs.push(list ? { whole, list } : { whole });
		members = [];
		items = [];
		state = { in: 'start' };
	};

	let line = 1;
	let stepFrom = from;
	for (let i = from; i < b.length; ) {
		if (i - stepFrom >= bytesPerStep * 8) {
			// Scanning lines is cheaper than parsing them: a longer step costs about the same time.
			yield i;
			stepFrom = i;
		}
		const next = b.indexOf(newline, i);
		const lineEnd = next < 0 ? b.length : next + 1;
		const first = b[i];
		// Most lines of a capture are indented inside an item: nothing to decide for them.
		if (first === space && state.in === 'items' && state.indent === 0) {
			i = lineEnd;
			line++;
			continue;
		}
		if (first === percent && state.in === 'start') return undefined;
		const marker = markerAt(b, i);
		if (marker) {
			endDocument(i);
			// Content after `--- ` on the same line belongs to the next document: parse it whole.
			docStart = marker === '---' ? i : lineEnd;
			docLine = marker === '---' ? line : line + 1;
			if (marker === '---' && !isBlankOrComment(b, i + 3)) state = { in: 'whole' };
			i = lineEnd;
			line++;
			continue;
		}
		if (isBlankOrComment(b, i) || state.in === 'whole') {
			i = lineEnd;
			line++;
			continue;
		}
		const indent = indentOf(b, i);
		if (state.in === 'items-key') {
			if (b[i + indent] === tab || !isEntry(b, i + indent)) state = { in: 'whole' };
			else state = { in: 'items', indent };
		}
		if (state.in === 'items') {
			if (indent === state.indent && isEntry(b, i + indent)) {
				closeOpen(i);
				item = { start: i, end: i, line };
			} else if (indent < state.indent || indent === 0) {
				closeOpen(i);
				state = { in: 'mapping' };
			}
		}
		if (state.in === 'start' || state.in === 'mapping') {
			if (indent > 0) {
				// A member's continuation (or the first line of an indented document): only a
				// mapping that starts at column 0 is split.
				if (state.in === 'start' || !member) state = { in: 'whole' };
			} else if (first !== undefined && notSplitStarts.has(first)) {
				// A top-level sequence, a flow collection, a tagged or anchored node, a complex key.
				state = { in: 'whole' };
			} else {
				closeOpen(i);
				if (isItemsKey(b, i)) {
					// A second `items` is the parser's to judge (the last one wins there).
					state = items.length > 0 ? { in: 'whole' } : { in: 'items-key' };
				} else {
					state = { in: 'mapping' };
					member = { start: i, end: i, line };
				}
			}
		}
		i = lineEnd;
		line++;
	}
	endDocument(b.length);
	return docs;
}
