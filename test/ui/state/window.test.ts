import { expect, test } from 'vitest';
import { followSelection, scrollTop, visibleWindow } from '../../../source/ui/state/window.js';

test('the window over 10,000 rows holds only the visible rows', () => {
	expect(visibleWindow(0, 0, 19, 10_000)).toEqual({ selected: 0, start: 0, end: 19 });
	expect(visibleWindow(9_999, 0, 19, 10_000)).toEqual({ selected: 9_999, start: 9_981, end: 10_000 });
	expect(visibleWindow(5_000, 4_990, 19, 10_000)).toEqual({ selected: 5_000, start: 4_990, end: 5_009 });
});

test('a cursor left beyond a list that shrank (filter, live update) is pulled back in', () => {
	expect(visibleWindow(500, 490, 19, 3)).toEqual({ selected: 2, start: 0, end: 3 });
	expect(visibleWindow(4, 0, 19, 0)).toEqual({ selected: -1, start: 0, end: 0 });
});

test('a window that grows (terminal resized taller) shows more rows above the cursor', () => {
	expect(followSelection(50, 45, 6, 100)).toBe(45);
	expect(followSelection(50, 45, 40, 100)).toBe(45);
	expect(followSelection(99, 94, 40, 100)).toBe(60);
});

test('text scrolls no further than its last full page', () => {
	expect(scrollTop(100, 20, 30)).toBe(10);
	expect(scrollTop(-3, 20, 30)).toBe(0);
	expect(scrollTop(5, 20, 10)).toBe(0);
});
