import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flagSpecs, kebab } from '../../source/flags.js';
import { cliPath, runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const fixture = fileURLToPath(new URL('../fixtures/basic/shop.yaml', import.meta.url));
const pkg = JSON.parse(
	(await import('node:fs')).readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

function oneLineError(result: { status: number | null; stderr: string; stdout: string }): string {
	expect(result.status).toBe(2);
	const lines = result.stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	return lines[0]!;
}

describe('kubewire --version and --help', () => {
	it('prints the package version', () => {
		const r = runCli(['--version']);
		expect(r.status).toBe(0);
		expect(r.stdout.trim()).toBe(pkg.version);
	});

	it('lists every command and every flag of the design with a description and examples', () => {
		const r = runCli(['--help']);
		expect(r.status).toBe(0);
		for (const command of ['check', 'services', 'ingresses', 'route URL', 'iptables', 'trace', 'nftables']) expect(r.stdout).toContain(command);
		for (const name of Object.keys(flagSpecs)) {
			expect(r.stdout).toContain(name === 'color' ? '--no-color' : `--${kebab(name)}`);
		}
		for (const short of ['-n,', '-A,']) expect(r.stdout).toContain(short);
		expect(r.stdout).toContain('Examples');
	});

	// The help's examples that name --demo are promises about the bundled cluster: each must
	// run there (exit 0 or 1), not fail as bad usage on a Service or port the demo lacks.
	it('every --demo example in --help runs on the demo cluster', () => {
		const examples = runCli(['--help'])
			.stdout.split('\n')
			.map((line) => /^\s*\$ kubewire (.*--demo.*)$/.exec(line)?.[1])
			.filter((line): line is string => line !== undefined && line.trim() !== '--demo');
		expect(examples.length).toBeGreaterThan(3);
		for (const example of examples) {
			const args = example.replace(/\s{2,}.*$/, '').trim().split(/\s+/);
			const r = runCli(args);
			expect({ example, status: r.status, stderr: r.stderr }).toEqual({ example, status: expect.toSatisfy((s: number) => s === 0 || s === 1), stderr: '' });
		}
	});
});

describe('bad usage: one line, exit status 2', () => {
	it('names an unknown flag', () => {
		expect(oneLineError(runCli(['check', '--frobnicate']))).toBe(
			'kubewire: unknown flag --frobnicate; see kubewire --help for the flags there are',
		);
	});

	it('names a flag missing its value, even when another flag follows', () => {
		expect(oneLineError(runCli(['services', '--fixtures', '--demo']))).toBe('kubewire: --fixtures needs a value (PATH)');
		expect(oneLineError(runCli(['services', '-n']))).toBe('kubewire: -n needs a value (NS)');
	});

	it('names a bad --output value and what is expected', () => {
		expect(oneLineError(runCli(['services', '--demo', '-o', 'yaml']))).toBe('kubewire: --output must be text, json or wide, not "yaml"');
	});

	it('names an unknown command', () => {
		expect(oneLineError(runCli(['frob', '--demo']))).toMatch(/^kubewire: unknown command "frob"; commands: check, services/);
	});

	it('names a fixture path that does not exist', () => {
		expect(oneLineError(runCli(['services', '--fixtures', '/no/such/dir']))).toBe(
			'kubewire: /no/such/dir: no such file or directory',
		);
	});

	it('names the file and line of a broken fixture', () => {
		const dir = scratchDir('cli');
		const file = path.join(dir, 'broken.yaml');
		writeFileSync(file, 'kind: Service\nmetadata:\n  name: [x\n');
		expect(oneLineError(runCli(['check', '--fixtures', file]))).toMatch(new RegExp(`^kubewire: ${file}:\\d+: invalid YAML`));
	});

	it('refuses a non-interactive command without a kubeconfig instead of guessing', () => {
		expect(oneLineError(runCli(['services']))).toMatch(/^kubewire: no usable kubeconfig/);
	});
});

describe('kubewire services', () => {
	it('prints the table from fixtures', () => {
		const r = runCli(['services', '--fixtures', fixture]);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/shop\/web\s+NodePort/);
		expect(r.stderr).toBe('');
	});

	it('prints the JSON with -o json and scopes it with -n', () => {
		const r = runCli(['services', '--fixtures', fixture, '-n', 'shop', '--output', 'json']);
		expect(r.status).toBe(0);
		const json = JSON.parse(r.stdout) as { services: Array<{ namespace: string; name: string }> };
		expect(json.services.map((s) => `${s.namespace}/${s.name}`).sort()).toEqual(['shop/db', 'shop/web']);
	});

	it('-A overrides -n and covers every namespace', () => {
		const r = runCli(['services', '--fixtures', fixture, '-n', 'shop', '-A', '-o', 'json']);
		expect((JSON.parse(r.stdout) as { services: unknown[] }).services).toHaveLength(3);
	});

	it('runs the demo from any working directory', () => {
		const r = runCli(['services', '--demo', '-o', 'json'], { cwd: os.tmpdir() });
		expect(r.status).toBe(0);
		expect(Array.isArray((JSON.parse(r.stdout) as { services: unknown[] }).services)).toBe(true);
	});
});

describe('bare kubewire', () => {
	it('without a kubeconfig or a terminal: one notice, then the demo check report', () => {
		const r = runCli([]);
		expect(r.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(/^kubewire: no usable kubeconfig .*; opening the demo cluster instead$/),
		]);
		expect(r.stdout).toMatch(/^kubewire check: demo cluster/);
		// The demo holds error findings on purpose.
		expect(r.status).toBe(1);
	});

	it('with --fixtures and no terminal: the check report of those files', () => {
		const r = runCli(['--fixtures', fixture]);
		expect(r.stderr).toBe('');
		expect(r.stdout).toContain(`kubewire check: files: ${fixture}`);
	});
});

describe('pipes', () => {
	it('ends quietly when the reader closes the pipe early (kubewire check | head -1)', () => {
		const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cliPath}" services --demo -o json | head -1`], {
			encoding: 'utf8',
			env: { ...process.env, HOME: '/nonexistent' },
		});
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout.trim()).toBe('{');
	});
});
