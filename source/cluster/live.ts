/**
 * Live clusters: the current kubeconfig context, read-only. `openLive` resolves the kubeconfig
 * (throwing one line for an unknown context or a broken file), then either reads the cluster once
 * (the non-interactive commands: resolves when every list is complete, or throws the one-line
 * error naming context and server) or, with `watch`, resolves at once with a stream that loads in
 * the background, shows progress and errors in health(), and keeps itself fresh with watches.
 * The work is split under live/: kubeconfig, http, lister, watcher, store, stream.
 */
import { loadKubeconfig } from './live/kubeconfig.js';
import { LiveStream } from './live/stream.js';
import { tuningWith, type LiveTuning } from './live/tuning.js';
import type { SnapshotStream } from './snapshot.js';

export interface LiveRequest {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	/** One-line notices for the user (scope fallback, progress) while loading. */
	notify: (line: string) => void;
	/**
	 * Keep the snapshot fresh with watches (the TUI). Then `openLive` returns before the first
	 * read completes: `health()` is 'loading' with per-kind progress, 'error' with the one-line
	 * reason (and `retry()` tries again), then 'live' or 'reconnecting'.
	 */
	watch?: boolean;
	/**
	 * Whether a slow one-time read prints progress lines through `notify`. They are for a person
	 * watching a terminal; by default only when stderr is one, so scripts see only real errors.
	 */
	progressLines?: boolean;
	/** Timeouts, page size, batching and backoff; the defaults suit real clusters. */
	tuning?: Partial<LiveTuning>;
}

export async function openLive(request: LiveRequest, env: NodeJS.ProcessEnv = process.env): Promise<SnapshotStream> {
	const config = await loadKubeconfig(request, env);
	const stream = new LiveStream(
		config,
		{
			namespace: request.namespace,
			allNamespaces: request.allNamespaces,
			watch: request.watch === true,
			notify: request.notify,
			progressLines: request.progressLines ?? Boolean(process.stderr.isTTY),
		},
		tuningWith(request.tuning),
	);
	if (request.watch) {
		stream.startWatching();
		return stream;
	}
	await stream.readOnce();
	return stream;
}
