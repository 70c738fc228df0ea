/**
 * Helpers for the bundle tests: run a program the way a user on a bastion host would, from a
 * folder holding nothing but what they copied, with no kubeconfig and no colour.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../support/scratch.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bundleScript = path.join(repoRoot, 'scripts', 'bundle.mjs');
export const builtBundle = path.join(repoRoot, 'dist', 'kubewire.mjs');
export const unbundledCli = path.join(repoRoot, 'dist', 'cli.js');
export const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

export interface Ran {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** The environment of a user with no cluster configured: kubewire must not find one by accident. */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/nonexistent-home', KUBECONFIG: '', NO_COLOR: '1', ...extra };
	// Nothing may help the bundle find modules outside the folder it was copied to.
	delete env['NODE_PATH'];
	delete env['NODE_OPTIONS'];
	delete env['KUBEWIRE_DEBUG'];
	return env;
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()): Ran {
	const result = spawnSync(command, args, { cwd, env, input: '', encoding: 'utf8', timeout: 120_000 });
	if (result.error) throw result.error;
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a Node script with the Node that runs the tests. */
export function runNode(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Ran {
	return run(process.execPath, args, cwd, env);
}

/** An empty folder of the tests' own, removed when the test file is done (support/scratch.ts). */
export function emptyTempDir(label: string): string {
	return scratchDir(label);
}

/** A failed child's output, for an assertion message that says what went wrong. */
export function explain(ran: Ran): string {
	return `exit ${ran.status}\n--- stdout\n${ran.stdout}\n--- stderr\n${ran.stderr}`;
}
