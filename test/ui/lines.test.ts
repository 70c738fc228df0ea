import { expect, test } from 'vitest';
import { age, freshness, headerLine, nextAgeChange } from '../../source/ui/chrome.js';
import { displayWidth, fitLine, lineText, padLine, seg } from '../../source/ui/lines.js';
import { shopSnapshot } from './support.js';

test('fitLine cuts at the width with an ellipsis and keeps each segment its tone', () => {
	const line = [seg('✗ ERROR', 'error'), seg('  shop/web', 'plain'), seg('  a long problem text', 'warning')];
	const fitted = fitLine(line, 20);
	expect(lineText(fitted)).toBe('✗ ERROR  shop/web  …');
	expect(fitted.map((s) => s.tone)).toEqual(['error', 'plain', 'warning']);
	expect(fitLine(line, 200)).toBe(line);
	expect(fitLine(line, 0)).toEqual([]);
});

test('wide characters count as two cells', () => {
	const fitted = fitLine([seg('名前空間サービス')], 9);
	expect(displayWidth(lineText(fitted))).toBeLessThanOrEqual(9);
	expect(lineText(fitted).endsWith('…')).toBe(true);
	expect(displayWidth(lineText(padLine([seg('名前')], 10)))).toBe(10);
});

test('freshness reads as words for every stream state', () => {
	const snapshot = shopSnapshot();
	const now = Date.parse('2025-01-01T01:02:03Z');
	expect(age('2025-01-01T01:02:00Z', now)).toBe('<10s');
	expect(age('2025-01-01T01:01:36Z', now)).toBe('20s');
	expect(age('2025-01-01T00:59:53Z', now)).toBe('2m');
	expect(age('2024-12-31T23:00:03Z', now)).toBe('2h02m');
	expect(age('not a time', now)).toBe('unknown');
	// The header is redrawn only when the age reads differently: at the next ten seconds, then minute.
	expect(nextAgeChange('2025-01-01T01:02:00Z', now)).toBe(7000);
	expect(nextAgeChange('2025-01-01T01:01:36Z', now)).toBe(3000);
	expect(nextAgeChange('2025-01-01T00:59:53Z', now)).toBe(50_000);
	expect(nextAgeChange(undefined, now)).toBeUndefined();
	expect(freshness({ state: 'static' }, snapshot, now)).toEqual({ text: 'offline snapshot', tone: 'muted' });
	expect(freshness({ state: 'error', message: 'Unauthorized\u001B[2J' }, snapshot, now)).toEqual({ text: 'error: Unauthorized', tone: 'error' });
});

test('the header names the context and scope, and strips control characters from the origin', () => {
	const snapshot = shopSnapshot();
	snapshot.origin = { kind: 'live', description: 'https://10.0.0.1\u0007:6443', context: 'prod\u001B[31m' };
	const text = lineText(headerLine(snapshot, { state: 'live', updatedAt: '2025-01-01T00:00:00Z' }, 'shop', Date.parse('2025-01-01T00:00:42Z')));
	expect(text).toBe('kubewire  ctx prod  ns shop  live, updated 40s ago  https://10.0.0.1:6443');
});
