/**
 * Does one rule match of an HTTPRoute or GRPCRoute fit a request (gateway-spec.md §6, §9), and
 * how specific is it (§7, §9)? Path, headers, query parameters and method are ANDed within a
 * match; a match without a path is PathPrefix "/"; header names are case-insensitive, values
 * and query parameters exact; only the first entry per name counts.
 */
import type { RouteMatch, RouteValueMatch } from '../../cluster/snapshot.js';

export interface GatewayRequest {
	method: string;
	/** The path without the query string. */
	path: string;
	/** Query parameters in order; the first value per name is the one compared. */
	query: [string, string][];
	/** Header names lower-cased; the first value per name. */
	headers: Map<string, string>;
	/** A gRPC request (content-type application/grpc): only GRPCRoutes take it. */
	grpc: boolean;
}

/** The match a rule without `matches` stands for. */
export const everything: RouteMatch = { path: { type: 'PathPrefix', value: '/' }, queryParams: [], headers: [] };

function firstPerName(list: readonly RouteValueMatch[], caseInsensitive: boolean): RouteValueMatch[] {
	const seen = new Set<string>();
	return list.filter((m) => {
		const key = caseInsensitive ? m.name.toLowerCase() : m.name;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function valueMatches(m: RouteValueMatch, actual: string | undefined): boolean {
	if (actual === undefined) return false;
	if (m.type === 'RegularExpression') {
		try {
			return new RegExp(`^(?:${m.value})$`).test(actual);
		} catch {
			return false;
		}
	}
	return actual === m.value;
}

/** PathPrefix compares whole path elements: `/abc` matches `/abc`, `/abc/`, `/abc/def`, not `/abcd`. */
export function prefixMatches(prefix: string, path: string): boolean {
	const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
	if (p === '/') return path.startsWith('/');
	return path === p || path.startsWith(`${p}/`);
}

function pathMatches(match: RouteMatch, path: string): boolean {
	const m = match.path ?? everything.path!;
	if (m.type === 'Exact') return path === m.value;
	if (m.type === 'PathPrefix') return prefixMatches(m.value, path);
	if (m.type === 'RegularExpression') {
		try {
			return new RegExp(`^(?:${m.value})`).test(path);
		} catch {
			return false;
		}
	}
	return false;
}

function headersMatch(match: RouteMatch, request: GatewayRequest): boolean {
	return firstPerName(match.headers, true).every((h) => valueMatches(h, request.headers.get(h.name.toLowerCase())));
}

export function httpMatches(match: RouteMatch, request: GatewayRequest): boolean {
	if (!pathMatches(match, request.path)) return false;
	if (match.method !== undefined && match.method !== request.method) return false;
	if (!headersMatch(match, request)) return false;
	return firstPerName(match.queryParams, false).every((q) => valueMatches(q, request.query.find(([name]) => name === q.name)?.[1]));
}

export function grpcMatches(match: RouteMatch, request: GatewayRequest): boolean {
	if (!headersMatch(match, request)) return false;
	const m = match.grpc;
	if (!m) return true;
	const [, service = '', method = ''] = /^\/([^/]*)\/([^/]*)$/.exec(request.path) ?? [];
	if (m.type === 'RegularExpression') {
		const test = (re: string, s: string) => {
			try {
				return re === '' || new RegExp(`^(?:${re})$`).test(s);
			} catch {
				return false;
			}
		};
		return test(m.service, service) && test(m.method, method);
	}
	return (m.service === '' || m.service === service) && (m.method === '' || m.method === method);
}

/** §7 keys 2–6 for an HTTPRoute match, larger first: Exact path, prefix length, method, headers, query. */
export function httpSpecificity(match: RouteMatch): number[] {
	const path = match.path ?? everything.path!;
	const exact = path.type === 'Exact' ? 1 : 0;
	const prefix = path.type === 'PathPrefix' ? path.value.length : path.type === 'Exact' ? path.value.length : 0;
	return [exact, prefix, match.method !== undefined ? 1 : 0, firstPerName(match.headers, true).length, firstPerName(match.queryParams, false).length];
}

/** §9 keys for a GRPCRoute match: service characters, method characters, header count. */
export function grpcSpecificity(match: RouteMatch): number[] {
	return [match.grpc?.service.length ?? 0, match.grpc?.method.length ?? 0, firstPerName(match.headers, true).length];
}

/**
 * `PathPrefix /api, header x=1, GET` — a match in words. `compact` (narrow tables) writes the path
 * alone for a prefix, `=/path` for Exact and `~re` for a regular expression.
 */
export function matchText(match: RouteMatch | undefined, kind: 'HTTPRoute' | 'GRPCRoute', compact = false): string {
	if (!match) return kind === 'HTTPRoute' ? (compact ? '/' : 'PathPrefix /') : '(every method)';
	const parts: string[] = [];
	if (kind === 'GRPCRoute') {
		if (match.grpc) parts.push(`${match.grpc.type === 'Exact' ? '' : `${match.grpc.type} `}${match.grpc.service || '*'}/${match.grpc.method || '*'}`);
	} else {
		const p = match.path ?? everything.path!;
		const short = p.type === 'PathPrefix' ? p.value : p.type === 'Exact' ? `=${p.value}` : `~${p.value}`;
		parts.push(compact ? short : `${p.type} ${p.value}`);
		if (match.method) parts.push(match.method);
	}
	for (const h of match.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`);
	for (const q of match.queryParams) parts.push(`query ${q.name}${q.type === 'Exact' ? '=' : '~'}${q.value}`);
	return parts.join(', ') || '(every method)';
}
