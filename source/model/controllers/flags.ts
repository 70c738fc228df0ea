/** Reading a controller's command line. */

/** The value of `--name=value` or `--name value` in a command line; '' for a bare `--name`. */
export function flagValue(args: readonly string[], name: string, ignoreCase = false): string | undefined {
	const same = ignoreCase ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
	// A flag given twice (a patch that appends it again) takes its last value, as Go's flag packages do.
	let value: string | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (same(arg, `--${name}`) || same(arg, `-${name}`)) {
			const next = args[i + 1];
			value = next !== undefined && !next.startsWith('-') ? next : '';
			continue;
		}
		const eq = arg.indexOf('=');
		if (eq > 0 && (same(arg.slice(0, eq), `--${name}`) || same(arg.slice(0, eq), `-${name}`))) value = arg.slice(eq + 1);
	}
	return value;
}

/** A boolean flag: set bare or to anything but "false". */
export function booleanFlag(args: readonly string[], name: string): boolean {
	const value = flagValue(args, name);
	return value !== undefined && value !== 'false';
}

/** The whole command line: command then args. */
export function commandLine(container: { command: readonly string[]; args: readonly string[] }): string[] {
	return [...container.command, ...container.args];
}
