/**
 * Errors that end a command with exit status 2 and one clear line on stderr: bad usage (a flag,
 * an argument) and unreadable input (a file, a kubeconfig, a server). Anything else reaching the
 * top is a bug, and is still reported in one line rather than a stack trace.
 */
export class UsageError extends Error {
	override name = 'UsageError';
}

export class InputError extends Error {
	override name = 'InputError';
}

export const exitCodes = { ok: 0, findings: 1, usage: 2 } as const;
