import { describe, expect, it } from 'vitest';
import { renderTable, truncate, displayWidth } from '../../source/report/columns.js';
import { isSafe, safe } from '../../source/report/safe-text.js';

describe('terminal safety', () => {
	it.each([
		['colour escape', 'web\u001b[31mRED\u001b[0m', 'webRED'],
		['clear screen', 'a\u001b[2Jb', 'ab'],
		['OSC title', 'x\u001b]0;pwned\u0007y', 'xy'],
		['bell', 'ding\u0007', 'ding'],
		['carriage return overwrite', 'ok\rEVIL', 'ok EVIL'],
		['newline', 'two\nlines', 'two lines'],
		['C1 CSI', 'a\u009b31mb', 'a31mb'],
		['DEL', 'a\u007fb', 'ab'],
		['bidi override', 'abc\u202Edcba', 'abcdcba'],
		['plain unicode stays', 'café-ß-日本', 'café-ß-日本'],
	])('%s', (_name, input, expected) => {
		expect(safe(input)).toBe(expected);
		expect(isSafe(safe(input))).toBe(true);
	});

	it('tables never print control characters from cells', () => {
		const text = renderTable([{ header: 'NAME', cell: (r: string) => r, min: 4 }], ['evil\u001b[2J\u0007'], 80);
		expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
		expect(text).toContain('evil');
	});

	it('counts wide characters as two cells and truncates with an ellipsis', () => {
		expect(displayWidth('日本')).toBe(4);
		expect(truncate('abcdefgh', 5)).toBe('abcd…');
		expect(displayWidth(truncate('日本語テキスト', 6))).toBeLessThanOrEqual(6);
	});
});
