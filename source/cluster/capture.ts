/**
 * `kubewire capture`: everything kubewire reads from a live cluster, written as one JSON List
 * that `--fixtures` loads back (capture where the credentials are, study anywhere). The same
 * kinds, scope and read-only requests as the live loader; items are written page by page as
 * they arrive, so the capture never exists whole in memory.
 *
 * The List is plain Kubernetes (`apiVersion: v1`, `kind: List`, `items`), so any tool reads it;
 * what only kubewire needs rides in one extra top-level member, `kubewire` (see capture-record.ts):
 * which resources were read and which were unreadable (RBAC), so that loading the capture reports
 * them exactly as the live read did. Secrets are read as metadata only (as the live loader does)
 * and lose the last-applied-configuration annotation, which would carry their data.
 */
import { once, setMaxListeners } from 'node:events';
import type { Writable } from 'node:stream';
import { isObject, obj, type RawObject } from './raw.js';
import type { Unreadable } from './snapshot.js';
import { captureRecordKey, type CaptureRecord } from './capture-record.js';
import { isFatal, LiveError } from './live/errors.js';
import { AbortedError, ApiClient } from './live/http.js';
import { kubeProxyConfigMapPaths, liveKinds, type LiveKind } from './live/kinds.js';
import { loadKubeconfig } from './live/kubeconfig.js';
import { listPages } from './live/lister.js';
import { planScope } from './live/load.js';
import { rawKey } from './live/project.js';
import { tuningWith, type LiveTuning } from './live/tuning.js';
import { version } from '../version.js';

export interface CaptureRequest {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	notify: (line: string) => void;
	/** Called as pages arrive: objects written so far, per resource (for a progress line). */
	progress?: (counts: Record<string, number>) => void;
	tuning?: Partial<LiveTuning>;
}

export interface CaptureSummary {
	objects: number;
	record: CaptureRecord;
}

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/** One item as it is written: kind and apiVersion (list items omit them), no managedFields. */
export function captureItem(kind: Pick<LiveKind, 'kind' | 'apiVersion'>, raw: RawObject): RawObject {
	const metadata = { ...obj(raw['metadata']) };
	delete metadata['managedFields'];
	if (kind.kind === 'Secret') {
		// Metadata only, and not the annotation where `kubectl apply` keeps a copy of the data.
		const annotations = isObject(metadata['annotations']) ? { ...metadata['annotations'] } : undefined;
		if (annotations) {
			delete annotations[lastApplied];
			metadata['annotations'] = annotations;
		}
		return { apiVersion: kind.apiVersion, kind: kind.kind, metadata };
	}
	const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...rest } = raw;
	return { apiVersion: kind.apiVersion, kind: kind.kind, metadata, ...rest };
}

/** Writes the List as a stream of text, waiting when the destination is full. */
class ListWriter {
	private first = true;
	count = 0;

	constructor(private readonly out: Writable) {}

	async start(): Promise<void> {
		await this.write('{"apiVersion":"v1","kind":"List","items":[');
	}

	async items(objects: RawObject[]): Promise<void> {
		if (objects.length === 0) return;
		let text = '';
		for (const o of objects) {
			text += `${this.first ? '\n' : ',\n'}${JSON.stringify(o)}`;
			this.first = false;
		}
		this.count += objects.length;
		await this.write(text);
	}

	async end(record: CaptureRecord): Promise<void> {
		await this.write(`\n],"metadata":{"resourceVersion":""},${JSON.stringify(captureRecordKey)}:${JSON.stringify(record)}}\n`);
	}

	private async write(text: string): Promise<void> {
		if (!this.out.write(text)) await once(this.out, 'drain');
	}
}

function unreadableReason(error: LiveError): string {
	return error.failure === 'forbidden' ? 'forbidden' : 'not served by this API server (404)';
}

/** Reads the cluster of the kubeconfig's context and writes the capture to `out` (left open). */
export async function captureCluster(request: CaptureRequest, out: Writable, env: NodeJS.ProcessEnv = process.env): Promise<CaptureSummary> {
	const config = await loadKubeconfig(request, env);
	const tuning = tuningWith(request.tuning);
	const client = new ApiClient(config.kc, config.target, { requestMs: tuning.requestTimeoutMs, watchIdleMs: tuning.requestTimeoutMs });
	const controller = new AbortController();
	// Every kind's requests listen to this signal at once: that many listeners is expected.
	setMaxListeners(4 * (liveKinds.length + 1), controller.signal);
	try {
		const plan = await planScope(client, request, config.namespace, controller.signal);
		if (plan.notice) request.notify(plan.notice);
		const writer = new ListWriter(out);
		await writer.start();
		const counts: Record<string, number> = {};
		const unreadable: { order: number; entry: Unreadable }[] = [];
		const read: string[] = [];
		let fatal: unknown;
		const failed = (error: unknown) => {
			if (fatal === undefined && !(error instanceof AbortedError)) fatal = error;
			controller.abort();
		};
		const reads = liveKinds.map(async (kind, order) => {
			const namespace = kind.namespaced ? plan.namespace : '';
			// After an expired continue token the kind is read again: what was written stays, once.
			const written = new Set<string>();
			counts[kind.resource] = 0;
			try {
				await listPages(client, kind, namespace, { pageSize: tuning.pageSize, signal: controller.signal }, {
					restart: () => undefined,
					page: async (items) => {
						const fresh: RawObject[] = [];
						for (const item of items) {
							if (!isObject(item)) continue;
							const key = rawKey(kind, item);
							if (written.has(key)) continue;
							written.add(key);
							fresh.push(captureItem(kind, item));
						}
						await writer.items(fresh);
						counts[kind.resource] = written.size;
						request.progress?.(counts);
					},
				});
				read.push(kind.resource);
			} catch (error) {
				if (error instanceof LiveError && !isFatal(error)) unreadable.push({ order, entry: { resource: kind.resource, namespace, reason: unreadableReason(error) } });
				else failed(error);
			}
		});
		let proxyForbidden = false;
		const proxy = kubeProxyConfigMapPaths.map((path) =>
			client.getJson(path, {}, { signal: controller.signal }).then(
				async (raw) => {
					if (isObject(raw)) await writer.items([captureItem({ kind: 'ConfigMap', apiVersion: 'v1' }, raw)]);
				},
				(error: unknown) => {
					if (error instanceof LiveError && error.failure === 'forbidden') {
						// One entry for the ConfigMaps of kube-system, however many of kube-proxy's were refused.
						if (!proxyForbidden) unreadable.push({ order: liveKinds.length, entry: { resource: 'configmaps', namespace: 'kube-system', reason: 'forbidden' } });
						proxyForbidden = true;
					} else if (!(error instanceof LiveError && error.failure === 'notfound')) failed(error);
				},
			),
		);
		await Promise.all([...reads, ...proxy]);
		if (fatal !== undefined) throw fatal;
		const record: CaptureRecord = {
			capture: 1,
			kubewireVersion: version,
			takenAt: new Date().toISOString(),
			context: config.target.context,
			server: config.target.server,
			namespace: plan.namespace,
			read: liveKinds.map((k) => k.resource).filter((r) => read.includes(r)),
			unreadable: unreadable.sort((a, b) => a.order - b.order).map((u) => u.entry),
		};
		await writer.end(record);
		return { objects: writer.count, record };
	} finally {
		controller.abort();
		client.close();
	}
}
