/**
 * GitHub issue 9, second half: `npm pack` makes a package that installs globally and runs from
 * any folder, `--demo` included. Its bin is the one-file bundle, so the installed command needs
 * nothing from node_modules and finds its demo inside itself. Issue 13: the package lists no
 * dependencies, so it installs with no registry at all; the install below runs offline against an
 * empty npm cache of its own, so it proves that on any machine, whatever the user's cache holds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyTempDir, explain, packageVersion, repoRoot, run, type Ran, userEnv } from './run.js';

/** npm as shipped with the Node that runs the tests, else whatever npm is on PATH. */
const npmCli = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
const nodeFirstOnPath = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;

function npm(args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Ran {
	const env = { ...process.env, PATH: nodeFirstOnPath, ...extra };
	return existsSync(npmCli) ? run(process.execPath, [npmCli, ...args], cwd, env) : run('npm', args, cwd, env);
}

describe('npm pack', () => {
	let work = '';

	beforeAll(() => {
		work = emptyTempDir('pack');
	});

	it('makes a tarball that installs globally offline and whose bin runs from any folder', { timeout: 300_000 }, () => {
		const packed = npm(['pack', '--pack-destination', work], repoRoot);
		expect(packed.status, explain(packed)).toBe(0);
		const tarball = path.join(work, `kubewire-${packageVersion}.tgz`);
		expect(readdirSync(work)).toEqual([path.basename(tarball)]);

		// What npm would install beside the bin: nothing.
		const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
		expect(manifest['dependencies']).toBeUndefined();
		expect(manifest['optionalDependencies']).toBeUndefined();
		expect(manifest['peerDependencies']).toBeUndefined();

		// Offline, with an empty cache of its own: any package npm had to fetch would fail with ENOTCACHED.
		const prefix = path.join(work, 'prefix');
		const cache = path.join(work, 'empty-npm-cache');
		mkdirSync(cache);
		const installed = npm(
			['install', '--global', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', tarball],
			work,
			{ npm_config_cache: cache, npm_config_registry: 'http://127.0.0.1:9/' },
		);
		expect(installed.status, explain(installed)).toBe(0);
		expect(readdirSync(path.join(prefix, 'lib', 'node_modules'))).toEqual(['kubewire']);
		expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'kubewire', 'node_modules'))).toBe(false);

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
		// The demo holds error findings on purpose, so check exits 1.
		expect(check.status, explain(check)).toBe(1);
		expect(check.stdout).toContain('demo cluster');
		expect(check.stderr).toBe('');
	});
});
