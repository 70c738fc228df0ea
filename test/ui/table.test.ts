import { expect, test } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { layoutColumns } from '../../source/report/columns.js';
import { servicesIn, serviceUiColumns } from '../../source/ui/screens/services.js';
import { tableLayout } from '../../source/ui/table.js';
import { shopSnapshot, syntheticSnapshot } from './support.js';

test('laying out the widest row of each column gives the same columns and widths as laying out every row', () => {
	for (const snapshot of [shopSnapshot(), syntheticSnapshot(300)]) {
		const rows = servicesIn(analyze(snapshot), undefined);
		checkWidths(rows);
	}
});

function checkWidths(rows: ReturnType<typeof servicesIn>): void {
	for (const width of [40, 60, 80, 100, 140]) {
		const all = layoutColumns(serviceUiColumns, rows, width - 2);
		const fast = tableLayout(serviceUiColumns, rows, width).layout;
		expect(fast.widths, String(width)).toEqual(all.widths);
		expect(fast.columns.map((c) => c.header)).toEqual(all.columns.map((c) => c.header));
	}
}
