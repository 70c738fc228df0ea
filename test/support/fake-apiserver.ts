/**
 * A fake Kubernetes API server for the live tests: HTTPS on 127.0.0.1 with a CA of its own,
 * serving the kinds kubewire reads from fixture files (parsed with the project's own loader).
 * It answers like the real one where kubewire depends on it: paginated lists (limit/continue,
 * items without kind), single GETs, watch streams (ADDED/MODIFIED/DELETED/BOOKMARK, and ERROR
 * 410 when a resourceVersion is too old), PartialObjectMetadata for the metadata Accept header,
 * 401 for unknown credentials (bearer token or client certificate), 403 for resources or
 * namespaces a test forbids. Every request is logged, so tests can check what was asked.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createGzip, gzipSync } from 'node:zlib';
import { listFixtureFiles, parseDocuments, readTextFile } from '../../source/cluster/files.js';
import type { TestCerts } from './test-certs.js';

type Obj = Record<string, unknown>;

interface ResourceInfo {
	resource: string;
	kind: string;
	/** '' for the core group. */
	group: string;
	version: string;
	namespaced: boolean;
}

const resourceList: ResourceInfo[] = [
	{ resource: 'namespaces', kind: 'Namespace', group: '', version: 'v1', namespaced: false },
	{ resource: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false },
	{ resource: 'services', kind: 'Service', group: '', version: 'v1', namespaced: true },
	{ resource: 'endpoints', kind: 'Endpoints', group: '', version: 'v1', namespaced: true },
	{ resource: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true },
	{ resource: 'secrets', kind: 'Secret', group: '', version: 'v1', namespaced: true },
	{ resource: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true },
	{ resource: 'endpointslices', kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true },
	{ resource: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true },
	{ resource: 'ingressclasses', kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', namespaced: false },
	{ resource: 'networkpolicies', kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1', namespaced: true },
	{ resource: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true },
	{ resource: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true },
	{ resource: 'daemonsets', kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true },
	{ resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true },
	{ resource: 'replicationcontrollers', kind: 'ReplicationController', group: '', version: 'v1', namespaced: true },
	{ resource: 'jobs', kind: 'Job', group: 'batch', version: 'v1', namespaced: true },
	{ resource: 'cronjobs', kind: 'CronJob', group: 'batch', version: 'v1', namespaced: true },
	// The Gateway API's CRDs; tests leave them out with `unserved` to play a cluster without them.
	{ resource: 'gateways', kind: 'Gateway', group: 'gateway.networking.k8s.io', version: 'v1', namespaced: true },
	{ resource: 'gatewayclasses', kind: 'GatewayClass', group: 'gateway.networking.k8s.io', version: 'v1', namespaced: false },
	{ resource: 'httproutes', kind: 'HTTPRoute', group: 'gateway.networking.k8s.io', version: 'v1', namespaced: true },
	{ resource: 'grpcroutes', kind: 'GRPCRoute', group: 'gateway.networking.k8s.io', version: 'v1', namespaced: true },
	{ resource: 'referencegrants', kind: 'ReferenceGrant', group: 'gateway.networking.k8s.io', version: 'v1beta1', namespaced: true },
];
const byResource = new Map(resourceList.map((r) => [r.resource, r]));
const byKind = new Map(resourceList.map((r) => [r.kind, r]));

function apiVersionOf(info: ResourceInfo): string {
	return info.group ? `${info.group}/${info.version}` : info.version;
}

/**
 * A refusal: `namespace` undefined forbids the resource everywhere; '*' forbids only reading it
 * across all namespaces at once; a name forbids that namespace (and so the all-namespaces read).
 */
export interface ForbidRule {
	resource: string;
	namespace?: string;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	accept: string;
	authorization: string;
	/** The Accept-Encoding header as sent. */
	acceptEncoding: string;
	watch: boolean;
	status: number;
	/** The answer went out gzip-compressed. */
	gzipped?: boolean;
}

export interface FakeApiOptions {
	certs: TestCerts;
	/** Fixture files or directories, read with kubewire's own YAML/JSON loader. */
	fixtures?: string[];
	objects?: Obj[];
	/** Bearer tokens that authenticate (default: "good-token"). */
	tokens?: string[];
	/** Client certificate common names that authenticate (default: "cert-user"). */
	certUsers?: string[];
	/** The server never returns more than this many items per page, whatever limit says. */
	maxPageSize?: number;
	forbid?: ForbidRule[];
	/** Resources this server does not serve at all (404), like an old cluster without a group. */
	unserved?: string[];
	/** Listen on this port instead of a random one. */
	port?: number;
	/** Every answer waits this long first (a slow or distant server). */
	latencyMs?: number;
	/** Serve plain HTTP instead of HTTPS (kubectl allows http:// servers; so must kubewire). */
	plainHttp?: boolean;
	/** Never compress, whatever Accept-Encoding says (default: gzip when asked, as the API server does for lists). */
	noGzip?: boolean;
	/**
	 * For the requests it picks, a list answer is sent up to its items and the rest only once the
	 * promise settles: an answer still on its way, whose first bytes have arrived.
	 */
	holdItems?: (request: LoggedRequest) => Promise<void> | undefined;
}

/** A one-time failure: the next request the predicate picks is answered with `status`. */
export interface Interception {
	match: (request: LoggedRequest) => boolean;
	status: number;
	/** The answer's text as it is (default: a Status object saying the failure was injected). */
	body?: string;
}

interface WatchConnection {
	info: ResourceInfo;
	namespace: string;
	metadataOnly: boolean;
	res: ServerResponse;
}

interface StoredEvent {
	rv: number;
	type: string;
	object: Obj;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function metaOf(o: Obj): Obj {
	if (typeof o['metadata'] !== 'object' || o['metadata'] === null) o['metadata'] = {};
	return o['metadata'] as Obj;
}

function status(code: number, reason: string, message: string): Obj {
	return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function wantsMetadata(accept: string): boolean {
	return accept.includes('as=PartialObjectMetadata');
}

function partial(o: Obj): Obj {
	return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: clone(metaOf(o)) };
}

export class FakeApiServer {
	readonly requests: LoggedRequest[] = [];
	tokens: Set<string>;
	certUsers: Set<string>;
	forbid: ForbidRule[];
	unserved: Set<string>;
	maxPageSize: number;
	/** When set, watch requests are answered with this HTTP status instead of a stream. */
	watchFailure?: number;
	/** One-time failures, used up in order as requests match them. */
	interceptions: Interception[] = [];
	private readonly store = new Map<string, Map<string, Obj>>();
	private readonly history = new Map<string, StoredEvent[]>();
	/** Watches from a resourceVersion older than this get 410 Gone. */
	private readonly oldest = new Map<string, number>();
	private readonly watches = new Set<WatchConnection>();
	private rv = 100;
	private server!: http.Server;
	port = 0;

	private constructor(private readonly options: FakeApiOptions) {
		this.tokens = new Set(options.tokens ?? ['good-token']);
		this.certUsers = new Set(options.certUsers ?? ['cert-user']);
		this.forbid = options.forbid ?? [];
		this.unserved = new Set(options.unserved ?? []);
		this.maxPageSize = options.maxPageSize ?? 1000;
		for (const info of resourceList) this.store.set(info.resource, new Map());
		for (const o of this.fixtureObjects()) this.put(o);
	}

	static async start(options: FakeApiOptions): Promise<FakeApiServer> {
		const fake = new FakeApiServer(options);
		const handler = (req: IncomingMessage, res: ServerResponse) => {
			if (options.latencyMs) setTimeout(() => fake.handle(req, res), options.latencyMs);
			else fake.handle(req, res);
		};
		fake.server = options.plainHttp
			? http.createServer(handler)
			: https.createServer(
					{
						key: options.certs.serverKey,
						cert: options.certs.serverCert,
						ca: [options.certs.caCert],
						requestCert: true,
						rejectUnauthorized: false,
					},
					handler,
				);
		await new Promise<void>((resolve) => fake.server.listen(options.port ?? 0, '127.0.0.1', resolve));
		fake.port = (fake.server.address() as net.AddressInfo).port;
		return fake;
	}

	get url(): string {
		return `${this.options.plainHttp ? 'http' : 'https'}://127.0.0.1:${this.port}`;
	}

	async close(): Promise<void> {
		for (const w of this.watches) w.res.destroy();
		this.watches.clear();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Creates or replaces an object and tells the watchers (ADDED or MODIFIED). */
	apply(object: Obj): void {
		const o = clone(object);
		const info = this.infoOf(o);
		const existed = this.store.get(info.resource)!.has(this.keyOf(info, o));
		this.put(o);
		this.publish(info, existed ? 'MODIFIED' : 'ADDED', o);
	}

	/** Changes an object without any watch event: only a fresh list can see it. */
	applyQuietly(object: Obj): void {
		this.put(clone(object));
	}

	/** Deletes an object and tells the watchers (DELETED). */
	remove(resource: string, namespace: string, name: string): void {
		const info = byResource.get(resource)!;
		const key = info.namespaced ? `${namespace}/${name}` : `/${name}`;
		const o = this.store.get(resource)!.get(key);
		if (!o) return;
		this.store.get(resource)!.delete(key);
		metaOf(o)['resourceVersion'] = String(++this.rv);
		this.publish(info, 'DELETED', o);
	}

	/** Sends a BOOKMARK with the current resourceVersion to every watcher of `resource`. */
	bookmark(resource: string): void {
		const info = byResource.get(resource)!;
		for (const w of this.watches) {
			if (w.info !== info) continue;
			this.writeEvent(w, 'BOOKMARK', { kind: info.kind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(this.rv) } });
		}
	}

	/**
	 * Compacts the history of `resource`: open watches get ERROR 410 and end, and no watch may
	 * resume from any resourceVersion seen so far; a client must list again.
	 */
	expire(resource: string): void {
		const info = byResource.get(resource)!;
		this.oldest.set(resource, ++this.rv);
		this.history.set(resource, []);
		for (const w of [...this.watches]) {
			if (w.info !== info) continue;
			w.res.write(`${JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version') })}\n`);
			w.res.end();
			this.watches.delete(w);
		}
	}

	/** Cuts every open watch connection (a network failure, a restarted API server). */
	dropWatches(resource?: string): void {
		for (const w of [...this.watches]) {
			if (resource && w.info.resource !== resource) continue;
			w.res.socket?.destroy();
			this.watches.delete(w);
		}
	}

	/** Open watches, of one resource or all. */
	watchCount(resource?: string): number {
		return [...this.watches].filter((w) => !resource || w.info.resource === resource).length;
	}

	private fixtureObjects(): Obj[] {
		const out: Obj[] = [...(this.options.objects ?? []).map(clone)];
		const files = this.options.fixtures ? listFixtureFiles(this.options.fixtures) : [];
		const visit = (doc: unknown, impliedKind: string) => {
			if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return;
			const o = doc as Obj;
			const kind = typeof o['kind'] === 'string' && o['kind'] !== '' ? (o['kind'] as string) : impliedKind;
			if (Array.isArray(o['items']) && (kind === '' || kind.endsWith('List'))) {
				const itemKind = kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -4) : '';
				for (const item of o['items']) visit(item, itemKind);
				return;
			}
			if (byKind.has(kind)) out.push({ ...o, kind });
		};
		for (const file of files) for (const doc of parseDocuments(readTextFile(file), file)) visit(doc, '');
		return out;
	}

	private infoOf(o: Obj): ResourceInfo {
		const info = byKind.get(String(o['kind']));
		if (!info) throw new Error(`fake API server: no resource for kind ${String(o['kind'])}`);
		return info;
	}

	private keyOf(info: ResourceInfo, o: Obj): string {
		const m = metaOf(o);
		return info.namespaced ? `${String(m['namespace'] || 'default')}/${String(m['name'])}` : `/${String(m['name'])}`;
	}

	private put(o: Obj): void {
		const info = this.infoOf(o);
		const m = metaOf(o);
		if (info.namespaced && !m['namespace']) m['namespace'] = 'default';
		m['uid'] ??= randomUUID();
		m['resourceVersion'] = String(++this.rv);
		o['apiVersion'] = apiVersionOf(info);
		this.store.get(info.resource)!.set(this.keyOf(info, o), o);
	}

	private publish(info: ResourceInfo, type: string, o: Obj): void {
		const rv = Number(metaOf(o)['resourceVersion']);
		const list = this.history.get(info.resource) ?? [];
		list.push({ rv, type, object: clone(o) });
		this.history.set(info.resource, list);
		for (const w of this.watches) {
			if (w.info === info && this.inNamespace(w.namespace, o)) this.writeEvent(w, type, o);
		}
	}

	private inNamespace(namespace: string, o: Obj): boolean {
		return namespace === '' || metaOf(o)['namespace'] === namespace;
	}

	private writeEvent(w: WatchConnection, type: string, o: Obj): void {
		const object = w.metadataOnly && type !== 'BOOKMARK' ? partial(o) : o;
		w.res.write(`${JSON.stringify({ type, object })}\n`);
	}

	private authenticated(req: IncomingMessage): boolean {
		const header = req.headers.authorization ?? '';
		if (header.startsWith('Bearer ') && this.tokens.has(header.slice('Bearer '.length))) return true;
		const socket = req.socket as TLSSocket;
		if (socket.authorized && typeof socket.getPeerCertificate === 'function') {
			const cn = socket.getPeerCertificate()?.subject?.CN;
			if (typeof cn === 'string' && this.certUsers.has(cn)) return true;
		}
		return false;
	}

	private forbidden(resource: string, namespace: string): boolean {
		return this.forbid.some((rule) => {
			if (rule.resource !== resource) return false;
			if (rule.namespace === undefined) return true;
			if (namespace === '') return true; // any refusal in a namespace refuses the all-namespaces read
			return rule.namespace === namespace;
		});
	}

	private send(res: ServerResponse, log: LoggedRequest, code: number, body: Obj): void {
		log.status = code;
		const text = JSON.stringify(body);
		const held = code === 200 ? this.options.holdItems?.(log) : undefined;
		const items = text.indexOf('"items":[');
		if (held && items >= 0) {
			this.sendHeld(res, log, text, items + '"items":['.length, held);
			return;
		}
		if (!this.options.noGzip && /\bgzip\b/.test(log.acceptEncoding)) {
			log.gzipped = true;
			res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
			res.end(gzipSync(text));
			return;
		}
		res.writeHead(code, { 'Content-Type': 'application/json' });
		res.end(text);
	}

	/** The answer's first `split` characters now (flushed through gzip too), the rest after `held`. */
	private sendHeld(res: ServerResponse, log: LoggedRequest, text: string, split: number, held: Promise<void>): void {
		const gzip = !this.options.noGzip && /\bgzip\b/.test(log.acceptEncoding);
		log.gzipped = gzip;
		res.writeHead(200, { 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
		const out = gzip ? createGzip() : undefined;
		out?.pipe(res);
		const sink = out ?? res;
		sink.write(text.slice(0, split));
		out?.flush();
		void held.finally(() => sink.end(text.slice(split)));
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', 'https://fake');
		const query = Object.fromEntries(url.searchParams);
		const log: LoggedRequest = {
			method: req.method ?? '',
			path: url.pathname,
			query,
			accept: String(req.headers.accept ?? ''),
			authorization: String(req.headers.authorization ?? ''),
			acceptEncoding: String(req.headers['accept-encoding'] ?? ''),
			watch: query['watch'] === 'true' || query['watch'] === '1',
			status: 0,
		};
		this.requests.push(log);
		if (!this.authenticated(req)) {
			this.send(res, log, 401, status(401, 'Unauthorized', 'Unauthorized'));
			return;
		}
		const interception = this.interceptions.findIndex((i) => i.match(log));
		if (interception >= 0) {
			const { status: code, body } = this.interceptions.splice(interception, 1)[0]!;
			if (body !== undefined) {
				log.status = code;
				res.writeHead(code, { 'Content-Type': 'application/json' });
				res.end(body);
				return;
			}
			this.send(res, log, code, status(code, code === 410 ? 'Expired' : 'InternalError', `failure injected by the test (${code})`));
			return;
		}
		if (req.method !== 'GET') {
			this.send(res, log, 405, status(405, 'MethodNotAllowed', `${req.method} is not allowed by this fake`));
			return;
		}
		const route = this.route(url.pathname);
		if (!route || this.unserved.has(route.info.resource)) {
			this.send(res, log, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
			return;
		}
		const { info, namespace, name } = route;
		if (this.forbidden(info.resource, namespace)) {
			const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
			const verb = name ? 'get' : log.watch ? 'watch' : 'list';
			this.send(res, log, 403, status(403, 'Forbidden', `${info.resource} is forbidden: User "tester" cannot ${verb} resource "${info.resource}" in API group "${info.group}" ${where}`));
			return;
		}
		if (name !== undefined) {
			const o = this.store.get(info.resource)!.get(info.namespaced ? `${namespace}/${name}` : `/${name}`);
			if (!o) this.send(res, log, 404, status(404, 'NotFound', `${info.resource} "${name}" not found`));
			else this.send(res, log, 200, wantsMetadata(log.accept) ? partial(o) : clone(o));
			return;
		}
		if (log.watch) this.watch(req, res, log, info, namespace);
		else this.list(res, log, info, namespace);
	}

	private route(pathname: string): { info: ResourceInfo; namespace: string; name?: string } | undefined {
		const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
		let group = '';
		let version = '';
		let rest: string[];
		if (parts[0] === 'api') {
			version = parts[1] ?? '';
			rest = parts.slice(2);
		} else if (parts[0] === 'apis') {
			group = parts[1] ?? '';
			version = parts[2] ?? '';
			rest = parts.slice(3);
		} else return undefined;
		let namespace = '';
		if (rest[0] === 'namespaces' && rest.length >= 3) {
			namespace = rest[1]!;
			rest = rest.slice(2);
		}
		const info = byResource.get(rest[0] ?? '');
		if (!info || info.group !== group || info.version !== version || rest.length > 2) return undefined;
		if (namespace && !info.namespaced) return undefined;
		return { info, namespace, name: rest[1] };
	}

	private list(res: ServerResponse, log: LoggedRequest, info: ResourceInfo, namespace: string): void {
		const all = [...this.store.get(info.resource)!.entries()]
			.filter(([, o]) => this.inNamespace(namespace, o))
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([, o]) => o);
		const limit = Math.min(Number(log.query['limit'] || all.length || 1), this.maxPageSize);
		let offset = 0;
		const token = log.query['continue'];
		if (token) {
			const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: number; rv: number };
			if (parsed.rv < (this.oldest.get(info.resource) ?? 0)) {
				this.send(res, log, 410, status(410, 'Expired', 'The provided continue parameter is too old'));
				return;
			}
			offset = parsed.offset;
		}
		const page = all.slice(offset, offset + limit);
		const next = offset + limit < all.length ? Buffer.from(JSON.stringify({ offset: offset + limit, rv: this.rv })).toString('base64url') : undefined;
		const metadataOnly = wantsMetadata(log.accept);
		// Like the real server, list items carry neither kind nor apiVersion.
		const items = page.map((o) => {
			const copy = metadataOnly ? { metadata: clone(metaOf(o)) } : clone(o);
			delete (copy as Obj)['kind'];
			delete (copy as Obj)['apiVersion'];
			return copy;
		});
		this.send(res, log, 200, {
			kind: metadataOnly ? 'PartialObjectMetadataList' : `${info.kind}List`,
			apiVersion: metadataOnly ? 'meta.k8s.io/v1' : apiVersionOf(info),
			metadata: { resourceVersion: String(this.rv), ...(next ? { continue: next, remainingItemCount: all.length - offset - limit } : {}) },
			items,
		});
	}

	private watch(req: IncomingMessage, res: ServerResponse, log: LoggedRequest, info: ResourceInfo, namespace: string): void {
		if (this.watchFailure) {
			this.send(res, log, this.watchFailure, status(this.watchFailure, 'InternalError', 'watch refused by the test'));
			return;
		}
		log.status = 200;
		res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
		// The real server answers a watch at once, before any event.
		res.flushHeaders();
		const from = Number(log.query['resourceVersion'] || '0');
		const w: WatchConnection = { info, namespace, metadataOnly: wantsMetadata(log.accept), res };
		if (from > 0 && from < (this.oldest.get(info.resource) ?? 0)) {
			res.write(`${JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', `too old resource version: ${from}`) })}\n`);
			res.end();
			return;
		}
		for (const event of this.history.get(info.resource) ?? []) {
			if (event.rv > from && this.inNamespace(namespace, event.object)) this.writeEvent(w, event.type, event.object);
		}
		this.watches.add(w);
		const seconds = Number(log.query['timeoutSeconds'] || '0');
		const timer = seconds > 0 ? setTimeout(() => res.end(), seconds * 1000) : undefined;
		const forget = () => {
			clearTimeout(timer);
			this.watches.delete(w);
		};
		req.on('close', forget);
		res.on('close', forget);
	}
}

/** A TCP port that was just bound and released: connecting to it is refused. */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as net.AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A server that accepts connections and never says a word: for timeouts. */
export async function silentServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
	const sockets = new Set<net.Socket>();
	let connections = 0;
	const server = net.createServer((socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		connections: () => connections,
		close: async () => {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
