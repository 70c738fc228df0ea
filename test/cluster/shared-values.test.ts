import { describe, expect, it } from 'vitest';
import { noLabels, none, shared, sharedStringMap } from '../../source/cluster/shared-values.js';

describe('shared values', () => {
	it('gives back the first copy of a short string, and long strings as they are', () => {
		const first = shared(['shop', '0000'].join('-'));
		expect(shared(['shop', '0000'].join('-'))).toBe(first);
		const long = 'x'.repeat(200);
		expect(shared(long)).toBe(long);
	});

	it('copies string maps with their text values, dropping nested objects, and shares the empty one', () => {
		expect(sharedStringMap({ app: 'web', replicas: 3, on: true, nested: { a: 1 }, gone: null })).toEqual({ app: 'web', replicas: '3', on: 'true' });
		expect(sharedStringMap({})).toBe(noLabels);
		expect(sharedStringMap({ nested: {} })).toBe(noLabels);
		expect(sharedStringMap('app=web')).toBe(noLabels);
	});

	it('freezes what every record shares, so a change fails instead of reaching them all', () => {
		expect(() => {
			(noLabels as Record<string, string>)['app'] = 'web';
		}).toThrow(TypeError);
		expect(() => (none as unknown as string[]).push('x')).toThrow(TypeError);
	});
});
