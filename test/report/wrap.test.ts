import { describe, expect, it } from 'vitest';
import { wrap } from '../../source/report/wrap.js';

describe('wrap', () => {
	it('keeps the first line indentation and continues with the given indent', () => {
		expect(wrap('    KW101 one two three four', 16, '      ')).toEqual(['    KW101 one', '      two three', '      four']);
	});

	it('leaves short lines alone and never breaks a long word', () => {
		expect(wrap('  short', 80)).toEqual(['  short']);
		expect(wrap('x supercalifragilistic', 10, ' ')).toEqual(['x', ' supercalifragilistic']);
	});
});
