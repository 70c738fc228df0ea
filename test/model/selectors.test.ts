import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../source/cluster/snapshot.js';
import { formatLabels, matchesLabelSelector, matchesLabels } from '../../source/model/selectors.js';

const sel = (matchLabels: Record<string, string>, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector => ({
	matchLabels,
	matchExpressions,
});

describe('Service selectors (plain maps)', () => {
	it.each([
		[{ app: 'web' }, { app: 'web', tier: 'fe' }, true],
		[{ app: 'web', tier: 'fe' }, { app: 'web' }, false],
		[{ app: 'web' }, { app: 'Web' }, false],
		[{ app: '' }, { app: '' }, true],
		[{ app: '' }, {}, false],
	])('%j against %j → %s', (selector, labels, expected) => {
		expect(matchesLabels(selector, labels)).toBe(expected);
	});
});

describe('LabelSelector with matchExpressions', () => {
	it('an empty selector selects everything', () => {
		expect(matchesLabelSelector(sel({}), {})).toBe(true);
		expect(matchesLabelSelector(sel({}), { a: 'b' })).toBe(true);
	});

	it.each([
		['In', ['a', 'b'], { k: 'a' }, true],
		['In', ['a', 'b'], { k: 'c' }, false],
		['In', ['a'], {}, false],
		['NotIn', ['a'], { k: 'b' }, true],
		['NotIn', ['a'], { k: 'a' }, false],
		['NotIn', ['a'], {}, true],
		['Exists', [], { k: '' }, true],
		['Exists', [], {}, false],
		['DoesNotExist', [], {}, true],
		['DoesNotExist', [], { k: 'x' }, false],
	])('k %s %j on %j → %s', (operator, values, labels, expected) => {
		expect(matchesLabelSelector(sel({}, [{ key: 'k', operator, values }]), labels)).toBe(expected);
	});

	it('requires matchLabels and every expression together', () => {
		const s = sel({ app: 'db' }, [{ key: 'role', operator: 'In', values: ['primary'] }]);
		expect(matchesLabelSelector(s, { app: 'db', role: 'primary' })).toBe(true);
		expect(matchesLabelSelector(s, { app: 'db', role: 'replica' })).toBe(false);
		expect(matchesLabelSelector(s, { app: 'web', role: 'primary' })).toBe(false);
	});

	it('an invalid requirement (unknown operator, In without values) selects nothing', () => {
		expect(matchesLabelSelector(sel({}, [{ key: 'k', operator: 'Like', values: ['a'] }]), { k: 'a' })).toBe(false);
		expect(matchesLabelSelector(sel({}, [{ key: 'k', operator: 'In', values: [] }]), { k: 'a' })).toBe(false);
	});

	it('formats selectors with sorted keys, as kubectl prints them', () => {
		expect(formatLabels({ tier: 'backend', app: 'checkout' })).toBe('app=checkout,tier=backend');
	});
});
