/**
 * `kubewire route` answers as ingress-nginx when the class's controller is ingress-nginx: every row
 * of the ingress-nginx-specific golden vector (test/ingress/vectors/, see its source.txt) through
 * the CLI, with no --mode to ask for it, plus the HTTP→HTTPS redirect for a TLS host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { buildRouting, route, routeModeFor } from '../../source/model/ingress/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const dir = new URL('./vectors/ingress-nginx-specific/', import.meta.url);
const clusterFile = path.join(dir.pathname, 'cluster.yaml');
const rows = readFileSync(new URL('requests.tsv', dir), 'utf8')
	.split('\n')
	.filter((l) => l.trim() !== '')
	.slice(1)
	.map((l) => l.split('\t') as [string, string, string]);

function answer(json: { backend: { namespace: string; service: string; port: number } | null; defaultBackend: boolean }): string {
	if (json.defaultBackend) return 'default-backend';
	if (!json.backend) return '404';
	return `${json.backend.namespace}/${json.backend.service}:${json.backend.port}`;
}

describe('route on an ingress-nginx class answers as ingress-nginx', () => {
	const snapshot = snapshotFromYaml(readFileSync(clusterFile, 'utf8'), 'cluster.yaml');
	const table = buildRouting(buildContext(snapshot));

	it('chooses ingress-nginx mode from the IngressClass controller', () => {
		expect(routeModeFor(snapshot, table.choice)).toBe('ingress-nginx');
	});

	for (const [host, p, expected] of rows) {
		it(`model, as the CLI calls it: ${host}${p} → ${expected}`, () => {
			const r = route(table, `http://${host}${p}`, { mode: routeModeFor(snapshot, table.choice) });
			const got = r.defaultBackend ? 'default-backend' : r.backend ? `${r.backend.target.namespace}/${r.backend.target.service}:${r.backend.target.port}` : '404';
			expect(got).toBe(expected);
		});
	}

	it('the CLI itself, on a sample of rows that contradict the spec', () => {
		for (const [host, p, expected] of rows.filter(([, , e], i) => i % 5 === 0 || e === '404')) {
			const r = runCli(['route', `http://${host}${p}`, '--fixtures', clusterFile, '--output', 'json']);
			expect(r.status, r.stderr).toBe(0);
			const json = JSON.parse(r.stdout);
			expect(answer(json), `${host}${p}`).toBe(expected);
			expect(json.mode).toBe('ingress-nginx');
		}
	});

	it('plain HTTP to a TLS host gets ingress-nginx\'s 308 to https, unless ssl-redirect is "false"', () => {
		const tls = readFileSync(clusterFile, 'utf8').replace(
			'  rules:\n  - host: impl.example.com',
			'  tls:\n  - hosts: [impl.example.com]\n    secretName: impl-tls\n  rules:\n  - host: impl.example.com',
		);
		const d = scratchDir('nginx');
		writeFileSync(path.join(d, 'cluster.yaml'), tls);
		const http = JSON.parse(runCli(['route', 'http://impl.example.com/foo', '--fixtures', d, '--output', 'json']).stdout);
		expect(http.status).toBe(308);
		expect(http.notes.join(' ')).toContain('https://impl.example.com/foo');
		const https = JSON.parse(runCli(['route', 'https://impl.example.com/foo', '--fixtures', d, '--output', 'json']).stdout);
		// Served by a ready endpoint: 200, as a Gateway route says it.
		expect(https.status).toBe(200);
		writeFileSync(path.join(d, 'cluster.yaml'), tls.replace('  name: impl-specific\n', '  name: impl-specific\n  annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "false"}\n'));
		expect(JSON.parse(runCli(['route', 'http://impl.example.com/foo', '--fixtures', d, '--output', 'json']).stdout).status).toBe(200);
	});
});
