/**
 * How list screens share their width: the column that names a row gets its width before optional
 * columns are added (a wider terminal must not cut names more than a narrow one), and a column
 * that cannot fit is dropped rather than drawn as a lone `…` at the edge.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadDemo } from '../../source/cluster/demo.js';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { formatRow, layoutColumns, truncateMiddle, type Column } from '../../source/report/columns.js';
import { lineText } from '../../source/ui/lines.js';
import { buildScreen, type ScreenModel } from '../../source/ui/screens/index.js';
import { view } from '../../source/ui/state/ui-state.js';

const kubePrometheus = fileURLToPath(new URL('../fixtures/manifests/kube-prometheus', import.meta.url));

function rows(model: ScreenModel): string[] {
	if (model.kind !== 'table') throw new Error('not a table');
	return Array.from({ length: model.count }, (_, i) => lineText(model.row(i, false)));
}

function header(model: ScreenModel): string {
	if (model.kind !== 'table') throw new Error('not a table');
	return lineText(model.header);
}

describe('identifying columns keep their width', () => {
	const names = ['monitoring/prometheus-adapter', 'monitoring/prometheus-k8s', 'monitoring/prometheus-operator'];
	const columns: Column<string>[] = [
		{ header: 'NAME', cell: (r) => r, min: 12, flexible: true, identifies: true },
		{ header: 'EXTRA', cell: () => 'x'.repeat(30), min: 10, flexible: true, dropOrder: 1 },
	];

	test('a name is not cut while an optional column could give way, up to 30% of the table', () => {
		for (const width of [60, 100]) {
			const layout = layoutColumns(columns, names, width);
			expect(layout.widths[0], String(width)).toBe(30);
		}
		// At 80 columns the Services screen keeps PORTS: the names claim 30% (23 cells) and are cut
		// in the middle, so the rows still differ where the names do.
		const services: Column<string>[] = [
			{ header: 'STATUS', cell: () => '✓ OK', min: 7 },
			{ header: 'SERVICE', cell: (r) => r, min: 20, flexible: true, identifies: true },
			{ header: 'PORTS', cell: () => '9090→web,8080→reloader-web', min: 10, flexible: true, dropOrder: 2 },
			{ header: 'READY', cell: () => 'planned', min: 5 },
			{ header: 'PROBLEM', cell: () => 'KW110 hostNetwork pods', min: 20, flexible: true, dropOrder: 1 },
		];
		const layout = layoutColumns(services, names, 78);
		expect(layout.columns.map((c) => c.header)).toEqual(['STATUS', 'SERVICE', 'PORTS', 'READY', 'PROBLEM']);
		const cut = names.map((n) => formatRow(layout, n).split(/\s{2,}/)[1]);
		expect(new Set(cut).size).toBe(names.length);
		expect(cut).toContain('monitoring/prometheus-k8s');
	});

	test('truncateMiddle keeps the end of a name, where names that share a prefix differ', () => {
		expect(truncateMiddle('ingress-nginx/ingress-nginx-controller-admission', 28)).toBe('ingress-nginx/…ler-admission');
		expect(truncateMiddle('ingress-nginx/ingress-nginx-controller', 28)).toBe('ingress-nginx/…nx-controller');
		expect(truncateMiddle('short', 28)).toBe('short');
	});

	test('a name longer than 40% of the table does not push every other column out', () => {
		const long = [...names, `monitoring/${'very-'.repeat(12)}long`];
		const layout = layoutColumns(columns, long, 80);
		expect(layout.columns.map((c) => c.header)).toEqual(['NAME', 'EXTRA']);
		expect(layout.widths[0]).toBeGreaterThanOrEqual(32);
	});

	test('a column that is never dropped but cannot fit goes, instead of being cut at the edge', () => {
		const fixed: Column<string>[] = [
			{ header: 'STATUS', cell: () => 'OK', min: 6 },
			{ header: 'NAME', cell: (r) => r, min: 12, flexible: true, identifies: true },
			{ header: 'READY', cell: () => '1/1', min: 5 },
		];
		const layout = layoutColumns(fixed, names, 24);
		expect(layout.columns.map((c) => c.header)).toEqual(['STATUS', 'NAME']);
		expect(layout.widths.reduce((a, b) => a + b, 0) + 2).toBeLessThanOrEqual(24);
	});
});

describe('screens at 60, 80 and 100 columns', () => {
	test('kube-prometheus Services are told apart at every width (they were `monitoring/prometheus…` at 80)', () => {
		const analysis = analyze(loadFiles([kubePrometheus], { kind: 'files', description: 'kube-prometheus', context: 'files' }));
		for (const width of [60, 80, 100]) {
			const shown = rows(buildScreen(view('services'), { analysis, width }));
			const names = shown.map((r) => /monitoring\/\S+/.exec(r)?.[0]);
			expect(new Set(names).size, String(width)).toBe(shown.length);
			// Cut, if at all, in the middle: the end that tells them apart stays.
			expect(names.every((n) => !n?.endsWith('…')), String(width)).toBe(true);
		}
	});

	test('the demo Ingresses at 60 columns end on a whole column, not a `…` header', () => {
		const model = buildScreen(view('ingresses'), { analysis: analyze(loadDemo()), width: 60 });
		expect(header(model)).toMatch(/STATUS\s+INGRESS\s+HOST\s+PATH\s+BACKEND$/);
		for (const r of rows(model)) expect(r.length, r).toBeLessThanOrEqual(60);
	});
});
