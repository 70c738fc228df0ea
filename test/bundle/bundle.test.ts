/**
 * GitHub issue 9: kubewire must be carried to a bastion host as one file. These tests build
 * dist/kubewire.mjs with `scripts/bundle.mjs`, copy it alone into an empty folder and run it
 * there, as an operator who cannot run npm install would.
 */
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtBundle, bundleScript, emptyTempDir, explain, packageVersion, repoRoot, run, runNode, unbundledCli, userEnv, type Ran } from './run.js';

// Each test starts node several times; on a busy CI machine that can outlast vitest's default.
describe('dist/kubewire.mjs copied alone into an empty folder', { timeout: 120_000 }, () => {
	let folder = '';
	const kubewire = (...args: string[]): Ran => runNode(['kubewire.mjs', ...args], folder);

	beforeAll(() => {
		const built = runNode([bundleScript], repoRoot);
		expect(built.status, explain(built)).toBe(0);
		folder = emptyTempDir('bastion');
		copyFileSync(builtBundle, path.join(folder, 'kubewire.mjs'));
	});

	it('is the only file there: nothing else is needed to run it', () => {
		expect(readdirSync(folder)).toEqual(['kubewire.mjs']);
	});

	it('is an executable script that starts with a node shebang', () => {
		expect(readFileSync(builtBundle, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
		expect(statSync(builtBundle).mode & 0o111).not.toBe(0);
		// Run through its shebang (./kubewire.mjs), with the test's node first on PATH.
		const env = userEnv({ PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}` });
		const direct = run(path.join(folder, 'kubewire.mjs'), ['--version'], folder, env);
		expect(direct.stdout.trim(), explain(direct)).toBe(packageVersion);
	});

	it('--version prints the package version', () => {
		const ran = kubewire('--version');
		expect(ran.status, explain(ran)).toBe(0);
		expect(ran.stdout.trim()).toBe(packageVersion);
	});

	it('--help prints the usage', () => {
		const ran = kubewire('--help');
		expect(ran.status, explain(ran)).toBe(0);
		expect(ran.stdout).toContain('Usage');
		expect(ran.stdout).toContain('check');
		expect(ran.stdout).toContain('--fixtures');
	});

	it('check --demo --output json reports findings and unreadable from the embedded demo', () => {
		const ran = kubewire('check', '--demo', '--output', 'json');
		// The demo holds error findings on purpose, so check exits 1.
		expect(ran.status, explain(ran)).toBe(1);
		const report = JSON.parse(ran.stdout) as { findings: unknown; unreadable: unknown };
		expect(Array.isArray(report.findings)).toBe(true);
		expect(report.unreadable).toEqual([]);
		expect(ran.stderr).not.toMatch(/Warning|Error/);
	});

	it('services --demo prints the service table', () => {
		const ran = kubewire('services', '--demo');
		expect(ran.status, explain(ran)).toBe(0);
		expect(ran.stdout.trim()).not.toBe('');
		expect(ran.stderr).toBe('');
	});

	it('carries a demo cluster that has Services', () => {
		const ran = kubewire('services', '--demo', '--output', 'json');
		expect(ran.status, explain(ran)).toBe(0);
		const { services } = JSON.parse(ran.stdout) as { services: unknown[] };
		expect(services.length).toBeGreaterThan(0);
	});

	it('shows the same demo as the unbundled build, in text and JSON', () => {
		for (const args of [
			['check', '--demo', '--output', 'json'],
			['check', '--demo'],
			['services', '--demo', '--output', 'json'],
			['ingresses', '--demo', '--output', 'json'],
		]) {
			const bundled = kubewire(...args);
			const unbundled = runNode([unbundledCli, ...args], folder);
			expect({ args, ...bundled }).toEqual({ args, ...unbundled });
		}
	});

	it('iptables --demo --node worker-1 prints the rules kube-proxy would write', () => {
		const ran = kubewire('iptables', '--demo', '--node', 'worker-1');
		expect(ran.status, explain(ran)).toBe(0);
		expect(ran.stdout).toContain('*nat');
		expect(ran.stdout).toContain('KUBE-SERVICES');
		expect(ran.stdout).toContain('COMMIT');
	});

	it('turns unreadable input into one line on stderr and exit 2, without a stack trace', () => {
		const missing = path.join(folder, 'no-such-capture.yaml');
		const ran = kubewire('check', '--fixtures', missing);
		expect(ran.status, explain(ran)).toBe(2);
		expect(ran.stdout).toBe('');
		expect(ran.stderr.trim().split('\n')).toHaveLength(1);
		expect(ran.stderr).toContain('no-such-capture.yaml');
		expect(ran.stderr).not.toMatch(/\n\s+at /);
	});
});

describe('the bundling recipe on the heavy dependencies', { timeout: 120_000 }, () => {
	// The TUI and the live cluster may still be stubs; this entry uses Ink, yoga's WebAssembly,
	// React and client-node (over HTTP) so the recipe is proven on them now.
	let folder = '';

	beforeAll(() => {
		folder = emptyTempDir('recipe');
		const entry = path.join(repoRoot, 'test', 'bundle', 'heavy-deps-entry.tsx');
		const built = runNode([bundleScript, '--entry', entry, '--outfile', path.join(folder, 'smoke.mjs')], repoRoot);
		expect(built.status, explain(built)).toBe(0);
	});

	it('runs alone: renders with Ink and lists through client-node', () => {
		expect(readdirSync(folder)).toEqual(['smoke.mjs']);
		const ran = runNode(['smoke.mjs'], folder);
		expect(ran.status, explain(ran)).toBe(0);
		expect(ran.stdout).toContain('client-node listed: from-fake-server');
		expect(ran.stdout).toContain('ink rendered');
		expect(ran.stdout).toMatch(/│web 80\s+│/);
	});

	it('does not load Node’s deprecated punycode module (the shim stands in for it)', () => {
		// Node 20 reports DEP0040 only with --pending-deprecation; Node 22 always does.
		const ran = runNode(['--pending-deprecation', 'smoke.mjs'], folder);
		expect(ran.status, explain(ran)).toBe(0);
		expect(ran.stderr).not.toContain('DEP0040');
	});
});
