/**
 * Path matching as the Ingress specification defines it. Exact is case-sensitive string
 * equality (a trailing slash counts). Prefix compares whole path elements, so `/foo` matches
 * `/foo/bar` and `/foo/` but not `/foobar`, and a trailing slash is ignored on either side.
 * ImplementationSpecific is up to the controller; kubewire reads it as Prefix (what
 * ingress-nginx does) and says so wherever it decides an answer.
 */

export type PathKind = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** The path types the spec knows; anything else (a typo the API would reject) acts as Prefix. */
export function pathKind(pathType: string): PathKind {
	return pathType === 'Exact' || pathType === 'Prefix' ? pathType : 'ImplementationSpecific';
}

/** Path elements: split on `/`, empty elements dropped (so `//` and a trailing slash vanish). */
export function pathElements(path: string): string[] {
	return path.split('/').filter((e) => e !== '');
}

export function exactMatches(rulePath: string, requestPath: string): boolean {
	return rulePath === requestPath;
}

export function prefixMatches(rulePath: string, requestPath: string): boolean {
	const rule = pathElements(rulePath);
	const request = pathElements(requestPath);
	if (rule.length > request.length) return false;
	return rule.every((element, i) => element === request[i]);
}

/** Whether a rule path of the given type matches the request path, in the spec's reading. */
export function pathMatches(rulePath: string, pathType: string, requestPath: string): boolean {
	const kind = pathKind(pathType);
	if (kind === 'Exact') return exactMatches(rulePath, requestPath);
	// An empty ImplementationSpecific path matches everything, as the API reference says.
	return prefixMatches(rulePath, requestPath);
}

/**
 * How a controller reads rule paths: which rule paths match a request path and how long each
 * match counts when the longest one wins. The spec's reading is below; GCE's URL map reads
 * ImplementationSpecific paths its own way (gce-path.ts).
 */
export interface PathReading {
	matches(rulePath: string, pathType: string, requestPath: string): boolean;
	length(rulePath: string, pathType: string): number;
	/** The note an answer decided by an ImplementationSpecific path carries. */
	implementationSpecificNote(rulePath: string): string;
	/**
	 * Whether a miss may be a hit for a controller that reads `*` as a wildcard: true when this
	 * reading does not know the controller and reads `*` as a character.
	 */
	starMayMatch: boolean;
}

/** The Ingress specification's reading, with ImplementationSpecific as Prefix (what ingress-nginx does). */
export const specPaths: PathReading = {
	matches: pathMatches,
	length: matchLength,
	implementationSpecificNote: () => 'pathType ImplementationSpecific is up to the controller; it was matched as Prefix here, which is what ingress-nginx does',
	starMayMatch: true,
};

/**
 * The length used to rank matches ("longest match first"): a Prefix path without its trailing
 * slashes, an Exact path as written. Measuring the raw string instead would let Prefix `/foo/`
 * beat Exact `/foo` for the request `/foo`.
 */
export function matchLength(rulePath: string, pathType: string): number {
	return pathKind(pathType) === 'Exact' ? rulePath.length : rulePath.replace(/\/+$/, '').length;
}

/** At equal length Exact wins over Prefix; ImplementationSpecific (read as Prefix) comes last. */
export function pathTypeRank(pathType: string): number {
	const kind = pathKind(pathType);
	return kind === 'Exact' ? 0 : kind === 'Prefix' ? 1 : 2;
}

/**
 * The key two rules must share to claim the same traffic: Prefix `/v1` and `/v1/` are the same
 * prefix; Exact paths are compared as written.
 */
export function pathClaimKey(rulePath: string, pathType: string): string {
	const kind = pathKind(pathType);
	const path = kind === 'Exact' ? rulePath : `/${pathElements(rulePath).join('/')}`;
	return `${kind} ${path}`;
}

export interface NormalizedPath {
	path: string;
	/** True when decoding, dot segments or repeated slashes changed what was asked. */
	changed: boolean;
}

/**
 * What a controller matches on: percent-escapes decoded, `.` and `..` resolved, repeated slashes
 * merged. The spec does not say; nginx does all three before it picks a location.
 */
export function normalizeRequestPath(raw: string): NormalizedPath {
	const decoded = decodePercent(raw === '' ? '/' : raw);
	const out: string[] = [];
	const parts = decoded.split('/');
	for (let i = 1; i < parts.length; i++) {
		const part = parts[i]!;
		const last = i === parts.length - 1;
		if (part === '.' || part === '..') {
			if (part === '..') out.pop();
			if (last) out.push('');
			continue;
		}
		if (part === '' && !last) continue;
		out.push(part);
	}
	const path = `/${out.join('/')}`;
	return { path, changed: path !== raw };
}

function decodePercent(text: string): string {
	if (!text.includes('%')) return text;
	try {
		return decodeURIComponent(text);
	} catch {
		// A lone or malformed escape: decode the well-formed ASCII ones, keep the rest as written.
		return text.replace(/%([0-7][0-9a-fA-F])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	}
}
