/**
 * Paths as GKE's Ingress controller (ingress-gce) writes them into a Google Cloud URL map. Exact
 * and Prefix follow the Ingress specification. An ImplementationSpecific path is a URL map path
 * rule as written: `*` may stand only at the end, after a `/`, and then the rule matches every
 * request path that starts with what comes before the `*` (`/foo/*` matches `/foo/` and
 * `/foo/bar`, not `/foo`: path rules are not prefix matches by path element, so `/foo` needs a
 * rule of its own); any other path rule matches that path exactly. An empty path is `/*`, the
 * controller's catch-all. The longest path rule wins (`/a/b/*` before `/a/*`).
 */
import { matchLength, pathKind, pathMatches, type PathReading } from './path.js';

/** The catch-all path ingress-gce writes for a rule without a path. */
const catchAll = '/*';

/** The URL map path rule an ImplementationSpecific Ingress path becomes. */
function pathRule(rulePath: string): string {
	return rulePath === '' ? catchAll : rulePath;
}

/** What a wildcard path rule's matches start with (`/foo/` for `/foo/*`); undefined for an exact one. */
export function wildcardStem(rulePath: string): string | undefined {
	const rule = pathRule(rulePath);
	return rule.endsWith('/*') ? rule.slice(0, -1) : undefined;
}

export function gcePathMatches(rulePath: string, pathType: string, requestPath: string): boolean {
	if (pathKind(pathType) !== 'ImplementationSpecific') return pathMatches(rulePath, pathType, requestPath);
	const stem = wildcardStem(rulePath);
	return stem === undefined ? pathRule(rulePath) === requestPath : requestPath.startsWith(stem);
}

/** A wildcard rule counts as long as its stem, so `/a/b/*` outranks `/a/*`, and an exact `/a/b/c` outranks both. */
export function gceMatchLength(rulePath: string, pathType: string): number {
	if (pathKind(pathType) !== 'ImplementationSpecific') return matchLength(rulePath, pathType);
	return (wildcardStem(rulePath) ?? pathRule(rulePath)).length;
}

export const gcePaths: PathReading = {
	matches: gcePathMatches,
	length: gceMatchLength,
	implementationSpecificNote: (rulePath) =>
		wildcardStem(rulePath) === undefined
			? `pathType ImplementationSpecific ${pathRule(rulePath)} is a URL map path rule for GCE: it matches that path exactly`
			: `pathType ImplementationSpecific ${pathRule(rulePath)} is a URL map path rule for GCE: it matches every path that starts with ${wildcardStem(rulePath)}`,
	starMayMatch: false,
};
