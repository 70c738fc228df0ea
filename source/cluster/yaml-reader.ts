/**
 * Reads YAML bytes (a file, standard input) document by document and, in a `kind: List` or typed
 * list (`kubectl get … -o yaml`), item by item: each item is decoded, parsed and handed over on
 * its own, so the tree of one item at a time exists, never that of the whole capture. See
 * yaml-split.ts for how the pieces are found and yaml-parse.ts for the parser.
 */
import { runSteps } from '../model/steps.js';
import { bytesPerStep } from './byte-codes.js';
import { isObject, str } from './raw.js';
import { splitYaml, splitYamlSteps, type Span } from './yaml-split.js';
import { isUnknownAlias, parseYamlText } from './yaml-parse.js';

export interface YamlVisitor {
	/** A new document begins: what follows may be undone by `undoDocument`. */
	startDocument(): void;
	/**
	 * What was handed over since `startDocument` is to be forgotten: the document is read again
	 * whole (an alias in one item named an anchor in another).
	 */
	undoDocument(): void;
	/** A document, or an item of a list with the kind its list implies ('' for `kind: List`). */
	object(value: unknown, impliedKind: string): void;
	/** A list read item by item, with its kind (`List`, `PodList`; '' when it names none): even an empty one is an answer. */
	list?(kind: string): void;
}

/** A document whose items are objects to read: `kind: List`, a typed list, or no kind at all. */
export function isListKind(kind: string): boolean {
	return kind === '' || kind.endsWith('List');
}

/** `PodList` → `Pod` (items of typed lists may omit their kind); '' for `List` and no kind. */
export function listItemKind(kind: string): string {
	return kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -'List'.length) : '';
}

function text(b: Buffer, span: Span): string {
	return b.toString('utf8', span.start, span.end);
}

/** Reads the YAML in `b` from byte `from` (past a byte order mark) and hands every object to `visitor`. */
export function readYaml(b: Buffer, from: number, file: string, visitor: YamlVisitor): void {
	runSteps(readYamlSteps(b, from, file, visitor));
}

/** `readYaml` a step at a time: yields the byte it has reached after each document and every few hundred kilobytes of items. */
export function* readYamlSteps(b: Buffer, from: number, file: string, visitor: YamlVisitor): Generator<number, void, void> {
	// While the lines are scanned nothing is parsed yet: the progress stays where it was.
	const layouts = yield* progressStays(splitYamlSteps(b, from), from);
	if (!layouts) {
		// Directives apply across documents: the parser reads the stream whole.
		visitor.startDocument();
		for (const doc of parseYamlText(b.toString('utf8', from), file, 1)) visitor.object(doc, '');
		return;
	}
	for (const layout of layouts) {
		visitor.startDocument();
		if (!(layout.list && (yield* readList(b, file, layout.list, visitor)))) {
			for (const doc of parseYamlText(text(b, layout.whole), file, layout.whole.line)) visitor.object(doc, '');
		}
		yield layout.whole.end;
	}
}

/** Runs `steps`, yielding `at` instead of their own positions; returns what they return. */
function* progressStays<T>(steps: Generator<number, T, void>, at: number): Generator<number, T, void> {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
		yield at;
	}
}

/**
 * A list read item by item. False when the document must be read whole instead (its other
 * members do not say it is a list, a piece is not what the layout promised, or an alias crosses
 * pieces); whatever was handed over is undone first.
 */
function* readList(b: Buffer, file: string, list: { members: Span[]; items: Span[] }, visitor: YamlVisitor): Generator<number, boolean, void> {
	try {
		const head: Record<string, unknown> = {};
		for (const member of list.members) {
			const docs = parseYamlText(text(b, member), file, member.line);
			if (docs.length !== 1 || !isObject(docs[0])) return false;
			Object.assign(head, docs[0]);
		}
		const kind = str(head['kind']);
		if (!isListKind(kind)) return false;
		visitor.list?.(kind);
		const itemKind = listItemKind(kind);
		let stepFrom = list.items[0]?.start ?? 0;
		for (const item of list.items) {
			if (item.start - stepFrom >= bytesPerStep) {
				yield item.start;
				stepFrom = item.start;
			}
			const docs = parseYamlText(text(b, item), file, item.line);
			const entries = docs[0];
			if (docs.length !== 1 || !Array.isArray(entries) || entries.length !== 1) {
				visitor.undoDocument();
				return false;
			}
			visitor.object(entries[0], itemKind);
		}
		return true;
	} catch (error) {
		if (!isUnknownAlias(error)) throw error;
		visitor.undoDocument();
		return false;
	}
}

/** Every document of `b` as a whole value (lists not unwrapped): for small inputs and tests. */
export function yamlDocuments(b: Buffer, from: number, file: string): unknown[] {
	const layouts = splitYaml(b, from);
	if (!layouts) return parseYamlText(b.toString('utf8', from), file, 1);
	const out: unknown[] = [];
	for (const layout of layouts) out.push(...parseYamlText(text(b, layout.whole), file, layout.whole.line));
	return out;
}
