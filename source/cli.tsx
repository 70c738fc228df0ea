#!/usr/bin/env node
/**
 * The command line: flags → a snapshot source and a command. Everything else lives in the
 * commands, the model and the reports; this file only wires them and turns errors into one line
 * and an exit status.
 */
import meow from 'meow';
import { NoKubeconfigError } from './cluster/kubeconfig-presence.js';
import { loadDemo } from './cluster/demo.js';
import { openSource } from './cluster/source.js';
import { staticStream } from './cluster/snapshot.js';
import type { Command, CommandContext } from './commands/context.js';
import { readProxyFlags } from './commands/proxy-flags.js';
import { InputError, UsageError, exitCodes } from './errors.js';
import { meowFlags, toFlags, validateArgv, type Flags } from './flags.js';
import { helpText } from './help.js';
import { safe } from './report/safe-text.js';
import { joinStdinFixtures } from './stdin-argv.js';
import { version } from './version.js';

/**
 * Each command is imported when it runs: Ink and React (the TUI) alone take about a second to
 * load, which `check` on a large capture should not pay: every command loads only what it uses.
 */
const commands: Record<string, () => Promise<Command>> = {
	check: async () => (await import('./commands/check.js')).runCheck,
	services: async () => (await import('./commands/services.js')).runServices,
	ingresses: async () => (await import('./commands/ingresses.js')).runIngresses,
	route: async () => (await import('./commands/route.js')).runRoute,
	iptables: async () => (await import('./commands/iptables.js')).runIptables,
	trace: async () => (await import('./commands/trace.js')).runTrace,
	nftables: async () => (await import('./commands/nftables.js')).runNftables,
	capture: async () => (await import('./commands/capture.js')).runCapture,
	gateways: async () => (await import('./commands/gateways.js')).runGateways,
	reach: async () => (await import('./commands/reach.js')).runReach,
};

async function runTui(ctx: CommandContext): Promise<number> {
	// React picks its build when first imported; outside development and tests use the production
	// one, as the bundle does (its development checks cost about a fifth of a large first frame).
	process.env['NODE_ENV'] ??= 'production';
	return (await import('./commands/tui.js')).runTui(ctx);
}

async function runCheck(ctx: CommandContext): Promise<number> {
	return (await import('./commands/check.js')).runCheck(ctx);
}

function write(stream: NodeJS.WriteStream, text: string): void {
	stream.write(`${text}\n`);
}

function say(line: string): void {
	write(process.stderr, `kubewire: ${safe(line)}`);
}

function sourceRequest(flags: Flags) {
	return {
		fixtures: flags.fixtures,
		demo: flags.demo,
		kubeconfig: flags.kubeconfig,
		context: flags.context,
		namespace: flags.namespace,
		allNamespaces: flags.allNamespaces,
		notify: say,
	};
}

async function main(given: string[]): Promise<number> {
	const argv = joinStdinFixtures(given);
	validateArgv(argv);
	const cli = meow(helpText(), {
		importMeta: import.meta,
		argv,
		flags: meowFlags(),
		allowUnknownFlags: true,
		version,
		description: false,
	});
	const flags = toFlags(cli.flags, process.env);
	const [name, ...args] = cli.input;
	const ctx: CommandContext = {
		args,
		flags,
		proxy: readProxyFlags(flags),
		env: process.env,
		out: (text) => write(process.stdout, text),
		err: say,
		width: process.stdout.isTTY ? Math.max(40, process.stdout.columns || 80) : 80,
		tableWidth: process.stdout.isTTY && flags.output !== 'wide' ? Math.max(40, process.stdout.columns || 80) : Number.POSITIVE_INFINITY,
		stdoutIsTTY: Boolean(process.stdout.isTTY),
		stream: (options) => openSource({ ...sourceRequest(flags), watch: options?.watch }),
	};
	if (name === undefined) return runBare(ctx);
	const command = commands[name];
	if (!command) {
		throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(commands).join(', ')} (see --help)`);
	}
	return (await command())(ctx);
}

/**
 * Bare `kubewire`: the TUI on the current context. Without a usable kubeconfig it says so in one
 * line and opens the demo; when stdout is not a terminal it prints the check report instead.
 */
async function runBare(ctx: CommandContext): Promise<number> {
	let stream;
	try {
		// The TUI follows a live cluster with watches; the report reads it once.
		stream = await ctx.stream({ watch: ctx.stdoutIsTTY });
	} catch (error) {
		if (!(error instanceof NoKubeconfigError)) throw error;
		say(`${error.message}; opening the demo cluster instead`);
		stream = staticStream(loadDemo());
	}
	const opened = stream;
	const withStream: CommandContext = { ...ctx, stream: async () => opened };
	return ctx.stdoutIsTTY ? runTui(withStream) : runCheck(withStream);
}

// `kubewire check | head` closes the pipe early: end quietly instead of throwing EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError || error instanceof InputError) {
		say(error.message);
	} else {
		const message = error instanceof Error ? error.message : String(error);
		say(`internal error: ${message.split('\n')[0]} (set KUBEWIRE_DEBUG=1 for details)`);
		if (process.env['KUBEWIRE_DEBUG']) console.error(error);
	}
	process.exitCode = exitCodes.usage;
}
