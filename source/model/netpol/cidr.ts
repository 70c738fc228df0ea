/**
 * IP addresses and CIDR blocks as numbers, for NetworkPolicy ipBlock peers: "is this address in
 * that block, and not in one of its exceptions?". IPv4 and IPv6 are separate families; an address
 * never falls in a block of the other family.
 */

export interface Cidr {
	family: 4 | 6;
	/** The network address with the host bits cleared. */
	base: bigint;
	prefix: number;
}

export interface Address {
	family: 4 | 6;
	value: bigint;
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
	const zoneless = text.split('%')[0]!;
	let head = zoneless;
	let tailV4: bigint | undefined;
	// An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
	const lastColon = zoneless.lastIndexOf(':');
	if (lastColon >= 0 && zoneless.slice(lastColon + 1).includes('.')) {
		tailV4 = parseIPv4(zoneless.slice(lastColon + 1));
		if (tailV4 === undefined) return undefined;
		head = `${zoneless.slice(0, lastColon + 1)}0:0`;
	}
	const halves = head.split('::');
	if (halves.length > 2) return undefined;
	const groups = (s: string) => (s === '' ? [] : s.split(':'));
	const left = groups(halves[0]!);
	const right = halves.length === 2 ? groups(halves[1]!) : [];
	const missing = 8 - left.length - right.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
	let value = 0n;
	for (const g of all) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
		value = (value << 16n) | BigInt(Number.parseInt(g, 16));
	}
	if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
	return value;
}

export function parseAddress(text: string): Address | undefined {
	const trimmed = text.trim();
	if (trimmed.includes(':')) {
		const value = parseIPv6(trimmed);
		return value === undefined ? undefined : { family: 6, value };
	}
	const value = parseIPv4(trimmed);
	return value === undefined ? undefined : { family: 4, value };
}

export function isIPAddress(text: string): boolean {
	return parseAddress(text) !== undefined;
}

/** `10.0.0.0/8`, `fd00::/64`; a bare address is a one-address block. Undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
	const [addressText, prefixText, extra] = text.trim().split('/');
	if (extra !== undefined || addressText === undefined) return undefined;
	const address = parseAddress(addressText);
	if (!address) return undefined;
	const bits = address.family === 4 ? 32 : 128;
	const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
	if (!(prefix >= 0 && prefix <= bits)) return undefined;
	const hostBits = BigInt(bits - prefix);
	const base = (address.value >> hostBits) << hostBits;
	return { family: address.family, base, prefix };
}

export function cidrContains(cidr: Cidr, address: Address): boolean {
	if (cidr.family !== address.family) return false;
	const hostBits = BigInt((cidr.family === 4 ? 32 : 128) - cidr.prefix);
	return address.value >> hostBits === cidr.base >> hostBits;
}
