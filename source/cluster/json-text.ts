/**
 * A whole JSON text (one object, not a list read item by item), and where a broken one breaks.
 * JSON.parse is several times faster than a YAML parser, so text that starts like JSON is tried
 * as JSON first. When it fails, text that is unmistakably meant as JSON (`{"…` or `[{`, as every
 * JSON writer and `kubewire capture` write it) is reported as broken JSON with the line and byte
 * offset where it breaks, instead of being handed to the YAML parser: a truncated 300 MB capture
 * then fails in one parse with a position, not after a YAML parse of the whole file. Other text
 * starting with `{` or `[` (YAML flow style, `{kind: Service}`) is YAML's to read.
 */
import { InputError } from '../errors.js';
import { isJsonSpace as isSpace } from './byte-codes.js';
import { valueEnd } from './json-list.js';

function nextContent(b: Buffer, i: number): number {
	while (isSpace(b[i])) i++;
	return i;
}

/** `{"`, `{}`, `[{`, `[[`, `["`, `[]`: what JSON writers begin with and YAML authors do not. */
function meantAsJson(b: Buffer, first: number): boolean {
	const second = b[nextContent(b, first + 1)];
	if (b[first] === 0x7b) return second === 0x22 || second === 0x7d;
	return second === 0x7b || second === 0x5b || second === 0x22 || second === 0x5d;
}

/**
 * JSON values one after another with only whitespace between them: `jq -c '.items[]'` output
 * (JSON Lines), or several `kubectl get -o json` answers appended to one file. YAML cannot read
 * it (no `---` between the documents) and JSON.parse stops after the first value. Each value is
 * parsed when it is asked for, so the values of a large stream are not all held at once.
 */
export interface JsonValues {
	/** Each value with the byte just past it (a reader's progress). */
	values: Iterable<{ value: unknown; end: number }>;
}

/** Text that is not one JSON value; `broken` says where it breaks when it was meant as JSON. */
export interface NotJson {
	notJson: true;
	broken?: InputError;
}

/** Above this size, text meant as JSON that fails is reported at once, not handed to YAML. */
const yamlRetryLimit = 8 * 1024 * 1024;

/**
 * The value of the JSON text in `b` from `from`, or what to do instead: read it as YAML, and when
 * YAML fails too and `broken` is set, report `broken` (JSON's own position is the precise one).
 * A large text meant as JSON that fails is reported at once: YAML would read it no better, slowly.
 */
export function parseJsonText(b: Buffer, from: number, file: string): { value: unknown } | JsonValues | NotJson {
	const first = nextContent(b, from);
	if (b[first] !== 0x7b && b[first] !== 0x5b) return { notJson: true };
	let text: string;
	try {
		text = b.toString('utf8', from);
	} catch {
		// Past Node's longest string (512 MiB): only a list can be read, item by item.
		throw new InputError(`${file}: too large to read as one JSON value (only a JSON list of items can be larger than 512 MB)`);
	}
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		const message = (error as Error).message;
		if (/after JSON/i.test(message)) {
			// One JSON value followed by more: JSON values one after another, or (`{…}\n---\n{…}`) a
			// YAML stream of JSON documents, which YAML reads.
			const spans = valueSpans(b, first);
			if (spans === 'cut') throw jsonError(text, 'Unexpected end of JSON input', file, from);
			if (typeof spans !== 'number') return { values: parsedSpans(b, spans, from, file) };
			// Not values one after another: a YAML stream of JSON documents (`---` between them), or
			// JSON with something after it (a stray brace), reported where that stands when YAML
			// cannot read the text either.
			if (!meantAsJson(b, first) || b[spans] === 0x2d) return { notJson: true };
			const broken = jsonError(text, `Unexpected non-whitespace character after JSON at position ${b.toString('utf8', from, spans).length}`, file, from);
			if (b.length - from > yamlRetryLimit) throw broken;
			return { notJson: true, broken };
		}
		if (!meantAsJson(b, first)) return { notJson: true };
		const broken = jsonError(text, message, file, from);
		if (b.length - from > yamlRetryLimit) throw broken;
		return { notJson: true, broken };
	}
}

/** One line: the file, the line, the byte offset in the file and what JSON.parse said. */
function jsonError(text: string, message: string, file: string, from: number): InputError {
	const at = /at position (\d+)/.exec(message);
	// V8 names a cut file several ways ("Unexpected end", "Unterminated string", or an expected
	// token at a position past the last non-blank character): all mean the text stops too soon.
	const truncated = /end of JSON input|Unterminated/i.test(message) || (at !== null && Number(at[1]) >= text.trimEnd().length);
	const position = at ? Number(at[1]) : truncated ? text.length : undefined;
	const reason = truncated ? 'the file ends in the middle of a value (truncated?)' : message.replace(/ (?:in JSON )?at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
	if (position === undefined) return new InputError(`${file}: invalid JSON: ${reason}`);
	const before = text.slice(0, position);
	let line = 1;
	for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
	const byte = from + Buffer.byteLength(before, 'utf8');
	return new InputError(`${file}:${line}: invalid JSON at byte ${byte}: ${reason}`);
}

/**
 * The byte spans of the objects and arrays that follow one another from `first` with only
 * whitespace between; the byte where anything else stands between or after them (`---`, a
 * scalar, a stray brace); 'cut' when the last one never closes (a truncated file). Brackets
 * delimit here; JSON.parse judges each value when it is read.
 */
function valueSpans(b: Buffer, first: number): [number, number][] | number | 'cut' {
	const spans: [number, number][] = [];
	for (let i = first; i < b.length; i = nextContent(b, i)) {
		if (b[i] !== 0x7b && b[i] !== 0x5b) return i;
		const end = valueEnd(b, i);
		if (end < 0) return 'cut';
		spans.push([i, end]);
		i = end;
	}
	return spans;
}

/** Each span's value, parsed as it is asked for; a broken one is reported at its line and byte in the file. */
function* parsedSpans(b: Buffer, spans: [number, number][], from: number, file: string): Generator<{ value: unknown; end: number }, void, void> {
	for (const [start, end] of spans) {
		let value: unknown;
		try {
			value = JSON.parse(b.toString('utf8', start, end));
		} catch (error) {
			// The position JSON.parse gives is within the value: moved to the whole text's. Some of
			// V8's messages give none: then the value's own start names the line.
			const offset = b.toString('utf8', from, start).length;
			const said = (error as Error).message;
			const message = /at position \d+/.test(said) ? said.replace(/at position (\d+)/, (_, at: string) => `at position ${offset + Number(at)}`) : `${said} in JSON at position ${offset}`;
			throw jsonError(b.toString('utf8', from), message, file, from);
		}
		yield { value, end };
	}
}

