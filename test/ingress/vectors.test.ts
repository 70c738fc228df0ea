/**
 * Every row of every golden vector in test/ingress/vectors/ (copied from the shared vectors, each
 * with its source.txt): the Kubernetes docs' path and host tables, the controller conformance
 * suite and ingress-nginx's e2e tests. The spec cases are answered in spec mode; the
 * ingress-nginx-specific case, whose rows contradict the spec on purpose, in ingress-nginx mode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { buildRouting, describeAnswer, route, type RouteMode, type RouteResult } from '../../source/model/ingress/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const root = new URL('./vectors/', import.meta.url);

interface Row {
	host: string;
	path: string;
	expected: string;
}

function readRows(name: string): Row[] {
	const lines = readFileSync(new URL(`${name}/requests.tsv`, root), 'utf8').split('\n').filter((l) => l.trim() !== '');
	return lines.slice(1).map((line) => {
		const [host, path, expected] = line.split('\t');
		return { host: host!, path: path!, expected: expected! };
	});
}

/** The answer in the vectors' words: `ns/service:port`, `default-backend` or `404`. */
function vectorAnswer(result: RouteResult): string {
	if (result.defaultBackend) return 'default-backend';
	if (!result.backend) return '404';
	const t = result.backend.target;
	return `${t.namespace}/${t.service}:${t.port}`;
}

const modes: Record<string, RouteMode> = { 'ingress-nginx-specific': 'ingress-nginx' };
const cases = readdirSync(root).sort();

describe('golden routing vectors', () => {
	it('finds all six cases', () => {
		expect(cases).toEqual([
			'conformance-path-rules',
			'ingress-class-resolution',
			'ingress-nginx-specific',
			'k8s-docs-hostname-wildcards',
			'k8s-docs-path-types',
			'merged-ingresses-same-host',
		]);
	});

	for (const name of cases) {
		const mode = modes[name] ?? 'spec';
		describe(`${name} (${mode})`, () => {
			const snapshot = snapshotFromYaml(readFileSync(new URL(`${name}/cluster.yaml`, root), 'utf8'), `${name}/cluster.yaml`);
			const table = buildRouting(buildContext(snapshot));
			const rows = readRows(name);
			it('has rows', () => expect(rows.length).toBeGreaterThan(0));
			for (const row of rows) {
				it(`${row.host} ${row.path} → ${row.expected}`, () => {
					const result = route(table, `http://${row.host}${row.path}`, { mode });
					expect(vectorAnswer(result), describeAnswer(result.answer)).toBe(row.expected);
				});
			}
		});
	}
});
