/**
 * GitHub issue 9, second half: `npm pack` makes a package that installs globally and runs from
 * any folder, `--demo` included. Its bin is the one-file bundle, so the installed command needs
 * nothing from node_modules and finds its demo inside itself.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTempDir, explain, packageVersion, repoRoot, run, type Ran, userEnv } from './run.js';

/** npm as shipped with the Node that runs the tests, else whatever npm is on PATH. */
const npmCli = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
const nodeFirstOnPath = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;

function npm(args: string[], cwd: string): Ran {
	// HOME stays: --offline installs from the user's npm cache.
	const env = { ...process.env, PATH: nodeFirstOnPath };
	return existsSync(npmCli) ? run(process.execPath, [npmCli, ...args], cwd, env) : run('npm', args, cwd, env);
}

describe('npm pack', () => {
	let work = '';

	beforeAll(() => {
		work = emptyTempDir('pack');
	});
	afterAll(() => {
		if (work) rmSync(work, { recursive: true, force: true });
	});

	it('makes a tarball that installs globally offline and whose bin runs from any folder', { timeout: 300_000 }, () => {
		const packed = npm(['pack', '--pack-destination', work], repoRoot);
		expect(packed.status, explain(packed)).toBe(0);
		const tarball = path.join(work, `kubewire-${packageVersion}.tgz`);
		expect(readdirSync(work)).toEqual([path.basename(tarball)]);

		// The runtime dependencies are still listed in package.json, so npm installs them too;
		// --offline takes them from the npm cache that installing the project filled.
		const prefix = path.join(work, 'prefix');
		const installed = npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
		expect(installed.status, explain(installed)).toBe(0);

		const packageDir = path.join(prefix, 'lib', 'node_modules', 'kubewire');
		expect(existsSync(path.join(packageDir, 'dist', 'kubewire.mjs'))).toBe(true);
		// The demo comes from inside the bundle, not from files shipped beside it.
		expect(existsSync(path.join(packageDir, 'demo-fixtures'))).toBe(false);
		expect(existsSync(path.join(packageDir, 'dist', 'cli.js'))).toBe(false);

		const elsewhere = path.join(work, 'some-other-folder');
		mkdirSync(elsewhere);
		const bin = path.join(prefix, 'bin', 'kubewire');
		const env = userEnv({ PATH: `${path.join(prefix, 'bin')}${path.delimiter}${nodeFirstOnPath}` });

		const version = run(bin, ['--version'], elsewhere, env);
		expect(version.status, explain(version)).toBe(0);
		expect(version.stdout.trim()).toBe(packageVersion);

		const check = run(bin, ['check', '--demo'], elsewhere, env);
		expect([0, 1], explain(check)).toContain(check.status);
		expect(check.stdout).toContain('demo cluster');
		expect(check.stderr).toBe('');
	});
});
