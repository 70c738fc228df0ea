/**
 * The demo cluster's full `check` report, text and JSON, as reviewed golden files. A change to
 * any rule's wording or to the demo shows up here as a diff to read. To accept a reviewed change:
 * node dist/cli.js check --demo > test/demo/check-demo.golden.txt (and -o json > ….json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const golden = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

describe('kubewire check --demo', () => {
	it('prints the reviewed text report, every line within 80 columns', () => {
		const r = runCli(['check', '--demo']);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe(golden('./check-demo.golden.txt'));
		for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
	});

	it('prints the reviewed JSON report', () => {
		const r = runCli(['check', '--demo', '-o', 'json']);
		expect(JSON.parse(r.stdout)).toEqual(JSON.parse(golden('./check-demo.golden.json')));
	});
});
