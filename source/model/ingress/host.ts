/**
 * Host matching as the Ingress specification defines it: a precise rule host equals the request
 * host; `*.suffix` covers exactly one extra label in front of the suffix; an empty rule host
 * covers every request. Request hosts are compared the way DNS (and nginx) compare them:
 * case-insensitively, without a port or one trailing dot.
 */

export function isWildcardHost(host: string): boolean {
	return host.startsWith('*.');
}

/** Lower-case, no `:port`, no trailing dot; brackets of an IPv6 literal are kept. */
export function normalizeHost(host: string): string {
	let h = host.trim().toLowerCase();
	if (h.startsWith('[')) {
		const end = h.indexOf(']');
		return end === -1 ? h : h.slice(0, end + 1);
	}
	const colon = h.lastIndexOf(':');
	if (colon !== -1) h = h.slice(0, colon);
	if (h.endsWith('.')) h = h.slice(0, -1);
	return h;
}

/** A wildcard rule host covers `label.suffix` for exactly one non-empty label. */
export function wildcardCovers(wildcard: string, host: string): boolean {
	if (!isWildcardHost(wildcard)) return false;
	const suffix = wildcard.slice(1).toLowerCase();
	const h = host.toLowerCase();
	if (!h.endsWith(suffix)) return false;
	const label = h.slice(0, h.length - suffix.length);
	return label.length > 0 && !label.includes('.');
}

/** How a rule host relates to a (normalised) request host. */
export type HostMatch = 'exact' | 'wildcard' | 'any' | 'none';

export function matchHost(ruleHost: string, requestHost: string): HostMatch {
	if (ruleHost === '') return 'any';
	if (isWildcardHost(ruleHost)) return wildcardCovers(ruleHost, requestHost) ? 'wildcard' : 'none';
	return ruleHost.toLowerCase() === requestHost ? 'exact' : 'none';
}

/**
 * Whether two hosts written in an Ingress (rule or TLS entry) refer to overlapping names: equal,
 * or one is a wildcard covering the other. Used to pair TLS hosts with rule hosts.
 */
export function hostsOverlap(a: string, b: string): boolean {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x === y || wildcardCovers(x, y) || wildcardCovers(y, x);
}
