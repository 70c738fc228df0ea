/**
 * kube-proxy's nftables names: readable `ns/svc/proto/port` bases behind an 8-character hash, so a
 * name is unique even after it is cut to nft's length limit (nftables-spec.md §4).
 */
import { createHash } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Longer bases are cut to 237 characters and marked with `...` (nft allows 256 per name). */
const maxBase = 240;

/** The first 8 characters of the standard base32 of sha256(input): 40 bits, the first 5 bytes. */
function hash8(input: string): string {
	const digest = createHash('sha256').update(input, 'utf8').digest();
	let value = 0n;
	for (let i = 0; i < 5; i++) value = (value << 8n) | BigInt(digest[i]!);
	let out = '';
	for (let shift = 35n; shift >= 0n; shift -= 5n) out += alphabet[Number((value >> shift) & 31n)];
	return out;
}

function hashAndTruncate(name: string): string {
	const base = `${hash8(name)}-${name}`;
	return base.length > maxBase ? `${base.slice(0, maxBase - 3)}...` : base;
}

/** `H-ns/svc/proto/portName`: the base of service-, local-, external- and firewall- chains. */
export function servicePortChainBase(serviceKey: string, protocol: string, portName: string): string {
	return hashAndTruncate(`${serviceKey}/${protocol.toLowerCase()}/${portName}`);
}

/** The endpoint base: the service port's name, `__`, then `ip/port` with an IPv6 address's `:` as `.`. */
export function endpointChainBase(serviceKey: string, protocol: string, portName: string, ip: string, port: number): string {
	return hashAndTruncate(`${serviceKey}/${protocol.toLowerCase()}/${portName}__${ip.replace(/:/g, '.')}/${port}`);
}
