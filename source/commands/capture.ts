/**
 * `kubewire capture [--file FILE]`: the live cluster as one JSON List, to stdout or FILE. A FILE
 * is written under a temporary name and renamed when complete, so an interrupted capture never
 * passes for a whole one. A progress line on stderr, only when stderr is a terminal.
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { captureCluster, type CaptureSummary } from '../cluster/capture.js';
import { InputError, UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

/** Rewrites one stderr line in place, at most a few times a second. */
function progressLine(stderr: NodeJS.WriteStream) {
	let last = 0;
	let shown = false;
	return {
		update(counts: Record<string, number>) {
			const now = Date.now();
			if (now - last < 200) return;
			last = now;
			const total = Object.values(counts).reduce((a, b) => a + b, 0);
			const busiest = Object.entries(counts)
				.filter(([, n]) => n > 0)
				.sort((a, b) => b[1] - a[1])
				.slice(0, 3)
				.map(([resource, n]) => `${resource} ${n}`)
				.join(', ');
			const text = `kubewire: capturing… ${total} objects${busiest ? ` (${busiest})` : ''}`;
			stderr.write(`\r${text.slice(0, Math.max(20, (stderr.columns || 80) - 1))}\u001b[K`);
			shown = true;
		},
		clear() {
			if (shown) stderr.write('\r\u001b[K');
		},
	};
}

async function openFile(file: string): Promise<WriteStream> {
	const out = createWriteStream(file, { flags: 'w' });
	try {
		await once(out, 'open');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
		throw new InputError(`${file}: cannot write the capture: ${reason}`);
	}
	return out;
}

async function finish(out: Writable): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		out.once('error', reject);
		out.end(() => resolve());
	});
}

export async function runCapture(ctx: CommandContext): Promise<number> {
	if (ctx.flags.fixtures.length > 0 || ctx.flags.demo) {
		throw new UsageError('capture reads a live cluster: --fixtures and --demo have nothing to capture');
	}
	if (ctx.args.length > 0) throw new UsageError(`capture takes no arguments (got "${ctx.args[0]}"); --file FILE names where to write`);
	const file = ctx.flags.file;
	const partial = file ? `${file}.partial` : undefined;
	const out: Writable = partial ? await openFile(partial) : process.stdout;
	const progress = process.stderr.isTTY ? progressLine(process.stderr) : undefined;
	let summary: CaptureSummary;
	try {
		summary = await captureCluster(
			{
				kubeconfig: ctx.flags.kubeconfig,
				context: ctx.flags.context,
				namespace: ctx.flags.namespace,
				allNamespaces: ctx.flags.allNamespaces,
				notify: (line) => {
					progress?.clear();
					ctx.err(line);
				},
				progress: progress?.update,
			},
			out,
			ctx.env,
		);
		progress?.clear();
		if (partial && file) {
			await finish(out);
			renameSync(partial, file);
		}
	} catch (error) {
		progress?.clear();
		if (partial) {
			out.destroy();
			rmSync(partial, { force: true });
		}
		throw error;
	}
	if (process.stderr.isTTY) {
		const unreadable = summary.record.unreadable.map((u) => `${u.resource}${u.namespace ? ` in ${u.namespace}` : ''} (${u.reason})`);
		ctx.err(`captured ${summary.objects} objects from context ${summary.record.context}${file ? ` to ${file}` : ''}${unreadable.length > 0 ? `; could not read ${unreadable.join(', ')}` : ''}`);
	}
	return 0;
}
