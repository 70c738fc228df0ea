/**
 * kube-proxy's chain names: a fixed prefix and 16 characters of the base32 (RFC 4648, upper
 * case) SHA-256 of the service port name, protocol and endpoint. The names are part of what
 * operators grep for on a node, so they must be the very same strings.
 */
import { createHash } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first 16 base32 characters of sha256(input): 80 bits, i.e. the first 10 digest bytes. */
export function chainHash(input: string): string {
	const digest = createHash('sha256').update(input, 'utf8').digest();
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (let i = 0; i < 10; i++) {
		buffer = ((buffer << 8) | digest[i]!) & 0xffff;
		bits += 8;
		while (bits >= 5) {
			out += alphabet[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return out;
}

/** KUBE-SVC-, KUBE-SVL-, KUBE-EXT-, KUBE-FW- all share one hash of `spn + proto`. */
export function servicePortHash(spn: string, protocol: string): string {
	return chainHash(spn + protocol);
}

export function endpointChainName(spn: string, protocol: string, endpoint: string): string {
	return `KUBE-SEP-${chainHash(spn + protocol + endpoint)}`;
}
