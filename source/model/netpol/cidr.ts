/**
 * Addresses and CIDR blocks for NetworkPolicy ipBlock peers: "is this address in that block, and
 * not in one of its exceptions?". Parsing is the model's one IP parser (../net.ts); here a bare
 * address counts as a one-address block and a zone is ignored, as an ipBlock would be read.
 * IPv4 and IPv6 are separate families: an address never falls in a block of the other family.
 */
import { cidrContains as contains, parseIPBits, type CIDR, type IP } from '../net.js';

export type Address = IP;
export type Cidr = CIDR;

export function parseAddress(text: string): Address | undefined {
	return parseIPBits(text.split('%')[0]!);
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
	const width = address.family === 'IPv4' ? 32 : 128;
	const bits = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
	if (!(bits >= 0 && bits <= width)) return undefined;
	const hostBits = BigInt(width - bits);
	return { ip: { family: address.family, value: (address.value >> hostBits) << hostBits }, bits };
}

export function cidrContains(cidr: Cidr, address: Address): boolean {
	return contains(cidr, address);
}
