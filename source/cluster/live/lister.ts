/**
 * Lists one kind the way big clusters need: pages of `limit` items followed by `continue`, each
 * page projected into records while the next one is on its way. A page that fails on the way (a
 * timeout, a reset) is asked again from the same token; an expired token starts the list over.
 */
import type { Meta, Skipped } from '../snapshot.js';
import { LiveError } from './errors.js';
import type { ApiClient } from './http.js';
import { listPath, type LiveKind } from './kinds.js';
import { Projector, type Projected } from './project.js';
import { metadataBeforeItems, readListPage } from './page.js';
import { str } from '../raw.js';

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
	let records = new Map<string, Meta>();
	let skipped: Skipped[] = [];
	let projector = new Projector();
	// This page's records, projected as its items are parsed; kept once the page is whole.
	let projected: Projected[] = [];
	let pageSkipped: Skipped[] = [];
	const project = (item: unknown) => {
		const record = projector.project(kind, item, pageSkipped);
		if (record) projected.push(record);
	};
	const { resourceVersion, pages } = await listPages(client, kind, namespace, options, {
		restart: () => {
			records = new Map();
			skipped = [];
			projector = new Projector();
		},
		each: project,
		undo: () => {
			projected = [];
			pageSkipped = [];
		},
		page: (items) => {
			for (const item of items) project(item);
			for (const { key, record } of projected) records.set(key, record);
			skipped.push(...pageSkipped);
			projected = [];
			pageSkipped = [];
			options.onPage?.(records.size);
		},
	});
	return { records, resourceVersion, skipped, pages };
}

export interface PageHandler {
	/**
	 * Each item of a page as soon as it is parsed (see readListPage); then `page` gets only the
	 * items that did not go here, and `undo` says those that did are void (the answer was read whole).
	 */
	each?: (item: unknown) => void;
	undo?: () => void;
	/** The items of one page, in order; a promise makes the next page wait (a slow writer). */
	page: (items: unknown[]) => void | Promise<void>;
	/** The continue token expired: the list starts over, everything handed over so far is stale. */
	restart: () => void;
}

type PageAnswer = { bytes: Buffer } | 'expired';

/**
 * Pages asked for beyond the one being handled: enough that the server prepares the next page
 * while this one is parsed, few enough that a server faster than kubewire cannot fill memory
 * with a whole kind at once.
 */
const pagesAhead = 2;

/** How many first bytes of an answer are searched for its continue token before the rest arrives. */
const headBytes = 64 * 1024;

/**
 * Every page of one kind, handed over in order. The next page is asked for as soon as this
 * one's continue token is known: the API server writes it first, so it is read from the first
 * bytes of the answer (page.ts), while the rest of the page is still arriving; the server
 * prepares page N+1 while kubewire receives and handles page N, so a long list costs about the
 * download and not download plus work. At most `pagesAhead` pages wait beyond the one handled.
 */
export async function listPages(
	client: ApiClient,
	kind: LiveKind,
	namespace: string,
	options: ListOptions,
	handler: PageHandler,
): Promise<{ resourceVersion: string; pages: number }> {
	const path = listPath(kind, namespace);
	const attempts = options.pageAttempts ?? 3;
	let restarts = 0;
	const fetchPage = async (token: string | undefined, midList: boolean, early: (token: string) => void): Promise<PageAnswer> => {
		// The token in the answer's first bytes, once; later attempts at the same page find the same one.
		const head = (bytes: Buffer): boolean => {
			const metadata = metadataBeforeItems(bytes);
			if (metadata === undefined) return bytes.length >= headBytes;
			const next = metadata === null ? '' : str(metadata['continue']);
			if (next !== '') early(next);
			return true;
		};
		for (let attempt = 1; ; attempt++) {
			try {
				return { bytes: await client.getBytes(path, { limit: String(options.pageSize), continue: token }, { accept: kind.listAccept, signal: options.signal, head }) };
			} catch (error) {
				if (error instanceof LiveError && error.failure === 'gone' && token !== undefined && restarts < 2) return 'expired';
				if (attempt >= attempts || !isTransient(error, midList) || options.signal?.aborted) throw error;
				await sleep((options.retryDelayMs ?? 500) * attempt, options.signal);
			}
		}
	};
	for (;;) {
		let resourceVersion = '';
		let pages = 0;
		let expired = false;
		// Pages asked for and not handed over yet, in order (each one's token came from the one before).
		const ahead: Promise<PageAnswer>[] = [];
		const asked = new Set<string>();
		// A token read while `pagesAhead` pages were already waiting: asked for when one is taken.
		let deferred: string | undefined;
		const ask = (token: string): void => {
			if (asked.has(token)) return;
			if (ahead.length >= pagesAhead) {
				deferred = token;
				return;
			}
			asked.add(token);
			const answer = fetchPage(token, true, ask);
			// Awaited when its turn comes; until then a failure must not count as unhandled.
			answer.catch(() => undefined);
			ahead.push(answer);
		};
		const take = (): Promise<PageAnswer> | undefined => {
			const next = ahead.shift();
			if (deferred !== undefined) {
				const token = deferred;
				deferred = undefined;
				ask(token);
			}
			return next;
		};
		ahead.push(fetchPage(undefined, false, ask));
		for (;;) {
			const pending = take();
			// The previous page's token was asked for before it was handed over (below).
			if (!pending) throw new Error(`internal: the next page of ${path} was never asked for`);
			const answer = await pending;
			if (answer === 'expired') {
				expired = true;
				break;
			}
			pages++;
			// A server that writes the token after the items: asked for once the walk reaches it.
			const page = readListPage(
				answer.bytes,
				(early) => {
					const token = str(early['continue']);
					if (token !== '') ask(token);
				},
				handler.each,
			);
			if (!page) throw client.notJson(path);
			if (handler.each && !page.streamed) handler.undo?.();
			resourceVersion = str(page.metadata['resourceVersion']) || resourceVersion;
			const token = str(page.metadata['continue']) || undefined;
			if (token !== undefined) ask(token);
			await handler.page(page.items);
			if (token === undefined) return { resourceVersion, pages };
		}
		if (!expired) return { resourceVersion, pages };
		// The continue token outlived the server's compaction window: read the kind again from the start.
		restarts++;
		handler.restart();
	}
}
