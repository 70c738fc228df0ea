import { describe, expect, it } from 'vitest';
import { editDistance } from '../../source/model/edit-distance.js';

describe('editDistance', () => {
	it('counts insertions, deletions and substitutions', () => {
		expect(editDistance('web', 'web')).toBe(0);
		expect(editDistance('cart', 'carts')).toBe(1);
		expect(editDistance('web', 'wb')).toBe(1);
		expect(editDistance('coffee', 'cofee')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('counts two neighbouring letters swapped as one edit', () => {
		expect(editDistance('wbe', 'web')).toBe(1);
		expect(editDistance('ngnix', 'nginx')).toBe(1);
		expect(editDistance('abcd', 'badc')).toBe(2);
	});
});
