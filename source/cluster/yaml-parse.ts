/**
 * Parses one piece of YAML text (a document, a member of a List, one item) into plain values,
 * with errors as one InputError line naming the file and the line in the whole file.
 *
 * Why js-yaml: measured on a 1,000-Service capture (37.6 MB, 12,277 items parsed one by one),
 * js-yaml 4 took 3.0 s where the `yaml` package took 23 s (parseDocument + toJS), 18 s for its
 * CST Parser alone and 5.2 s for its Lexer alone; JSON.parse of the same capture as JSON took
 * 2.3 s on the same (busy) machine. js-yaml also limits nesting depth (maxDepth, 100) and reads
 * the 1.2 core schema. A key repeated at the top of an object is an error: two objects joined
 * without a `---` line, which keeping the last value would silently merge into one (the first
 * lost). Deeper in an object a repeated key keeps its last value, as JSON.parse does (published
 * manifests have them: spring-petclinic-cloud's containers say `resources` twice).
 *
 * js-yaml does not copy aliases (an alias is the same object again), so an alias bomb costs no
 * memory while it is parsed; but kubewire walks what it reads, and a bomb must still be refused
 * in one line. A piece that could hold an anchor and an alias (both `&` and `*` occur in it) is
 * therefore read by the `yaml` package, which counts alias expansion (maxAliasCount). Captures
 * rarely have both characters in one item, so nearly everything takes the fast path.
 */
import jsYaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../errors.js';

/** Alias expansion beyond this many nodes is treated as an attack ("billion laughs"). */
export const maxAliasCount = 100;

const strict: jsYaml.LoadOptions = { schema: jsYaml.CORE_SCHEMA };
const lastWins: jsYaml.LoadOptions = { schema: jsYaml.CORE_SCHEMA, json: true };

/** The column the piece's top-level keys start at (after `- ` for a list item), or -1. */
function rootColumn(text: string): number {
	for (const line of text.split('\n', 50)) {
		const trimmed = line.trimStart();
		if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('---') || trimmed.startsWith('%')) continue;
		const item = /^((?:\s*-\s+)*)/.exec(line)![1]!;
		return item.length > 0 ? item.length : line.length - trimmed.length;
	}
	return -1;
}

/** `text` may use anchors and aliases: both markers occur somewhere in it. */
function mayHaveAliases(text: string): boolean {
	return text.includes('*') && text.includes('&');
}

/**
 * The documents of `text` (usually one). `firstLine` is the line of the whole file that `text`
 * starts on, so errors point into the file the user has.
 */
export function parseYamlText(text: string, file: string, firstLine: number): unknown[] {
	if (mayHaveAliases(text)) {
		try {
			return parseCounted(text, file, firstLine);
		} catch (error) {
			throw error instanceof InputError ? error : describe(error, file, firstLine);
		}
	}
	const out: unknown[] = [];
	try {
		jsYaml.loadAll(text, (doc) => out.push(doc), strict);
	} catch (error) {
		const nested = error instanceof jsYaml.YAMLException && /duplicated mapping key/.test(error.reason) && error.mark && error.mark.column !== rootColumn(text);
		if (!nested) throw describe(error, file, firstLine);
		out.length = 0;
		try {
			jsYaml.loadAll(text, (doc) => out.push(doc), lastWins);
		} catch (again) {
			throw describe(again, file, firstLine);
		}
	}
	return out;
}

/** True when the error is an alias whose anchor is in another piece (the caller reads the document whole). */
export function isUnknownAlias(error: unknown): boolean {
	return error instanceof InputError && / alias /.test(error.message) && /unidentified|unresolved/i.test(error.message);
}

function describe(error: unknown, file: string, firstLine: number): InputError {
	if (error instanceof jsYaml.YAMLException) {
		const line = error.mark ? firstLine + error.mark.line : undefined;
		const reason = /nesting exceeded maxDepth/.test(error.reason)
			? 'nested too deeply (refused)'
			: /duplicated mapping key/.test(error.reason)
				? `${error.reason} (two objects without a --- line between them?)`
				: error.reason;
		return new InputError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${reason}`);
	}
	if (error instanceof RangeError) return new InputError(`${file}: invalid YAML: nested too deeply (refused)`);
	return new InputError(`${file}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
}

/** The `yaml` package's reader, which refuses alias expansion beyond maxAliasCount. */
function parseCounted(text: string, file: string, firstLine: number): unknown[] {
	let docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
	// A key repeated deeper than the top of an object keeps its last value (see above).
	const duplicates = (Array.isArray(docs) ? docs : []).flatMap((d) => d.errors.filter((e) => e.code === 'DUPLICATE_KEY'));
	if (duplicates.length > 0) {
		const root = rootColumn(text);
		if (duplicates.every((e) => (e.linePos?.[0]?.col ?? 1) - 1 !== root)) docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: true });
	}
	const list = Array.isArray(docs) ? docs : [];
	const out: unknown[] = [];
	for (const doc of list) {
		const error = doc.errors[0];
		if (error) {
			const at = error.linePos?.[0]?.line;
			const line = at === undefined ? undefined : firstLine + at - 1;
			const reason = /call stack/i.test(error.message) ? 'nested too deeply (refused)' : error.message.split(' at line ')[0]!.split('\n')[0];
			throw new InputError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${reason}`);
		}
		try {
			out.push(doc.toJS({ maxAliasCount }));
		} catch (error) {
			const message = (error as Error).message;
			const reason = /alias/i.test(message)
				? 'too many YAML aliases (refused as a possible alias bomb)'
				: /call stack/i.test(message)
					? 'invalid YAML: nested too deeply (refused)'
					: message.split('\n')[0];
			throw new InputError(`${file}: ${reason}`);
		}
	}
	return out;
}
