/**
 * The order of the Services in scope, computed from an earlier Analysis's rows (a live update)
 * or from scratch, is the same: worst first, then by namespace and name. Checked on random
 * status changes, Services coming and going, and a namespace scope.
 */
import { describe, expect, test } from 'vitest';
import type { Analysis, ServiceAnalysis, ServiceStatus } from '../../source/model/analyze.js';
import { servicesInScope, servicesInScopeFrom } from '../../source/model/scope.js';

const statuses: ServiceStatus[] = ['error', 'warning', 'info', 'ok'];

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
	let s = seed;
	return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** Only what the order reads: each Service's key, namespace and status. */
function analysisOf(rows: { namespace: string; name: string; status: ServiceStatus }[]): Analysis {
	const services = rows.map(
		({ namespace, name, status }) =>
			({ wiring: { key: `${namespace}/${name}`, service: { namespace, name } }, status, findings: [] }) as unknown as ServiceAnalysis,
	);
	return { services, serviceByKey: new Map(services.map((s) => [s.wiring.key, s])) } as unknown as Analysis;
}

function randomRows(rand: () => number, n: number) {
	return Array.from({ length: n }, (_, i) => ({
		namespace: `ns-${Math.floor(rand() * 3)}`,
		name: `svc-${String(i).padStart(4, '0')}`,
		status: statuses[Math.floor(rand() * statuses.length)]!,
	}));
}

const keys = (rows: readonly ServiceAnalysis[]) => rows.map((s) => `${s.status} ${s.wiring.key}`);

describe('servicesInScopeFrom', () => {
	test('gives the rows a full sort gives, whatever changed since the earlier rows', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const rand = random(seed);
			const before = randomRows(rand, 50 + Math.floor(rand() * 150));
			const scope = rand() < 0.3 ? { namespace: 'ns-1' } : {};
			const earlier = servicesInScope(analysisOf(before), scope);
			// A few (or, sometimes, many) statuses change; now and then a Service comes or goes.
			const changes = rand() < 0.2 ? 100 : Math.floor(rand() * 6);
			const after = before.map((r) => ({ ...r }));
			for (let c = 0; c < changes; c++) after[Math.floor(rand() * after.length)]!.status = statuses[Math.floor(rand() * statuses.length)]!;
			if (rand() < 0.1) after.splice(Math.floor(rand() * after.length), 1);
			if (rand() < 0.1) after.push({ namespace: 'ns-1', name: 'svc-new', status: 'error' });
			const next = analysisOf(after);
			const rows = servicesInScopeFrom(earlier, next, scope);
			expect(keys(rows), `seed ${seed}`).toEqual(keys(servicesInScope(next, scope)));
			// The rows are the new Analysis's objects, not the earlier ones.
			for (const row of rows) expect(next.serviceByKey.get(row.wiring.key)).toBe(row);
		}
	});

	test('a status change moves only that Service, to its place among the others', () => {
		const before = [
			{ namespace: 'a', name: 'one', status: 'ok' as const },
			{ namespace: 'a', name: 'two', status: 'ok' as const },
			{ namespace: 'a', name: 'three', status: 'error' as const },
		];
		const earlier = servicesInScope(analysisOf(before), {});
		expect(keys(earlier)).toEqual(['error a/three', 'ok a/one', 'ok a/two']);
		const next = analysisOf([before[0]!, { ...before[1]!, status: 'warning' }, { ...before[2]!, status: 'ok' }]);
		expect(keys(servicesInScopeFrom(earlier, next, {}))).toEqual(['warning a/two', 'ok a/one', 'ok a/three']);
	});
});
