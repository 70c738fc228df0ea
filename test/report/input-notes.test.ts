/** The line that counts what the input held but kubewire does not use. */
import { describe, expect, it } from 'vitest';
import { unusedLine } from '../../source/report/input-notes.js';

const kinds = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Kind${String.fromCharCode(65 + i)}`, 1]));

describe('unusedLine', () => {
	it('names eight kinds and counts the rest; a ninth is named, not "1 more kinds"', () => {
		expect(unusedLine(kinds(9))).toBe('not used: 9 objects of 9 kinds: KindA (1), KindB (1), KindC (1), KindD (1), KindE (1), KindF (1), KindG (1), KindH (1), KindI (1)');
		expect(unusedLine(kinds(10))).toMatch(/KindH \(1\), … \(2 more kinds\)$/);
		expect(unusedLine({ Role: 1 })).toBe('not used: 1 object of 1 kind: Role (1)');
	});
});
