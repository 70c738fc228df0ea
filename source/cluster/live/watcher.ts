/**
 * Keeps one kind fresh: a watch from the list's resourceVersion, reconnected with backoff when
 * it fails, and a relist when the server says the version is too old (410 Gone). client-node's
 * informer stops for good after one error and re-watches in a hot loop when a stream closes at
 * once; this loop does neither.
 */
import type { Meta, Skipped } from '../snapshot.js';
import { obj, str } from '../raw.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { LiveError } from './errors.js';
import { AbortedError, type ApiClient, type WatchEvent } from './http.js';
import { listPath, type LiveKind } from './kinds.js';
import { Projector, rawKey } from './project.js';

export interface WatchSink {
	upsert(key: string, record: Meta): void;
	remove(key: string): void;
	replace(records: Map<string, Meta>): void;
	skipped(entries: Skipped[]): void;
	/** The watcher's state changed (for health). */
	state(): void;
}

export interface WatcherOptions {
	backoff: BackoffPolicy;
	/** A stream that ends sooner than this counts as a failure, so a server closing at once cannot cause a hot loop. */
	minHealthyMs: number;
	/** Asked of the server, so it ends the stream now and then and the watch is renewed. */
	timeoutSeconds: () => number;
	relist: (signal: AbortSignal) => Promise<{ records: Map<string, Meta>; resourceVersion: string; skipped: Skipped[] }>;
}

export type WatcherPhase = 'connecting' | 'watching' | 'backoff' | 'relisting' | 'stopped';

class GoneError extends Error {}

export class KindWatcher {
	phase: WatcherPhase = 'connecting';
	/** Why the last attempt failed, while failing. */
	lastError?: string;
	/** When the next attempt starts, while in backoff (epoch ms). */
	retryAt?: number;
	failures = 0;
	relists = 0;
	private readonly controller = new AbortController();
	private wake?: () => void;
	private readonly projector = new Projector();

	constructor(
		private readonly client: ApiClient,
		readonly kind: LiveKind,
		private readonly namespace: string,
		private resourceVersion: string,
		private readonly sink: WatchSink,
		private readonly options: WatcherOptions,
	) {}

	start(): void {
		void this.run();
	}

	stop(): void {
		this.phase = 'stopped';
		this.controller.abort();
		this.wake?.();
	}

	/** Skips the rest of a backoff pause (the user asked to retry). */
	retryNow(): void {
		this.wake?.();
	}

	private setPhase(phase: WatcherPhase): void {
		if (this.phase === 'stopped') return;
		this.phase = phase;
		this.sink.state();
	}

	private async run(): Promise<void> {
		const signal = this.controller.signal;
		let needRelist = this.resourceVersion === '';
		while (!signal.aborted) {
			const started = Date.now();
			let healthyFor = 0;
			try {
				if (needRelist) {
					this.setPhase('relisting');
					const result = await this.options.relist(signal);
					this.relists++;
					this.sink.replace(result.records);
					this.sink.skipped(result.skipped);
					this.resourceVersion = result.resourceVersion;
					needRelist = false;
				}
				this.setPhase('connecting');
				await this.client.watch(
					listPath(this.kind, this.namespace),
					{
						allowWatchBookmarks: 'true',
						resourceVersion: this.resourceVersion,
						timeoutSeconds: String(this.options.timeoutSeconds()),
					},
					{
						onOpen: () => {
							this.lastError = undefined;
							this.retryAt = undefined;
							this.setPhase('watching');
						},
						onEvent: (event) => this.apply(event),
					},
					{ accept: this.kind.watchAccept, signal },
				);
				healthyFor = Date.now() - started;
				if (healthyFor >= this.options.minHealthyMs) {
					this.failures = 0;
					continue;
				}
				this.failures++;
				this.lastError = 'the server ended the watch at once';
			} catch (error) {
				if (signal.aborted || error instanceof AbortedError) break;
				if (error instanceof GoneError || (error instanceof LiveError && error.failure === 'gone')) {
					// Too old to resume: read the kind again, then watch from the fresh version.
					needRelist = true;
					this.failures = 0;
					continue;
				}
				healthyFor = Date.now() - started;
				// A watch that ran well for a while starts its backoff afresh.
				this.failures = this.phase === 'watching' && healthyFor >= this.options.minHealthyMs ? 1 : this.failures + 1;
				this.lastError = error instanceof LiveError ? error.reason : (error as Error).message;
			}
			const delay = backoffDelay(this.failures, this.options.backoff);
			this.retryAt = Date.now() + delay;
			this.setPhase('backoff');
			await this.pause(delay);
		}
		this.phase = 'stopped';
	}

	private pause(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const timer = setTimeout(done, ms);
			timer.unref?.();
			const wake = () => done();
			this.wake = wake;
			function done() {
				clearTimeout(timer);
				resolve();
			}
		}).finally(() => {
			this.wake = undefined;
		});
	}

	private apply(event: WatchEvent): void {
		const object = obj(event.object);
		const rv = str(obj(object['metadata'])['resourceVersion']);
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED': {
				const skipped: Skipped[] = [];
				const projected = this.projector.project(this.kind, object, skipped);
				if (projected) this.sink.upsert(projected.key, projected.record);
				this.sink.skipped(skipped);
				break;
			}
			case 'DELETED':
				this.sink.remove(rawKey(this.kind, object));
				break;
			case 'BOOKMARK':
				break;
			case 'ERROR': {
				const code = Number(object['code']);
				if (code === 410) throw new GoneError('resource version too old');
				const message = str(object['message']) || `watch error ${Number.isFinite(code) ? code : ''}`.trim();
				throw new LiveError(this.client.target, 'server', `watch ${this.kind.resource}: ${message}`, Number.isFinite(code) ? code : undefined);
			}
			default:
				return;
		}
		if (rv) this.resourceVersion = rv;
	}
}
