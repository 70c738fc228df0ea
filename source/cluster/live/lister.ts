/**
 * Lists one kind the way big clusters need: pages of `limit` items followed by `continue`, each
 * page projected into records before the next is asked for. A page that fails on the way (a
 * timeout, a reset) is asked again from the same token; an expired token starts the list over.
 */
import type { Meta, Skipped } from '../snapshot.js';
import { LiveError } from './errors.js';
import type { ApiClient } from './http.js';
import { listPath, type LiveKind } from './kinds.js';
import { Projector } from './project.js';
import { arr, obj, str } from '../raw.js';

export interface ListResult {
	records: Map<string, Meta>;
	/** Where a watch continues from. */
	resourceVersion: string;
	skipped: Skipped[];
	pages: number;
}

export interface ListOptions {
	pageSize: number;
	signal?: AbortSignal;
	/** Called after every page with the number of objects read so far. */
	onPage?: (count: number) => void;
	/** Attempts per page before a transient failure ends the list. */
	pageAttempts?: number;
	/** Pause between attempts, in milliseconds. */
	retryDelayMs?: number;
}

/**
 * Failures worth asking again: the server hiccuped (5xx, 429), or the network did in the middle
 * of a list that was going well. A server that cannot be reached at all is reported at once, so
 * an unreachable address fails within one request timeout, not several.
 */
function isTransient(error: unknown, midList: boolean): boolean {
	if (!(error instanceof LiveError)) return false;
	if (error.failure === 'timeout' || error.failure === 'network') return midList;
	return error.failure === 'server' && (error.status === undefined || error.status >= 500 || error.status === 429);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, { once: true });
	});
}

export async function listKind(client: ApiClient, kind: LiveKind, namespace: string, options: ListOptions): Promise<ListResult> {
	const path = listPath(kind, namespace);
	const attempts = options.pageAttempts ?? 3;
	let restarts = 0;
	for (;;) {
		const records = new Map<string, Meta>();
		const skipped: Skipped[] = [];
		const projector = new Projector();
		let token: string | undefined;
		let resourceVersion = '';
		let pages = 0;
		let expired = false;
		do {
			let page: unknown;
			for (let attempt = 1; ; attempt++) {
				try {
					page = await client.getJson(path, { limit: String(options.pageSize), continue: token }, { accept: kind.listAccept, signal: options.signal });
					break;
				} catch (error) {
					if (error instanceof LiveError && error.failure === 'gone' && token !== undefined && restarts < 2) {
						expired = true;
						break;
					}
					if (attempt >= attempts || !isTransient(error, pages > 0) || options.signal?.aborted) throw error;
					await sleep((options.retryDelayMs ?? 500) * attempt, options.signal);
				}
			}
			if (expired) break;
			pages++;
			const body = obj(page);
			for (const item of arr(body['items'])) {
				const projected = projector.project(kind, item, skipped);
				if (projected) records.set(projected.key, projected.record);
			}
			const meta = obj(body['metadata']);
			resourceVersion = str(meta['resourceVersion']) || resourceVersion;
			token = str(meta['continue']) || undefined;
			options.onPage?.(records.size);
		} while (token !== undefined);
		if (!expired) return { records, resourceVersion, skipped, pages };
		// The continue token outlived the server's compaction window: read the kind again from the start.
		restarts++;
	}
}
