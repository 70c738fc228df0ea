/**
 * The `--probability` value kube-proxy writes for the k-th last endpoint: 1/k printed like Go's
 * `%0.10f`, i.e. the exact binary double rounded to ten decimals with ties to even.
 * JavaScript's toFixed rounds ties away from zero, which differs for 1/2048, so the rounding is
 * done here on the exact value.
 */

const cache = new Map<number, string>();
const scale = 10n ** 10n;

/** Exact mantissa and binary exponent of a positive finite double: value = mantissa * 2^exponent. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, value);
	const hi = view.getUint32(0);
	const lo = view.getUint32(4);
	const biased = (hi >>> 20) & 0x7ff;
	const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
	if (biased === 0) return { mantissa: fraction, exponent: -1074 };
	return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** Formats a non-negative double with ten decimals, rounding the exact value half to even. */
export function formatFixed10(value: number): string {
	const { mantissa, exponent } = decompose(value);
	let q: bigint;
	if (exponent >= 0) {
		q = (mantissa << BigInt(exponent)) * scale;
	} else {
		const denominator = 1n << BigInt(-exponent);
		const numerator = mantissa * scale;
		q = numerator / denominator;
		const twice = (numerator % denominator) * 2n;
		if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
	}
	const digits = q.toString().padStart(11, '0');
	return `${digits.slice(0, -10)}.${digits.slice(-10)}`;
}

/** The probability written for a rule with `remaining` endpoints left (itself included). */
export function probability(remaining: number): string {
	let text = cache.get(remaining);
	if (text === undefined) {
		text = formatFixed10(1 / remaining);
		cache.set(remaining, text);
	}
	return text;
}
