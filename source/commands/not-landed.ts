import { UsageError } from '../errors.js';
import type { Command } from './context.js';

/** A command whose capability has not landed yet says so in one line and exits 2. */
export function notLanded(command: string, capability: string): Command {
	return async () => {
		throw new UsageError(`${command}: ${capability} has not landed yet`);
	};
}
