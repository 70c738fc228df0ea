/** Builds dist/ once per test run, so the CLI tests exercise the real binary. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
	const root = fileURLToPath(new URL('..', import.meta.url));
	execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
