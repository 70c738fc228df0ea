/**
 * `kubewire` in a terminal: the Ink application. This file owns the terminal around it — the
 * alternate screen, raw mode and the cursor — and gives them back on every way out: q, Ctrl-C,
 * SIGTERM/SIGHUP (a dropped SSH session) and an unexpected error.
 */
import { render } from 'ink';
import { App } from '../app.js';
import type { ProxyOverrides } from '../model/iptables/index.js';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';
import { openLive } from '../cluster/live.js';
import { listContexts } from '../cluster/live/kubeconfig.js';
import type { SnapshotStream } from '../cluster/snapshot.js';
import type { ContextSwitcher } from '../ui/screens/contexts.js';
import { inkOptions } from '../ui/ink-options.js';

const enterAltScreen = '\u001B[?1049h\u001B[H';
const leaveAltScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

/** The flags that say which node's kube-proxy the detail screen draws; bad values fail before the screen opens. */
function proxyOverrides(ctx: CommandContext): ProxyOverrides {
	const { flags } = ctx;
	return {
		node: flags.node,
		...ctx.proxy,
		masqueradeAll: flags.masqueradeAll || undefined,
		mode: flags.proxyMode,
	};
}

/**
 * `:ctx` for a live session: the kubeconfig's contexts, and opening one with the same flags
 * (--kubeconfig, -n, -A) as the first. `following` learns each stream opened, so the one in use
 * is the one closed on the way out. Outside live sessions there is nothing to switch.
 */
async function contextSwitcher(ctx: CommandContext, first: SnapshotStream, following: (stream: SnapshotStream) => void): Promise<ContextSwitcher | undefined> {
	if (first.current().origin.kind !== 'live') return undefined;
	const { flags } = ctx;
	const open = async (context: string) => {
		const stream = await openLive(
			{ kubeconfig: flags.kubeconfig, context, namespace: flags.namespace, allNamespaces: flags.allNamespaces, notify: () => {}, watch: true },
			ctx.env,
		);
		following(stream);
		return stream;
	};
	try {
		const { contexts } = await listContexts({ kubeconfig: flags.kubeconfig }, ctx.env);
		return { entries: contexts, open };
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		return { entries: [], error: `the kubeconfig's contexts could not be listed: ${message}`, open };
	}
}

export async function runTui(ctx: CommandContext): Promise<number> {
	// Ink needs raw mode to read keys; without a terminal on stdin it would fail with a stack trace.
	if (!process.stdin.isTTY) {
		throw new UsageError('the TUI reads keys from a terminal, but stdin is not one; use kubewire check or kubewire services');
	}
	const proxy = proxyOverrides(ctx);
	const first = await ctx.stream();
	let stream = first;
	const contexts = await contextSwitcher(ctx, first, (next) => {
		stream = next;
	});
	const stdout = process.stdout;
	const tty = Boolean(stdout.isTTY);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stream.close?.();
		if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
		if (tty) stdout.write(showCursor + leaveAltScreen);
	};
	if (tty) stdout.write(enterAltScreen);
	const instance = render(
		<App
			stream={first}
			contexts={contexts}
			options={{
				clusterDomain: ctx.flags.clusterDomain,
				ingressClass: ctx.flags.class,
				namespace: ctx.flags.allNamespaces ? undefined : ctx.flags.namespace,
				color: ctx.flags.color,
			}}
			proxy={proxy}
		/>,
		{ ...inkOptions, patchConsole: true },
	);
	let status = 0;
	// A capture read with the screen up (cluster/file-stream.ts) may turn out unreadable: the
	// screen closes and the error is reported as any command reports it, one line and status 2.
	let failure: unknown;
	first.settled?.catch((error: unknown) => {
		failure = error;
		instance.unmount();
	});
	const onSignal = (signal: NodeJS.Signals) => {
		status = signal === 'SIGHUP' ? 129 : 143;
		instance.unmount();
	};
	const onCrash = (error: unknown) => {
		instance.unmount();
		restore();
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`kubewire: internal error: ${message.split('\n')[0]}\n`);
		process.exit(2);
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	process.once('uncaughtException', onCrash);
	process.once('exit', restore);
	try {
		await instance.waitUntilExit();
	} finally {
		instance.cleanup();
		restore();
		process.off('SIGTERM', onSignal);
		process.off('SIGHUP', onSignal);
		process.off('uncaughtException', onCrash);
		process.off('exit', restore);
	}
	if (failure !== undefined) throw failure;
	return status;
}
