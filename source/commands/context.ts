/**
 * What every command is handed by cli.tsx: its arguments, the typed flags, where to write, and
 * a way to get the snapshot without knowing where it comes from.
 */
import type { Snapshot, SnapshotStream } from '../cluster/snapshot.js';
import type { Flags } from '../flags.js';
import { analyze, type Analysis } from '../model/analyze.js';
import type { Scope } from '../model/scope.js';
import type { ProxyFlags } from './proxy-flags.js';

export interface CommandContext {
	/** Positional arguments after the command name. */
	args: string[];
	flags: Flags;
	/** The kube-proxy flags, checked and read once before the command ran. */
	proxy: ProxyFlags;
	env: NodeJS.ProcessEnv;
	/** Writes text to stdout (a newline is added). */
	out: (text: string) => void;
	/** Writes one line to stderr. */
	err: (line: string) => void;
	/** Width for text reports: the terminal's, or 80 when stdout is not a terminal. */
	width: number;
	/**
	 * Width for tables: the terminal's; unlimited (every column, whole cells, as kubectl) when
	 * stdout is a pipe or a file, or with `--output wide`.
	 */
	tableWidth: number;
	stdoutIsTTY: boolean;
	/** Opens the chosen source (files, demo or live); `watch` keeps a live one fresh (the TUI). */
	stream: (options?: { watch?: boolean }) => Promise<SnapshotStream>;
}

export async function loadSnapshot(ctx: CommandContext): Promise<Snapshot> {
	const stream = await ctx.stream();
	const snapshot = stream.current();
	stream.close?.();
	return snapshot;
}

export function analyzeFor(ctx: CommandContext, snapshot: Snapshot): Analysis {
	return analyze(snapshot, { clusterDomain: ctx.flags.clusterDomain, ingressClass: ctx.flags.class });
}

/** -n limits a report to one namespace; -A (or no -n) covers every namespace read. */
export function scopeOf(ctx: CommandContext): Scope {
	return ctx.flags.namespace && !ctx.flags.allNamespaces ? { namespace: ctx.flags.namespace } : {};
}

export function printJson(ctx: CommandContext, value: unknown): void {
	ctx.out(JSON.stringify(value, null, 2));
}

/**
 * A JSON report with what the input could not give (DESIGN.md: every JSON report lists
 * `unreadable`, kinds `not in the input` included), so a script knows what no answer was drawn from.
 */
export function printReportJson(ctx: CommandContext, value: object, snapshot: Pick<Snapshot, 'unreadable'>): void {
	printJson(ctx, 'unreadable' in value ? value : { ...value, unreadable: snapshot.unreadable });
}

/**
 * Writes a long report a few thousand lines at a time: a 10,000-Service node has tens of MB of
 * rules, which are never held as one string.
 */
export function printLines(ctx: CommandContext, lines: Iterable<string>): void {
	let chunk: string[] = [];
	for (const line of lines) {
		chunk.push(line);
		if (chunk.length === 4096) {
			ctx.out(chunk.join('\n'));
			chunk = [];
		}
	}
	if (chunk.length > 0) ctx.out(chunk.join('\n'));
}

export type Command = (ctx: CommandContext) => Promise<number>;
