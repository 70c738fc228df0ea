/** Label selectors written as text (--watch-namespace-selector): what apimachinery's labels.Parse accepts, and nothing else. */
import { describe, expect, it } from 'vitest';
import { parseSelectorText } from '../../source/model/selector-text.js';
import { matchesLabelSelector } from '../../source/model/selectors.js';

const matches = (text: string, labels: Record<string, string>) => matchesLabelSelector(parseSelectorText(text)!, labels);

describe('parseSelectorText', () => {
	it('reads equality, set and existence requirements', () => {
		expect(matches('team=store', { team: 'store' })).toBe(true);
		expect(matches('team==store,env', { team: 'store', env: 'x' })).toBe(true);
		expect(matches('team in (store, ops)', { team: 'ops' })).toBe(true);
		expect(matches('!legacy', {})).toBe(true);
	});
	it('twin: the same requirements refuse other labels; != and notin also select objects without the key', () => {
		expect(matches('team=store', { team: 'web' })).toBe(false);
		expect(matches('team in (store, ops)', {})).toBe(false);
		expect(matches('!legacy', { legacy: '' })).toBe(false);
		expect(matches('team!=store', {})).toBe(true);
		expect(matches('team notin (store)', { team: 'store' })).toBe(false);
	});
	it('gives up on text it does not understand', () => {
		expect(parseSelectorText('team=(store')).toBeUndefined();
		expect(parseSelectorText('team >> 3')).toBeUndefined();
	});
});
