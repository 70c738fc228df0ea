/**
 * The first full read of a cluster: decide which namespaces to read, then list every kind in
 * parallel (paginated) and GET kube-proxy's ConfigMap. A kind the user may not read (403), or
 * that the server does not serve (404), becomes an `unreadable` entry; anything else that fails
 * (no connection, TLS, expired credentials) stops the whole read with one line.
 */
import { setMaxListeners } from 'node:events';
import { addObject, proxyConfigUnreadable } from '../normalize.js';
import { isObject } from '../raw.js';
import { emptySnapshot, type Unreadable } from '../snapshot.js';
import { isFatal, LiveError } from './errors.js';
import { AbortedError, type ApiClient } from './http.js';
import { kubeProxyConfigMapPaths, liveKinds, type LiveKind } from './kinds.js';
import { listKind } from './lister.js';
import type { LiveStore } from './store.js';

export interface ScopeRequest {
	namespace?: string;
	allNamespaces: boolean;
}

export interface ReadPlan {
	/** '' reads every namespace. */
	namespace: string;
	/** Set when kubewire chose a narrower scope than asked, to tell the user in one line. */
	notice?: string;
}

function isForbidden(error: unknown): boolean {
	return error instanceof LiveError && error.failure === 'forbidden';
}

/**
 * -n reads one namespace, -A insists on all of them. Otherwise every namespace when the user may
 * list Services and Pods cluster-wide, else the context's namespace.
 */
export async function planScope(client: ApiClient, request: ScopeRequest, contextNamespace: string, signal: AbortSignal): Promise<ReadPlan> {
	if (request.allNamespaces) return { namespace: '' };
	if (request.namespace) return { namespace: request.namespace };
	const probes = ['services', 'pods'].map((resource) =>
		client.getJson(`/api/v1/${resource}`, { limit: '1' }, { signal }).then(
			() => true,
			(error: unknown) => {
				if (isForbidden(error)) return false;
				throw error;
			},
		),
	);
	const allowed = await Promise.all(probes);
	if (allowed.every(Boolean)) return { namespace: '' };
	const namespace = contextNamespace || 'default';
	return {
		namespace,
		notice: `not allowed to list Services and Pods in every namespace; reading namespace ${namespace} only (the context's namespace; -n picks another)`,
	};
}

export interface LoadHooks {
	/** Per resource: "1500…" while reading, the count when done, "forbidden" when refused. */
	progress: (resource: string, text: string, done: boolean) => void;
	/** One line for the user, said once per load ("Gateway API not installed"). */
	notice?: (line: string) => void;
}

function unreadableReason(error: LiveError): string {
	return error.failure === 'forbidden' ? 'forbidden' : 'not served by this API server (404)';
}

/** Reads everything into `store`; resolves with the resourceVersion each readable kind was listed at. */
export async function loadAll(
	client: ApiClient,
	plan: ReadPlan,
	store: LiveStore,
	hooks: LoadHooks,
	options: { pageSize: number; signal: AbortSignal },
): Promise<Map<LiveKind, string>> {
	const controller = new AbortController();
	// Every kind's request listens to this signal at once: that many listeners is expected.
	setMaxListeners(4 * (liveKinds.length + 1), controller.signal);
	const stop = () => controller.abort();
	options.signal.addEventListener('abort', stop, { once: true });
	let fatal: unknown;
	const failed = (error: unknown) => {
		if (fatal === undefined && !(error instanceof AbortedError)) fatal = error;
		controller.abort();
	};
	const unreadable: { order: number; entry: Unreadable }[] = [];
	const absent: { order: number; kind: LiveKind; namespace: string }[] = [];
	const versions = new Map<LiveKind, string>();
	const read = async (kind: LiveKind, order: number): Promise<void> => {
		const namespace = kind.namespaced ? plan.namespace : '';
		hooks.progress(kind.resource, '0…', false);
		try {
			const result = await listKind(client, kind, namespace, {
				pageSize: options.pageSize,
				signal: controller.signal,
				onPage: (count) => hooks.progress(kind.resource, `${count}…`, false),
			});
			store.replace(kind.list, result.records);
			store.addSkipped(result.skipped);
			versions.set(kind, result.resourceVersion);
			hooks.progress(kind.resource, String(result.records.size), true);
		} catch (error) {
			if (error instanceof LiveError && error.failure === 'notfound' && kind.optionalApi) {
				absent.push({ order, kind, namespace });
				store.replace(kind.list, new Map());
				hooks.progress(kind.resource, 'not installed', true);
			} else if (error instanceof LiveError && !isFatal(error)) {
				unreadable.push({ order, entry: { resource: kind.resource, namespace, reason: unreadableReason(error) } });
				hooks.progress(kind.resource, unreadableReason(error), true);
			} else failed(error);
		}
	};
	const proxy = readProxyConfig(client, store, controller.signal).then(
		(entry) => {
			if (entry) unreadable.push({ order: liveKinds.length, entry });
		},
		failed,
	);
	// Services first, alone: the TUI draws their rows as soon as their list is in, and on a large
	// cluster the pod pages would otherwise share the connection and the parser with them (at
	// 10,000 Services the rows came after seconds instead of about one). The other kinds follow
	// at once, in parallel. `read` never rejects: a failure is recorded and ends the load below.
	const kinds = liveKinds.map((kind, order) => ({ kind, order }));
	const first = kinds.filter(({ kind }) => kind.resource === 'services');
	await Promise.all(first.map(({ kind, order }) => read(kind, order)));
	const reads = kinds.filter((k) => !first.includes(k)).map(({ kind, order }) => read(kind, order));
	await Promise.all([...reads, proxy]);
	options.signal.removeEventListener('abort', stop);
	if (options.signal.aborted) throw new AbortedError('closed');
	if (fatal !== undefined) throw fatal;
	unreadable.push(...optionalApisAbsent(absent, hooks));
	store.setUnreadable(unreadable.sort((a, b) => a.order - b.order).map((u) => u.entry));
	return versions;
}

/**
 * An optional API whose first kind is not served is not installed: normal, said once, and its
 * kinds are simply empty. A kind that is missing while the API's first kind is served (an older
 * install without GRPCRoute, say) is unreadable, so no finding is drawn from its absence.
 */
function optionalApisAbsent(absent: { order: number; kind: LiveKind; namespace: string }[], hooks: LoadHooks): { order: number; entry: Unreadable }[] {
	const out: { order: number; entry: Unreadable }[] = [];
	const apis = new Set(absent.map((a) => a.kind.optionalApi!));
	for (const api of apis) {
		const first = liveKinds.find((k) => k.optionalApi === api);
		const notInstalled = absent.some((a) => a.kind === first);
		if (notInstalled) {
			hooks.notice?.(`${api} not installed (its CRDs are not served): there is no ${api} routing to check`);
			continue;
		}
		for (const a of absent.filter((x) => x.kind.optionalApi === api)) {
			out.push({ order: a.order, entry: { resource: a.kind.resource, namespace: a.namespace, reason: 'not served by this API server (404)' } });
		}
	}
	return out;
}

/**
 * kube-proxy's ConfigMaps (kubeadm's, EKS's) and Cilium's, those there are and may be read, into one scratch
 * snapshot that keeps the better one. Returns an unreadable entry on 403 or when the configuration
 * could not be parsed.
 */
async function readProxyConfig(client: ApiClient, store: LiveStore, signal: AbortSignal): Promise<Unreadable | undefined> {
	const scratch = emptySnapshot({ kind: 'live', description: 'kube-proxy ConfigMap' });
	for (const path of kubeProxyConfigMapPaths) {
		let raw: unknown;
		try {
			raw = await client.getJson(path, {}, { signal });
		} catch (error) {
			if (isForbidden(error)) return { resource: 'configmaps', namespace: 'kube-system', reason: 'forbidden' };
			if (error instanceof LiveError && error.failure === 'notfound') continue;
			throw error;
		}
		if (!isObject(raw)) continue;
		const reason = addObject(scratch, 'ConfigMap', raw);
		if (reason) store.addSkipped([{ origin: 'API server', kind: 'ConfigMap', name: `kube-system/${path.slice(path.lastIndexOf('/') + 1)}`, reason }]);
	}
	store.setProxyConfig(scratch.proxyConfig, scratch.ciliumKubeProxyReplacement);
	return proxyConfigUnreadable(scratch.proxyConfig);
}

