/**
 * One copy of the values that thousands of records repeat. JSON.parse gives every pod its own
 * copy of "shop-0000", of its node's name, of "Running", of its ReplicaSet's labels; at 100,000
 * pods those copies were a third of the records' heap, and every copy is an object the garbage
 * collector moves and marks again and again while a large cluster loads. Sharing them made the
 * records of 100,000 bench pods 118 MB instead of 201 MB.
 *
 * Records are never changed after they are made (a Snapshot is immutable), so sharing is safe;
 * the empty map and list are frozen so a change would fail loudly rather than leak into every
 * record that shares them.
 */
import { stringMap } from './raw.js';

/** Longer strings are rarely repeated (annotations' JSON, certificates) and are kept as they are. */
const maxSharedLength = 80;

/**
 * How many distinct strings are remembered. A long watch sees new pod names and hashes for ever:
 * past this many the pool starts over, so it stays a few megabytes at most (strings already
 * shared stay shared; only later copies are made anew).
 */
const poolLimit = 100_000;

let pool = new Map<string, string>();

/** The copy of `text` seen first, or `text` itself (remembered for next time). */
export function shared(text: string): string {
	if (text.length > maxSharedLength) return text;
	const known = pool.get(text);
	if (known !== undefined) return known;
	if (pool.size >= poolLimit) pool = new Map();
	pool.set(text, text);
	return text;
}

/** The empty string map every record without labels (or annotations) shares. */
export const noLabels: Readonly<Record<string, string>> = Object.freeze({});

/** The empty list every record without commands, args, gates or conditions shares. */
export const none: readonly never[] = Object.freeze([]);

/** `stringMap` (raw.ts) with shared values, and the shared empty map when there is nothing in it. */
export function sharedStringMap(value: unknown): Readonly<Record<string, string>> {
	const out = stringMap(value);
	let empty = true;
	for (const key in out) {
		out[key] = shared(out[key]!);
		empty = false;
	}
	return empty ? noLabels : out;
}
