/**
 * How long to wait before reconnecting a watch: doubling from `baseMs` up to `maxMs`, with
 * ±20 % jitter so many kubewire instances (or many kinds) do not reconnect in lockstep.
 */
export interface BackoffPolicy {
	baseMs: number;
	maxMs: number;
}

export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
	if (failures <= 0) return 0;
	const exponential = policy.baseMs * 2 ** Math.min(failures - 1, 30);
	const capped = Math.min(policy.maxMs, exponential);
	return Math.round(capped * (0.8 + 0.4 * random()));
}
