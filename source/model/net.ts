/**
 * IP addresses and CIDRs, parsed once for the whole model: kube-proxy's rules (which print them
 * canonically, because the rules carry the printed form and chain names hash it) and
 * NetworkPolicy ipBlocks both read them here. IPv4 octets with leading zeros are decimal, as
 * Kubernetes' "sloppy" parser reads them.
 */

export type Family = 'IPv4' | 'IPv6';

export interface IP {
	family: Family;
	/** The address as an unsigned integer of 32 or 128 bits. */
	value: bigint;
}

export interface CIDR {
	/** The network address (host bits cleared). */
	ip: IP;
	bits: number;
}

function parseIPv4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0n;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const n = Number(part);
		if (n > 255) return undefined;
		value = (value << 8n) | BigInt(n);
	}
	return value;
}

function parseIPv6(text: string): bigint | undefined {
	if (text.includes('%')) return undefined;
	let head = text;
	let tailV4: bigint | undefined;
	const lastColon = text.lastIndexOf(':');
	if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
		tailV4 = parseIPv4(text.slice(lastColon + 1));
		if (tailV4 === undefined) return undefined;
		head = `${text.slice(0, lastColon + 1)}0:0`;
	}
	const halves = head.split('::');
	if (halves.length > 2) return undefined;
	const groups = (s: string) => (s === '' ? [] : s.split(':'));
	const left = groups(halves[0]!);
	const right = halves.length === 2 ? groups(halves[1]!) : [];
	const missing = 8 - left.length - right.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
	let value = 0n;
	for (const group of all) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
		value = (value << 16n) | BigInt(parseInt(group, 16));
	}
	if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
	return value;
}

/**
 * The address as written, without Go's folding of IPv4-mapped IPv6 (`::ffff:a.b.c.d`) into IPv4:
 * for CIDR arithmetic on what an object says. A zone (`fe80::1%eth0`) is refused.
 */
export function parseIPBits(text: string): IP | undefined {
	const t = text.trim();
	if (t.includes(':')) {
		const value = parseIPv6(t);
		return value === undefined ? undefined : { family: 'IPv6', value };
	}
	const value = parseIPv4(t);
	return value === undefined ? undefined : { family: 'IPv4', value };
}

export function parseIP(text: string): IP | undefined {
	const t = text.trim();
	if (t.includes(':')) {
		const value = parseIPv6(t);
		if (value === undefined) return undefined;
		// ::ffff:a.b.c.d is an IPv4 address to Go (and so to kube-proxy).
		if (value >> 32n === 0xffffn) return { family: 'IPv4', value: value & 0xffffffffn };
		return { family: 'IPv6', value };
	}
	const value = parseIPv4(t);
	return value === undefined ? undefined : { family: 'IPv4', value };
}

function formatIPv6(value: bigint): string {
	const groups: number[] = [];
	for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
	// The longest run of two or more zero groups (the first when tied) becomes "::".
	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < 8; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = (g: number[]) => g.map((n) => n.toString(16)).join(':');
	if (bestStart < 0) return hex(groups);
	return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

export function formatIP(ip: IP): string {
	if (ip.family === 'IPv6') return formatIPv6(ip.value);
	const v = Number(ip.value);
	return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** True for a dotted quad already in canonical form (no leading zeros, octets ≤ 255). */
function isCanonicalIPv4(text: string): boolean {
	let dots = 0;
	let digits = 0;
	let octet = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 46) {
			if (digits === 0) return false;
			dots++;
			digits = 0;
			octet = 0;
		} else if (c >= 48 && c <= 57) {
			if (digits > 0 && octet === 0) return false;
			octet = octet * 10 + (c - 48);
			if (++digits > 3 || octet > 255) return false;
		} else return false;
	}
	return dots === 3 && digits > 0;
}

/** The canonical spelling of an address, or undefined when it is not one. */
export function canonicalIP(text: string): string | undefined {
	if (isCanonicalIPv4(text)) return text;
	const ip = parseIP(text);
	return ip ? formatIP(ip) : undefined;
}

export function familyOf(text: string): Family | undefined {
	return parseIP(text)?.family;
}

function width(family: Family): number {
	return family === 'IPv4' ? 32 : 128;
}

function mask(family: Family, bits: number): bigint {
	const w = width(family);
	return ((1n << BigInt(bits)) - 1n) << BigInt(w - bits);
}

export function parseCIDR(text: string): CIDR | undefined {
	const t = text.trim();
	const slash = t.indexOf('/');
	if (slash < 0) return undefined;
	const ip = parseIP(t.slice(0, slash));
	const bitsText = t.slice(slash + 1);
	if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
	// An IPv4-mapped IPv6 CIDR is rare enough to refuse rather than guess its prefix.
	if (ip.family === 'IPv4' && t.slice(0, slash).includes(':')) return undefined;
	const bits = Number(bitsText);
	if (bits > width(ip.family)) return undefined;
	return { ip: { family: ip.family, value: ip.value & mask(ip.family, bits) }, bits };
}

export function formatCIDR(cidr: CIDR): string {
	return `${formatIP(cidr.ip)}/${cidr.bits}`;
}

export function cidrContains(cidr: CIDR, ip: IP): boolean {
	return cidr.ip.family === ip.family && (ip.value & mask(ip.family, cidr.bits)) === cidr.ip.value;
}

/** A CIDR that holds every address of its family (0.0.0.0/0, ::/0). */
export function isZeroCIDR(cidr: CIDR): boolean {
	return cidr.bits === 0;
}

export function isLoopback(ip: IP): boolean {
	return ip.family === 'IPv4' ? ip.value >> 24n === 127n : ip.value === 1n;
}

export const ipv4Loopback: IP = { family: 'IPv4', value: 0x7f000001n };
export const ipv6Loopback: IP = { family: 'IPv6', value: 1n };

/** `ip:port`, or `[ip]:port` for IPv6, as kube-proxy names an endpoint. */
export function hostPort(ip: string, port: number): string {
	return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
