/**
 * A request as Gateway routing sees it, built from its parts: the URL's path and query split
 * apart, header names lower-cased (first value kept per name), the host without port, and gRPC
 * recognised by its content-type.
 */
import { requestHost } from './hostnames.js';
import type { GatewayRouteRequest } from './route.js';

export interface RequestParts {
	scheme: 'http' | 'https';
	/** The Host header / :authority as sent (a `:port` is ignored; '' or an IP = no hostname). */
	host: string;
	port?: number;
	method?: string;
	/** Path with an optional `?query`. */
	pathAndQuery: string;
	headers?: readonly (readonly [string, string])[];
	sni?: string;
}

function decode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

export function gatewayRequest(parts: RequestParts): GatewayRouteRequest {
	const q = parts.pathAndQuery.indexOf('?');
	const path = (q === -1 ? parts.pathAndQuery : parts.pathAndQuery.slice(0, q)) || '/';
	const queryText = q === -1 ? '' : parts.pathAndQuery.slice(q + 1).split('#')[0]!;
	const query = queryText
		.split('&')
		.filter((p) => p !== '')
		.map((p): [string, string] => {
			const eq = p.indexOf('=');
			return eq === -1 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
		});
	const headers = new Map<string, string>();
	for (const [name, value] of parts.headers ?? []) if (!headers.has(name.toLowerCase())) headers.set(name.toLowerCase(), value);
	const grpc = (headers.get('content-type') ?? '').startsWith('application/grpc');
	return {
		scheme: parts.scheme,
		host: requestHost(parts.host),
		port: parts.port ?? (parts.scheme === 'https' ? 443 : 80),
		method: (parts.method ?? (grpc ? 'POST' : 'GET')).toUpperCase(),
		path,
		query,
		headers,
		grpc,
		sni: parts.sni ? requestHost(parts.sni) : undefined,
		shapeGiven: parts.method !== undefined || headers.has('content-type'),
	};
}

/** The path and query of a URL exactly as written ('/' when it has none); the fragment is dropped. */
export function pathAndQueryOf(url: string): string {
	const m = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/?#]*([^#]*)/.exec(url.trim());
	const rest = m?.[1] ?? '';
	return rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
}
