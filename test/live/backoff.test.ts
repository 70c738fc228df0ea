/** The reconnect delay doubles from the base, stops at the cap, and is jittered ±20 %. */
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../source/cluster/live/backoff.js';

const policy = { baseMs: 1000, maxMs: 30_000 };
const middle = () => 0.5;

describe('backoffDelay', () => {
	it('is zero before any failure', () => {
		expect(backoffDelay(0, policy, middle)).toBe(0);
	});

	it('doubles with each failure up to the cap', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n, policy, middle))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
	});

	it('spreads reconnects by ±20 %', () => {
		expect(backoffDelay(3, policy, () => 0)).toBe(3200);
		expect(backoffDelay(3, policy, () => 0.999999)).toBe(4800);
	});
});
