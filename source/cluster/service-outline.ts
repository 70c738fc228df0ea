/**
 * The Services of a large capture, found before the capture is read: the TUI draws them (type,
 * ClusterIP, ports) while the pods and everything else are still being parsed, as it does for a
 * live cluster.
 *
 * Only the Services are parsed here. kubectl and `kubewire capture` write every item's apiVersion
 * and kind first, so a Service item begins `{"apiVersion": "v1", "kind": "Service"` in JSON, and
 * `- apiVersion: v1` over `kind: Service` in YAML. The bytes are searched natively for the word
 * `Service` (`kind: Service` in YAML), each hit is checked against that beginning, and only the matching items are measured
 * and parsed: a 360 MB capture holds 10,000 Services among 230,000 items. The look runs as the
 * bytes arrive, a chunk at a time, so it is done about when the read is.
 *
 * This is a preview, never the answer: the loader (files.ts) reads the whole input afterwards and
 * alone judges it. What this look cannot place is left out of the preview; broken text is left
 * for the loader to report with its position.
 */
import { parseYamlText } from './yaml-parse.js';
import { isObject } from './raw.js';
import { byte, isJsonSpace as isSpace, textStart } from './byte-codes.js';

const { space, lf, cr, quote, backslash, openBrace, closeBrace, openBracket, closeBracket, dash, hash } = byte;

/** Hits this close to the end of what has been read wait for the next chunk: their item may not be all there yet. */
const margin = 64 * 1024;

/**
 * Looks for the raw Service objects of a JSON list, or YAML documents and lists, as its bytes are
 * read: `scan` after each chunk, the last time with `final`; then `services` holds what a quick
 * look found.
 */
export class ServiceScan {
	readonly services: unknown[] = [];
	/** Where the next search starts. */
	private at = 0;
	private json: boolean | undefined;

	/** `bytes` is the buffer being filled. */
	constructor(
		private readonly bytes: Buffer,
		private readonly file: string,
	) {}

	/** Looks at the bytes read so far (`got` of them); `final` when that is all of them. */
	scan(got: number, final: boolean): void {
		const b = this.bytes.subarray(0, got);
		if (this.json === undefined) {
			// Past a byte order mark and blank space, a brace opens JSON.
			let i = textStart(b);
			while (isSpace(b[i])) i++;
			if (i >= got && !final) return;
			this.json = b[i] === openBrace;
			this.at = i;
		}
		const needle = this.json ? jsonNeedle : yamlNeedle;
		for (;;) {
			const hit = b.indexOf(needle, this.at);
			if (hit < 0) {
				// A needle cut by the end of the chunk is searched for again next time.
				if (!final) this.at = Math.max(this.at, got - needle.length + 1);
				return;
			}
			if (!final && hit > got - margin) {
				this.at = hit;
				return;
			}
			const found = this.json ? jsonAt(b, hit) : yamlAt(b, hit, this.file, final);
			if (found === 'more' && !final) {
				this.at = hit;
				return;
			}
			if (found !== 'more' && found.value !== undefined) this.services.push(found.value);
			this.at = found === 'more' ? hit + 1 : Math.max(hit + 1, found.next);
		}
	}
}

/** What a hit turned out to be: the Service (or nothing usable) and where to search on; 'more' when its end is not read yet. */
type Found = { value?: unknown; next: number } | 'more';

/** A Service object, not a reference to one (an EndpointSlice's owner reference also says `kind: Service`). */
function isService(value: unknown): boolean {
	return isObject(value) && value['kind'] === 'Service' && isObject(value['metadata']);
}

// Searched as bytes: Buffer.indexOf with a string needle converts it on every call (measured: 3.7x slower over 360 MB).
const jsonNeedle = Buffer.from('"Service"');
const yamlNeedle = Buffer.from('kind: Service');

/** Steps back over whitespace from `i`, then over `expected` (ASCII) ending there: the byte before it (-1 at the input's start), or -2 when the text differs. */
function backOver(b: Buffer, i: number, expected: string): number {
	while (i >= 0 && isSpace(b[i])) i--;
	for (let k = expected.length - 1; k >= 0; k--, i--) if (i < 0 || b[i] !== expected.charCodeAt(k)) return -2;
	return i;
}

const jsonLead = ['{', '"apiVersion"', ':', '"v1"', ',', '"kind"', ':'];

/** Where the Service object whose kind string `"Service"` starts at `at` begins; -1 unless it begins as an item does. */
function jsonItemStart(b: Buffer, at: number): number {
	let i = at - 1;
	for (let k = jsonLead.length - 1; k >= 0; k--) {
		i = backOver(b, i, jsonLead[k]!);
		if (i < -1) return -1;
	}
	return i + 1;
}

/** Just past the object that opens at `i` (by bracket depth; JSON.parse judges it), or -1. */
function jsonObjectEnd(b: Buffer, i: number): number {
	let depth = 0;
	for (let j = i; j < b.length; j++) {
		const c = b[j];
		if (c === quote) {
			for (j++; j < b.length && b[j] !== quote; j++) if (b[j] === backslash) j++;
		} else if (c === openBrace || c === openBracket) depth++;
		else if (c === closeBrace || c === closeBracket) {
			depth--;
			if (depth === 0) return j + 1;
		}
	}
	return -1;
}

function jsonAt(b: Buffer, hit: number): Found {
	const start = jsonItemStart(b, hit);
	if (start < 0 || b[start] !== openBrace) return { next: hit + 1 };
	const end = jsonObjectEnd(b, start);
	if (end < 0) return 'more';
	const value = orUndefined(() => JSON.parse(b.toString('utf8', start, end)) as unknown);
	return { value: isService(value) ? value : undefined, next: end };
}

/** What a parse gives, or undefined for broken text (the loader reports that, with its position). */
function orUndefined<T>(parse: () => T): T | undefined {
	try {
		return parse();
	} catch {
		return undefined;
	}
}

/** The start of the line that holds byte `i`. */
function lineStart(b: Buffer, i: number): number {
	return i === 0 ? 0 : b.lastIndexOf(lf, i - 1) + 1;
}

/** The text of the line that starts at `i`, without its line break. */
function lineAt(b: Buffer, i: number): string {
	const end = b.indexOf(lf, i);
	const text = b.toString('latin1', i, end < 0 ? b.length : end);
	return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function indentOf(b: Buffer, i: number): number {
	let n = 0;
	while (b[i + n] === space) n++;
	return n;
}

/** The byte that starts the line after the one holding `i`, or the end. */
function nextLine(b: Buffer, i: number): number {
	const end = b.indexOf(lf, i);
	return end < 0 ? b.length : end + 1;
}

/** Where the block that starts at line `from` with indentation `indent` ends: the first later line as shallow, or a document marker. */
function blockEnd(b: Buffer, from: number, indent: number): number {
	for (let i = nextLine(b, from); i < b.length; i = nextLine(b, i)) {
		const n = indentOf(b, i);
		const c = b[i + n];
		// Blank lines and comments do not end a block.
		if (c === lf || c === cr || c === hash || c === undefined) continue;
		if (n <= indent) return i;
	}
	return b.length;
}

/**
 * The span of the YAML item or document whose `kind: Service` line starts at `line`: a list item
 * (`- apiVersion: v1` just above, or `- kind: Service` itself) or a top-level document (column 0).
 */
function yamlSpan(b: Buffer, line: number): { start: number; end: number; item: boolean } | undefined {
	const indent = indentOf(b, line);
	const own = lineAt(b, line).slice(indent);
	if (indent === 0 && /^kind: ["']?Service["']?\s*$/.test(own)) {
		// A document: from its start (the line after `---`, or the input's start) to the next marker.
		const before = b.lastIndexOf('\n---', line);
		const start = before < 0 ? 0 : nextLine(b, before + 1);
		const after = b.indexOf('\n---', line);
		return { start, end: after < 0 ? b.length : after + 1, item: false };
	}
	if (/^- kind: ["']?Service["']?\s*$/.test(own)) return { start: line, end: blockEnd(b, line, indent), item: true };
	if (line === 0 || !/^kind: ["']?Service["']?\s*$/.test(own)) return undefined;
	const above = lineStart(b, line - 1);
	const dashAt = above + indent - 2;
	if (indent < 2 || indentOf(b, above) !== indent - 2 || b[dashAt] !== dash || !/^- apiVersion: ["']?v1["']?\s*$/.test(lineAt(b, above).slice(indent - 2))) return undefined;
	return { start: above, end: blockEnd(b, above, indent - 2), item: true };
}

function yamlAt(b: Buffer, hit: number, file: string, final: boolean): Found {
	const span = yamlSpan(b, lineStart(b, hit));
	if (!span) return { next: hit + 1 };
	// Until everything is read, the end of what was read is not the end of the item or document.
	if (!final && span.end >= b.length) return 'more';
	// Parse errors are not reported here, so the line the text starts on does not matter.
	const docs = orUndefined(() => parseYamlText(b.toString('utf8', span.start, span.end), file, 1)) ?? [];
	const doc = docs[0];
	const value = span.item && Array.isArray(doc) ? doc[0] : doc;
	return { value: docs.length === 1 && isService(value) ? value : undefined, next: span.end };
}
