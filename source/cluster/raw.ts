/**
 * Defensive readers for raw API objects of unknown shape. Objects come from files anyone may
 * have written and from clusters where fields can be fuzzed; a field of the wrong type reads as
 * absent instead of throwing.
 */

export type RawObject = Record<string, unknown>;

export function isObject(value: unknown): value is RawObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): RawObject {
	return isObject(value) ? value : {};
}

export function arr(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

export function objects(value: unknown): RawObject[] {
	return arr(value).filter(isObject);
}

export function str(value: unknown, fallback = ''): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return fallback;
}

export function optStr(value: unknown): string | undefined {
	const s = str(value);
	return s === '' ? undefined : s;
}

export function strings(value: unknown): string[] {
	return arr(value)
		.map((item) => str(item))
		.filter((item) => item !== '');
}

export function int(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number.parseInt(value, 10);
	return undefined;
}

export function bool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return undefined;
}

/** A string-to-string map; non-string values are kept as their text, nested objects dropped. */
export function stringMap(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!isObject(value)) return out;
	for (const [key, item] of Object.entries(value)) {
		if (item === null || typeof item === 'object') continue;
		out[key] = str(item);
	}
	return out;
}

/** IntOrString: numbers (and numeric strings, which the API would not accept as names) as numbers. */
export function intOrString(value: unknown): number | string | undefined {
	const n = int(value);
	if (n !== undefined) return n;
	if (typeof value === 'string' && value !== '') return value;
	return undefined;
}

/**
 * The object was read from a cluster: the API server gave it a uid, a resourceVersion or a
 * creationTimestamp (`kubectl create --dry-run -o yaml` writes `creationTimestamp: null`).
 */
export function readFromCluster(raw: RawObject): boolean {
	const m = obj(raw['metadata']);
	return str(m['uid']) !== '' || str(m['resourceVersion']) !== '' || (m['creationTimestamp'] !== undefined && m['creationTimestamp'] !== null);
}
