/**
 * A live cluster as a SnapshotStream: the first read, then (when asked) one watch per kind that
 * keeps the store fresh. Watch events are batched so subscribers hear at most a few times a
 * second, each time with a new Snapshot; health() says whether the data is current.
 */
import { emptySnapshot, type Snapshot, type SnapshotChanges, type SnapshotOrigin, type SnapshotStream, type StreamHealth, type Unsubscribe } from '../snapshot.js';
import type { ResolvedKubeconfig } from './kubeconfig.js';
import { AbortedError, ApiClient } from './http.js';
import { formatSeconds } from './errors.js';
import { loadAll, planScope, type ReadPlan, type ScopeRequest } from './load.js';
import { liveKinds, type LiveKind } from './kinds.js';
import { listKind } from './lister.js';
import { LiveStore } from './store.js';
import type { LiveTuning } from './tuning.js';
import { KindWatcher } from './watcher.js';

export interface StreamRequest extends ScopeRequest {
	watch: boolean;
	notify: (line: string) => void;
	/** Progress lines for a slow one-time read (the TUI shows health().progress instead). */
	progressLines: boolean;
}

type LoadState = 'loading' | 'loaded' | 'error';

export class LiveStream implements SnapshotStream {
	private readonly client: ApiClient;
	private readonly listeners = new Set<() => void>();
	private snapshot: Snapshot;
	private store?: LiveStore;
	private watchers: KindWatcher[] = [];
	private loadState: LoadState = 'loading';
	private errorMessage?: string;
	private progress: Record<string, string> = {};
	private updatedAt?: string;
	private flushTimer?: NodeJS.Timeout;
	private progressTimer?: NodeJS.Timeout;
	private controller = new AbortController();
	/** While loading: whether the Services' list is in, and when a snapshot with them was last built. */
	private servicesIn = false;
	private rowsBuiltAt?: number;
	private rebuildTimer?: NodeJS.Timeout;
	private closed = false;
	private plan?: ReadPlan;

	constructor(
		private readonly config: ResolvedKubeconfig,
		private readonly request: StreamRequest,
		private readonly tuning: LiveTuning,
	) {
		this.client = new ApiClient(config.kc, config.target, {
			requestMs: tuning.requestTimeoutMs,
			watchIdleMs: (tuning.watchTimeoutSeconds * 1.5 + 30) * 1000,
		});
		this.snapshot = emptySnapshot(this.origin(undefined));
	}

	/** The non-interactive path: read everything once, or throw the one-line error. */
	async readOnce(): Promise<void> {
		try {
			await this.load();
		} finally {
			// Nothing more will be asked: idle keep-alive connections must not hold the process open.
			this.client.close();
		}
	}

	/** The TUI path: read in the background, then watch; failures show in health(). */
	startWatching(): void {
		void this.loadAndWatch();
	}

	current(): Snapshot {
		return this.snapshot;
	}

	changesSince(earlier: Snapshot): SnapshotChanges | undefined {
		return this.store?.changesSince(earlier);
	}

	subscribe(onChange: () => void): Unsubscribe {
		this.listeners.add(onChange);
		return () => {
			this.listeners.delete(onChange);
		};
	}

	health(): StreamHealth {
		const progress = { ...this.progress };
		if (this.loadState === 'loading') return { state: 'loading', message: `reading ${this.where()}`, progress };
		if (this.loadState === 'error') return { state: 'error', message: this.errorMessage, progress, updatedAt: this.updatedAt };
		if (!this.request.watch) return { state: 'static', message: `read once from ${this.where()}`, updatedAt: this.updatedAt };
		const troubled = this.watchers.filter((w) => w.failures > 0 && w.phase !== 'watching' && w.phase !== 'stopped');
		if (troubled.length > 0) {
			const first = troubled[0]!;
			const wait = first.phase === 'backoff' && first.retryAt ? `; retrying in ${formatSeconds(Math.max(0, Math.ceil((first.retryAt - Date.now()) / 1000)) * 1000)}` : '; reconnecting';
			const more = troubled.length > 1 ? ` (and ${troubled.length - 1} more kind${troubled.length > 2 ? 's' : ''})` : '';
			return {
				state: 'reconnecting',
				message: `watch ${first.kind.resource}: ${first.lastError ?? 'disconnected'}${wait}${more}`,
				updatedAt: this.updatedAt,
			};
		}
		return { state: 'live', message: `watching ${this.watchers.length} kinds on ${this.where()}`, updatedAt: this.updatedAt };
	}

	retry(): void {
		if (this.closed) return;
		if (this.loadState === 'error') {
			void this.loadAndWatch();
			return;
		}
		for (const watcher of this.watchers) watcher.retryNow();
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.controller.abort();
		for (const watcher of this.watchers) watcher.stop();
		this.watchers = [];
		clearTimeout(this.flushTimer);
		clearTimeout(this.progressTimer);
		clearTimeout(this.rebuildTimer);
		this.flushTimer = undefined;
		this.progressTimer = undefined;
		this.rebuildTimer = undefined;
		this.listeners.clear();
		this.client.close();
	}

	private where(): string {
		return `context ${this.config.target.context} (${this.config.target.server})`;
	}

	private origin(plan: ReadPlan | undefined): SnapshotOrigin {
		const { context, server } = this.config.target;
		const narrowed = plan?.notice ? `, namespace ${plan.namespace} only` : '';
		return { kind: 'live', description: `context ${context} at ${server}${narrowed}`, context, server };
	}

	private async loadAndWatch(): Promise<void> {
		if (this.closed) return;
		this.controller.abort();
		this.controller = new AbortController();
		for (const watcher of this.watchers) watcher.stop();
		this.watchers = [];
		this.loadState = 'loading';
		this.errorMessage = undefined;
		this.servicesIn = false;
		this.rowsBuiltAt = undefined;
		this.notifySoon();
		try {
			const versions = await this.load();
			if (this.closed) return;
			this.startWatchers(versions);
		} catch (error) {
			if (this.closed || error instanceof AbortedError) return;
			this.loadState = 'error';
			this.errorMessage = error instanceof Error ? error.message : String(error);
			this.notifySoon();
		}
	}

	private async load() {
		const signal = this.controller.signal;
		this.progress = {};
		const started = Date.now();
		let slow = false;
		// A fast read stays quiet; a slow one says what it is waiting for, then each kind as it is read.
		const slowTimer = this.request.watch || !this.request.progressLines
			? undefined
			: setTimeout(() => {
					slow = true;
					const pending = Object.entries(this.progress).filter(([, text]) => text.endsWith('…'));
					const what = pending.length > 0 ? pending.map(([resource, text]) => `${resource} ${text}`).join(', ') : 'waiting for the server';
					this.request.notify(`reading ${this.where()}: ${what}`);
				}, this.tuning.slowNoticeMs);
		try {
			this.plan = await planScope(this.client, this.request, this.config.namespace, signal);
			if (this.plan.notice) this.request.notify(this.plan.notice);
			const store = new LiveStore(this.origin(this.plan));
			// The TUI draws each kind as its list arrives: until then a kind reads as unreadable, so
			// no finding is drawn from its absence (a forbidden kind stays so until loadAll says why).
			const stillLoading = new Set(liveKinds.map((kind) => kind.resource));
			if (this.request.watch) {
				store.setLoading([...stillLoading]);
				this.store = store;
			}
			const versions = await loadAll(
				this.client,
				this.plan,
				store,
				{
					progress: (resource, text, done) => {
						this.progress[resource] = text;
						if (slow && done) this.request.notify(`read ${resource}: ${text} (${formatSeconds(Date.now() - started)})`);
						if (done && /^\d+$/.test(text) && stillLoading.delete(resource)) store.setLoading([...stillLoading]);
						if (done && resource === 'services') this.servicesIn = true;
						// Until the Services are in, a finished kind is drawn at once: the first rows
						// come with the Services. Once they are drawn, each finished kind meant a new
						// outline of every Service (a tenth of a second each at 10,000) on the thread
						// that reads the pods: those join the page counts' pace; the load's end is prompt.
						const drawnAlready = resource !== 'services' && !stillLoading.has('services');
						if (done && !drawnAlready) this.notifySoon();
						else this.progressSoon();
					},
					notice: (line) => this.request.notify(line),
				},
				{ pageSize: this.tuning.pageSize, signal },
			);
			store.setLoading([]);
			this.store = store;
			this.build(store);
			this.loadState = 'loaded';
			this.notifySoon();
			return versions;
		} finally {
			clearTimeout(slowTimer);
		}
	}

	private startWatchers(versions: Map<LiveKind, string>): void {
		const store = this.store;
		const plan = this.plan;
		if (!store || !plan) return;
		for (const [kind, resourceVersion] of versions) {
			const namespace = kind.namespaced ? plan.namespace : '';
			const watcher: KindWatcher = new KindWatcher(
				this.client,
				kind,
				namespace,
				resourceVersion,
				{
					upsert: (key, record) => {
						store.upsert(kind.list, key, record);
						this.notifySoon();
					},
					remove: (key) => {
						store.remove(kind.list, key);
						this.notifySoon();
					},
					replace: (records) => {
						store.replace(kind.list, records);
						this.notifySoon();
					},
					skipped: (entries) => store.addSkipped(entries),
					state: () => this.notifySoon(),
				},
				{
					backoff: { baseMs: this.tuning.backoffBaseMs, maxMs: this.tuning.backoffMaxMs },
					minHealthyMs: this.tuning.minHealthyWatchMs,
					// Spread renewals so the kinds do not all reconnect at the same moment.
					timeoutSeconds: () => Math.max(1, Math.round(this.tuning.watchTimeoutSeconds * (0.5 + Math.random()))),
					relist: (signal) =>
						listKind(this.client, kind, namespace, { pageSize: this.tuning.pageSize, signal }),
				},
			);
			this.watchers.push(watcher);
			watcher.start();
		}
	}

	private build(store: LiveStore): void {
		clearTimeout(this.rebuildTimer);
		this.rebuildTimer = undefined;
		this.snapshot = store.build();
		this.updatedAt = this.snapshot.takenAt;
		if (this.servicesIn) this.rowsBuiltAt = performance.now();
	}

	/**
	 * How long a new snapshot must wait (see LiveTuning.loadingRebuildMs): 0 outside a first read,
	 * and for the first one with the Services, which shows the rows.
	 */
	private rebuildWait(): number {
		if (this.loadState !== 'loading' || this.rowsBuiltAt === undefined) return 0;
		return Math.max(0, this.rowsBuiltAt + this.tuning.loadingRebuildMs - performance.now());
	}

	/** Subscribers hear about changes at most once per batch interval. */
	private notifySoon(): void {
		// A one-time read has no subscribers to tell, and must not keep the process waiting.
		if (!this.request.watch || this.closed || this.flushTimer) return;
		this.flushTimer = setTimeout(() => this.flush(), this.tuning.batchMs);
	}

	/** A count of objects read so far: told with the next change, or after the progress interval. */
	private progressSoon(): void {
		if (!this.request.watch || this.closed || this.flushTimer || this.progressTimer) return;
		this.progressTimer = setTimeout(() => this.flush(), this.tuning.progressMs);
	}

	private flush(): void {
		clearTimeout(this.flushTimer);
		clearTimeout(this.progressTimer);
		this.flushTimer = undefined;
		this.progressTimer = undefined;
		if (this.closed) return;
		if (this.store?.hasChanges()) {
			const wait = this.rebuildWait();
			// Not yet: the listeners hear the page counts now, the new snapshot when it is due.
			if (wait <= 0) this.build(this.store);
			else this.rebuildTimer ??= setTimeout(() => this.flush(), wait);
		}
		for (const listener of [...this.listeners]) {
			try {
				listener();
			} catch {
				// One subscriber's failure must not keep the others from hearing about the change.
			}
		}
	}
}
