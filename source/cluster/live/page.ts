/**
 * One page of a list, read from the answer's bytes. The API server writes a list's metadata
 * (resourceVersion, the continue token) before its items, so the token can be read from the
 * first bytes of the answer, while the rest is still on its way (`metadataBeforeItems`): the
 * lister asks for the next page then, and the server prepares it while this one arrives and is
 * parsed. Failing that, the walk of json-list.ts hands the metadata over before it parses a
 * single item. Without either the token was known only after the whole page was decoded and
 * parsed, and the server sat idle meanwhile.
 */
import { byte, isJsonSpace, textStart } from '../byte-codes.js';
import { jsonValue, unparsable, walkJsonList } from '../json-list.js';
import { arr, isObject, obj } from '../raw.js';

export interface ListPage {
	metadata: Record<string, unknown>;
	/** The items, unless they went to `each` as they were parsed (then empty). */
	items: unknown[];
	/**
	 * True when every item went to `each`. False when the answer had to be parsed whole (a shape
	 * the walk does not read): the items handed to `each` before that are void, and `items` holds
	 * them all.
	 */
	streamed: boolean;
}

/**
 * Reads `bytes` as a list; calls `early` with the metadata when it stands before the items.
 * With `each`, each item goes there as soon as it is parsed instead of into `items`, so a caller
 * that keeps a slim record of it lets the parsed object go at once: a page of 500 pods held
 * whole until the last was parsed outlived the young generation and cost the collector dearly.
 * Undefined when the bytes are not JSON.
 */
export function readListPage(bytes: Buffer, early: (metadata: Record<string, unknown>) => void, each?: (item: unknown) => void): ListPage | undefined {
	const items: unknown[] = [];
	const rest = walkJsonList(bytes, textStart(bytes), {
		beforeItems: (head) => {
			const before = jsonValue(head);
			if (!isObject(before)) return false;
			if (isObject(before['metadata'])) early(before['metadata']);
			return true;
		},
		item: each ?? ((value) => items.push(value)),
	});
	const members = rest === undefined ? undefined : jsonValue(rest);
	if (isObject(members)) return { metadata: obj(members['metadata']), items, streamed: each !== undefined };
	// Not the shape the walk reads (no items array, a second one, not JSON at all): the whole
	// answer in one parse decides. Any JSON value is a page, an empty one unless it is a list.
	const whole = jsonValue(bytes.toString('utf8', textStart(bytes)));
	if (whole === unparsable) return undefined;
	return { metadata: obj(obj(whole)['metadata']), items: arr(obj(whole)['items']), streamed: false };
}

/**
 * The list's metadata from the first bytes of an answer whose rest has not arrived yet: the
 * metadata object (empty when there is none) once the members before `items` are all in, null
 * when these bytes cannot be the start of a list with its metadata first, undefined while more
 * bytes are needed to tell.
 */
export function metadataBeforeItems(head: Buffer): Record<string, unknown> | null | undefined {
	let metadata: Record<string, unknown> | null | undefined;
	// The walk stops at the items (beforeItems says false); on a cut-off head it stops where the
	// bytes end, without a word: then `metadata` is still undefined.
	walkJsonList(head, textStart(head), {
		beforeItems: (members) => {
			const before = jsonValue(members);
			metadata = isObject(before) ? obj(before['metadata']) : null;
			return false;
		},
		item: () => undefined,
	});
	if (metadata !== undefined) return metadata;
	// Not an object at all: nothing more will make it one.
	let i = textStart(head);
	while (isJsonSpace(head[i])) i++;
	return i >= head.length || head[i] === byte.openBrace ? undefined : null;
}
