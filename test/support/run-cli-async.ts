/**
 * Runs the built CLI as a child process without blocking this process's event loop, so the CLI
 * can talk to a fake API server running inside the test (spawnSync would freeze that server).
 */
import { spawn } from 'node:child_process';
import { cliPath, repoRoot, type CliResult } from './run-cli.js';

export function runCliAsync(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
	const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/nonexistent-home', KUBECONFIG: '', NO_COLOR: '1', ...options.env };
	delete env['KUBEWIRE_DEBUG'];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.on('error', reject);
		child.on('close', (status) => {
			clearTimeout(timer);
			resolve({ status, stdout, stderr });
		});
	});
}
