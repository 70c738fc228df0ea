/**
 * The URL `kubewire route` is asked about, reduced to what Ingress routing looks at: the host
 * and the path. Accepted: `http://host/path`, `https://host/path`, a host with a port, and a
 * bare `host/path` (taken as http). The path is kept as written (no WHATWG resolution of `..`
 * or escapes), so the route can say when a controller's normalisation changes it. Query and
 * fragment never take part in routing.
 */
import { normalizeHost } from './host.js';

export interface RequestUrl {
	/** The URL as given. */
	url: string;
	scheme: 'http' | 'https';
	/** Normalised: lower-case, no port, no trailing dot. */
	host: string;
	port?: number;
	/** The path as written ('/' when the URL has none). */
	path: string;
}

export type ParsedUrl = { ok: true; request: RequestUrl } | { ok: false; reason: string };

const shape = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)(?:\?[^#]*)?(?:#.*)?$/;
const hostName = /^(?:\*\.)?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

export function parseRequestUrl(text: string): ParsedUrl {
	const url = text.trim();
	if (url === '') return { ok: false, reason: 'the URL is empty' };
	if (/[\s\u0000-\u001f\u007f]/.test(url)) return { ok: false, reason: 'a URL cannot contain spaces or control characters' };
	const m = shape.exec(url);
	if (!m) return { ok: false, reason: 'expected http://host/path or https://host/path' };
	const scheme = (m[1] ?? 'http').toLowerCase();
	if (scheme !== 'http' && scheme !== 'https') {
		return { ok: false, reason: `scheme ${m[1]} is not routed by an Ingress; use http:// or https://` };
	}
	let authority = m[2] ?? '';
	const at = authority.lastIndexOf('@');
	if (at !== -1) authority = authority.slice(at + 1);
	if (authority === '') return { ok: false, reason: 'the URL has no host; expected http://host/path' };
	let port: number | undefined;
	let rawHost = authority;
	if (authority.startsWith('[')) {
		const end = authority.indexOf(']');
		if (end === -1) return { ok: false, reason: `unterminated IPv6 address in "${authority}"` };
		rawHost = authority.slice(0, end + 1);
		const rest = authority.slice(end + 1);
		if (rest !== '' && !/^:\d+$/.test(rest)) return { ok: false, reason: `bad port in "${authority}"` };
		if (rest !== '') port = Number(rest.slice(1));
	} else if (authority.includes(':')) {
		const colon = authority.lastIndexOf(':');
		rawHost = authority.slice(0, colon);
		const digits = authority.slice(colon + 1);
		if (!/^\d+$/.test(digits)) return { ok: false, reason: `bad port "${digits}" in "${authority}"` };
		port = Number(digits);
	}
	if (port !== undefined && (port < 1 || port > 65535)) return { ok: false, reason: `port ${port} is out of range (1-65535)` };
	if (rawHost === '') return { ok: false, reason: 'the URL has no host; expected http://host/path' };
	const host = normalizeHost(rawHost);
	if (!rawHost.startsWith('[') && !hostName.test(host)) {
		return { ok: false, reason: `"${rawHost}" is not a host name` };
	}
	if (host.startsWith('*')) return { ok: false, reason: 'a request goes to one host; a wildcard is not a host' };
	const path = m[3] === '' || m[3] === undefined ? '/' : m[3];
	return { ok: true, request: { url, scheme: scheme as 'http' | 'https', host, port, path } };
}
