/**
 * Gateway API hostnames (gateway-spec.md §2, §5): a listener or route hostname is exact or starts
 * with one `*.` label, and a wildcard stands for ONE OR MORE labels (unlike Ingress, where it is
 * one). '' stands for "every host". A request host is compared without its port; an IP (or no
 * Host at all) matches only '' because IPs are never valid hostnames.
 */

/** Lower-case, no `:port`, no trailing dot; '' for an IP address. */
export function requestHost(raw: string): string {
	let host = raw.trim().toLowerCase();
	if (host.startsWith('[')) return '';
	const colon = host.lastIndexOf(':');
	if (colon !== -1) host = host.slice(0, colon);
	if (host.endsWith('.')) host = host.slice(0, -1);
	return /^[0-9.]+$/.test(host) ? '' : host;
}

/** Does `pattern` (exact, `*.suffix` or '') cover the concrete `host`? */
export function hostMatches(pattern: string, host: string): boolean {
	if (pattern === '') return true;
	if (host === '') return false;
	if (pattern.startsWith('*.')) {
		const suffix = pattern.slice(1);
		return host.endsWith(suffix) && host.length > suffix.length;
	}
	return pattern === host;
}

/** Is wildcard or exact `inner` covered entirely by `outer`? */
function covers(outer: string, inner: string): boolean {
	if (outer === '') return true;
	if (inner === '') return false;
	if (!inner.startsWith('*.')) return hostMatches(outer, inner);
	if (!outer.startsWith('*.')) return false;
	return inner === outer || inner.endsWith(outer.slice(1));
}

/**
 * The hostnames a route serves on a listener: the route's names narrowed to the listener's.
 * [''] means every host; [] means the two do not intersect (NoMatchingListenerHostname).
 */
export function intersectHostnames(listenerHostname: string, routeHostnames: readonly string[]): string[] {
	if (routeHostnames.length === 0) return [listenerHostname];
	if (listenerHostname === '') return [...routeHostnames];
	const out = new Set<string>();
	for (const name of routeHostnames) {
		if (covers(listenerHostname, name)) out.add(name);
		else if (covers(name, listenerHostname)) out.add(listenerHostname);
	}
	return [...out];
}

/** Sort key of a hostname, most specific first: non-wildcard characters, then all characters. */
export function hostSpecificity(hostname: string): [number, number] {
	if (hostname === '') return [0, 0];
	return [hostname.startsWith('*.') ? hostname.length - 1 : hostname.length, hostname.length];
}

/** Listener choice (§2): exact first, then wildcards with more labels, then no hostname. */
export function listenerSpecificity(hostname: string): [number, number] {
	if (hostname === '') return [0, 0];
	if (!hostname.startsWith('*.')) return [2, hostname.length];
	return [1, hostname.split('.').length * 1000 + hostname.length];
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const d = (b[i] ?? 0) - (a[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}
