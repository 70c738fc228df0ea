/**
 * Builds dist/ once per test run, so the CLI tests exercise the real binary. A type error is the
 * type check's business (npm run typecheck), not a reason to stop every test: tsc still emits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
	const root = fileURLToPath(new URL('..', import.meta.url));
	spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'ignore' });
	if (!existsSync(`${root}/dist/cli.js`)) throw new Error('the build wrote no dist/cli.js');
}
