/** Runs the built CLI as a child process, as a user would, and captures what it printed. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
	const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/nonexistent-home', KUBECONFIG: '', NO_COLOR: '1', ...options.env };
	delete env['KUBEWIRE_DEBUG'];
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd ?? repoRoot,
		env,
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: 30_000,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `--fixtures DIR/F` for each file: the arguments that read these files of one fixture folder. */
export function fixtureArgs(dir: string, ...files: string[]): string[] {
	return files.flatMap((f) => ['--fixtures', `${dir}/${f}`]);
}

/** Runs a command with `-o json` that must answer (nothing on stderr, exit 0) and parses what it printed. */
export function runJson(args: string[], expectFn: (value: unknown) => { toBe(expected: unknown): void }): Record<string, unknown> {
	const r = runCli([...args, '-o', 'json']);
	expectFn(r.stderr).toBe('');
	expectFn(r.status).toBe(0);
	return JSON.parse(r.stdout) as Record<string, unknown>;
}
