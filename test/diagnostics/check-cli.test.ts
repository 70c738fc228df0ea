/**
 * `kubewire check` through the built binary: exit status 0/1/2, the JSON shape DESIGN.md fixes,
 * -n scoping, and a text report readable in 80 columns without colour.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';
import { fixturesDir } from './support.js';

const fx = (code: string, which: 'broken' | 'healthy') => `${fixturesDir}${code}/${which}.yaml`;
const width = (line: string) => [...line].length;

describe('kubewire check', () => {
	it('exits 0 on a healthy cluster and says so', () => {
		const r = runCli(['check', '--fixtures', fx('KW201', 'healthy')]);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('No problems found');
		expect(r.stderr).toBe('');
	});

	it('exits 1 when an error is found, 0 when only warnings or info are', () => {
		expect(runCli(['check', '--fixtures', fx('KW101', 'broken')]).status).toBe(1);
		expect(runCli(['check', '--fixtures', fx('KW201', 'broken')]).status).toBe(0);
		expect(runCli(['check', '--fixtures', fx('KW404', 'broken')]).status).toBe(0);
	});

	it('exits 2 with one line on stderr for a file that does not exist', () => {
		const r = runCli(['check', '--fixtures', '/nonexistent/cluster.yaml']);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('/nonexistent/cluster.yaml');
	});

	it('--output json gives exactly the fields DESIGN.md fixes', () => {
		const r = runCli(['check', '--fixtures', fx('KW101', 'broken'), '--output', 'json']);
		expect(r.status).toBe(1);
		const json = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; unreadable: unknown[] };
		expect(Object.keys(json).sort()).toEqual(['findings', 'unreadable']);
		// Files list the kinds they hold no object of (DESIGN.md: `not in the input`), nothing else.
		expect(json.unreadable).toContainEqual({ resource: 'secrets', namespace: '', reason: 'not in the input' });
		expect(json.unreadable.every((u) => (u as { reason: string }).reason === 'not in the input')).toBe(true);
		expect(json.findings.length).toBeGreaterThan(0);
		for (const f of json.findings) {
			expect(Object.keys(f).sort()).toEqual(['code', 'hint', 'kind', 'message', 'name', 'namespace', 'severity']);
			expect(['error', 'warning', 'info']).toContain(f['severity']);
		}
		expect(json.findings[0]).toMatchObject({ code: 'KW101', severity: 'error', kind: 'Service', namespace: 'shop', name: 'checkout' });
	});

	it('-n limits the report (and the exit status) to one namespace; -A covers all', () => {
		const shop = fx('KW101', 'broken'); // an error in shop
		const infra = fx('KW203', 'broken'); // a warning in infra
		const all = JSON.parse(runCli(['check', '--fixtures', shop, '--fixtures', infra, '-o', 'json']).stdout) as { findings: { namespace: string }[] };
		expect(new Set(all.findings.map((f) => f.namespace))).toEqual(new Set(['shop', 'infra']));
		const r = runCli(['check', '--fixtures', shop, '--fixtures', infra, '-n', 'infra', '-o', 'json']);
		expect(r.status).toBe(0);
		const scoped = JSON.parse(r.stdout) as { findings: { namespace: string }[] };
		expect(scoped.findings.map((f) => f.namespace)).toEqual(['infra']);
		expect(runCli(['check', '--fixtures', shop, '--fixtures', infra, '-n', 'shop']).status).toBe(1);
		expect(runCli(['check', '--fixtures', shop, '--fixtures', infra, '-n', 'infra', '-A']).status).toBe(1);
		const text = runCli(['check', '--fixtures', shop, '--fixtures', infra, '-n', 'infra']).stdout;
		expect(text).toContain('namespace infra');
		expect(text).not.toContain('shop/checkout');
	});

	it('the text report groups by severity then object, fits 80 columns and has no escape sequences', () => {
		const r = runCli(['check', '--demo']);
		expect(r.status).toBe(1);
		const lines = r.stdout.split('\n');
		expect(lines.filter((l) => width(l) > 80)).toEqual([]);
		expect(r.stdout).not.toMatch(/\u001b/);
		const headings = lines.filter((l) => /^(ERRORS|WARNINGS|INFO)$/.test(l));
		expect(headings).toEqual(['ERRORS', 'WARNINGS', 'INFO']);
		const errors = r.stdout.slice(r.stdout.indexOf('ERRORS'), r.stdout.indexOf('WARNINGS'));
		expect(errors).toMatch(/ {2}Service shop\/checkout\n {4}KW101 /);
		expect(errors).not.toContain('KW106');
		expect(r.stdout.slice(r.stdout.indexOf('\nINFO'))).toContain('KW103');
	});

	it('names never reach the terminal raw: control characters from the input are stripped', () => {
		const dir = scratchDir('check');
		const file = path.join(dir, 'evil.yaml');
		writeFileSync(
			file,
			'apiVersion: v1\nkind: Service\nmetadata: {name: evil, namespace: shop}\nspec: {clusterIP: 10.96.0.1, selector: {app: "x\\u001b[31mred"}, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: web, image: web}]}\n',
		);
		const r = runCli(['check', '--fixtures', file]);
		expect(r.status).toBe(1);
		expect(r.stdout).not.toMatch(/\u001b/);
		expect(r.stdout).toContain('KW101');
	});
});
