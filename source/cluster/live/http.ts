/**
 * The only way kubewire talks to an API server: GET requests over node:https, with credentials
 * from client-node's KubeConfig (token, client certificate, exec and auth-provider plugins).
 *
 * Why not client-node's typed API clients: they deserialise whole lists into class instances
 * (the bottleneck on big clusters, see reference scale notes), have no request timeout, and give
 * errors in several shapes. Raw JSON pages projected at once keep memory flat, every request here
 * has a deadline, and every failure becomes one LiveError line. Only GET is ever sent.
 */
import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createGunzip } from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';
import { version } from '../../version.js';
import { credentialsError, httpReason, LiveError, networkReason, statusMessage, type Target } from './errors.js';

export interface HttpTimeouts {
	/** Connecting and getting an answer (and, for lists, each pause in the body). */
	requestMs: number;
	/** A watch stream with no byte for this long is treated as dead. */
	watchIdleMs: number;
}

/** What the credentials resolved to; fetched once and again after a 401 (tokens expire). */
interface Session {
	agent: http.Agent;
	headers: Record<string, string>;
	auth?: string;
}

export interface WatchEvent {
	type: string;
	object: Record<string, unknown>;
}

/** Tells a watch caller the stream is open (headers received), before any event. */
export interface WatchHandlers {
	onOpen?: () => void;
	onEvent: (event: WatchEvent) => void;
}

function timeoutError(): NodeJS.ErrnoException {
	const e: NodeJS.ErrnoException = new Error('request timed out');
	e.code = 'KUBEWIRE_TIMEOUT';
	return e;
}

export class AbortedError extends Error {
	override name = 'AbortError';
}

type Query = Record<string, string | undefined>;

export class ApiClient {
	private session?: Promise<Session>;
	private pool?: { agent: http.Agent; material: string };
	private readonly base: URL;

	constructor(
		private readonly kc: KubeConfig,
		readonly target: Target,
		private readonly timeouts: HttpTimeouts,
	) {
		this.base = new URL(target.server);
	}

	/** GET `path` and parse the JSON answer. */
	async getJson(path: string, query: Query, options: { accept?: string; signal?: AbortSignal } = {}): Promise<unknown> {
		const body = await this.getBytes(path, query, options);
		try {
			return JSON.parse(body.toString('utf8')) as unknown;
		} catch {
			throw this.notJson(path);
		}
	}

	/**
	 * GET `path` and the answer's bytes (gunzipped), for a caller that reads them as they are
	 * (a list page: its continue token is wanted before the items are parsed). `head` sees the
	 * bytes received so far as they arrive, until it says it has what it wanted (true).
	 */
	async getBytes(path: string, query: Query, options: { accept?: string; signal?: AbortSignal; head?: (bytes: Buffer) => boolean } = {}): Promise<Buffer> {
		const res = await this.open(path, query, options.accept, options.signal);
		return this.readBody(res, options.signal, options.head);
	}

	/** The one line for an answer that should have been JSON and is not. */
	notJson(path: string): LiveError {
		return new LiveError(this.target, 'protocol', `GET ${path}: the answer is not JSON`);
	}

	/**
	 * Opens a watch and feeds its events to `handlers` until the server ends the stream (resolves)
	 * or something fails (rejects). A handler that throws ends the watch with that error.
	 */
	async watch(path: string, query: Query, handlers: WatchHandlers, options: { accept?: string; signal?: AbortSignal } = {}): Promise<void> {
		const res = await this.open(path, { ...query, watch: 'true' }, options.accept, options.signal);
		handlers.onOpen?.();
		await new Promise<void>((resolve, reject) => {
			let pending = '';
			let settled = false;
			let idle: NodeJS.Timeout | undefined;
			const finish = (error?: unknown) => {
				if (settled) return;
				settled = true;
				clearTimeout(idle);
				options.signal?.removeEventListener('abort', onAbort);
				if (error) {
					res.destroy();
					reject(error);
				} else resolve();
			};
			const armIdle = () => {
				clearTimeout(idle);
				idle = setTimeout(() => finish(this.networkError(timeoutError(), this.timeouts.watchIdleMs)), this.timeouts.watchIdleMs);
			};
			const onAbort = () => finish(new AbortedError('aborted'));
			if (options.signal?.aborted) {
				onAbort();
				return;
			}
			options.signal?.addEventListener('abort', onAbort);
			armIdle();
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				armIdle();
				pending += chunk;
				let newline = pending.indexOf('\n');
				while (newline >= 0 && !settled) {
					const line = pending.slice(0, newline).trim();
					pending = pending.slice(newline + 1);
					newline = pending.indexOf('\n');
					if (line === '') continue;
					let event: WatchEvent;
					try {
						event = JSON.parse(line) as WatchEvent;
					} catch {
						// A garbled stream cannot be trusted to resume correctly: end it and reconnect.
						finish(new LiveError(this.target, 'protocol', `watch ${path}: a line of the stream is not JSON`));
						return;
					}
					try {
						handlers.onEvent(event);
					} catch (error) {
						finish(error);
						return;
					}
				}
			});
			res.on('end', () => finish());
			res.on('error', (error) => finish(this.networkError(error, this.timeouts.requestMs)));
			res.on('close', () => finish(res.complete ? undefined : new LiveError(this.target, 'network', 'watch stream cut off')));
		});
	}

	/** Closes the connection pool; a request after this opens new connections. */
	close(): void {
		this.session = undefined;
		this.pool?.agent.destroy();
		this.pool = undefined;
	}

	private getSession(): Promise<Session> {
		this.session ??= this.makeSession().catch((error: unknown) => {
			this.session = undefined;
			throw error;
		});
		return this.session;
	}

	/** After a 401, ask for credentials again, once for all the requests that shared them. */
	private invalidate(used: Promise<Session>): void {
		if (this.session === used) this.session = undefined;
	}

	private async makeSession(): Promise<Session> {
		const opts: https.RequestOptions = { headers: {} };
		try {
			// Token, token file, exec plugin, auth providers, client certificates, basic auth.
			await this.kc.applyToHTTPSOptions(opts);
		} catch (error) {
			throw credentialsError(this.target, error);
		}
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(opts.headers ?? {})) {
			if (typeof value === 'string' || typeof value === 'number') headers[key] = String(value);
		}
		return { agent: await this.agentFor(opts), headers, auth: typeof opts.auth === 'string' ? opts.auth : undefined };
	}

	/**
	 * One keep-alive pool while the TLS material stays the same. New credentials rarely bring a
	 * new client certificate; when they do, the old pool is retired once its requests had time
	 * to finish, never under a request still reading its answer.
	 */
	private async agentFor(opts: https.RequestOptions): Promise<http.Agent> {
		const cluster = this.kc.getCurrentCluster();
		if (cluster?.proxyUrl && opts.agent instanceof http.Agent) return opts.agent;
		let ca = opts.ca;
		if (!ca && this.base.protocol === 'https:') {
			// client-node applies the CA only when the context has a user; anonymous contexts need it too.
			const { bufferFromFileOrString } = await import('@kubernetes/client-node');
			try {
				ca = bufferFromFileOrString(cluster?.caFile, cluster?.caData) ?? undefined;
			} catch (error) {
				throw credentialsError(this.target, error);
			}
		}
		const material = createHash('sha256')
			.update(String(ca ?? ''))
			.update('\0')
			.update(String(opts.cert ?? ''))
			.update('\0')
			.update(String(opts.key ?? ''))
			.digest('hex');
		if (this.pool?.material === material) return this.pool.agent;
		const agent =
			this.base.protocol === 'http:'
				? new http.Agent({ keepAlive: true })
				: new https.Agent({
						keepAlive: true,
						ca,
						cert: opts.cert,
						key: opts.key,
						pfx: opts.pfx,
						passphrase: opts.passphrase,
						servername: opts.servername,
						// Verification stays on unless the kubeconfig says insecure-skip-tls-verify.
						rejectUnauthorized: !cluster?.skipTLSVerify,
					});
		const old = this.pool;
		this.pool = { agent, material };
		if (old) setTimeout(() => old.agent.destroy(), this.timeouts.requestMs * 3).unref();
		return agent;
	}

	private url(path: string, query: Query): URL {
		const url = new URL(this.base.href);
		url.pathname = `${this.base.pathname.replace(/\/+$/, '')}${path}`;
		url.search = '';
		for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
		return url;
	}

	/** Sends the GET and resolves with a 2xx answer; anything else becomes a LiveError. */
	private async open(path: string, query: Query, accept: string | undefined, signal: AbortSignal | undefined): Promise<IncomingMessage> {
		for (let attempt = 0; ; attempt++) {
			const used = this.getSession();
			const session = await used;
			const res = await this.send(session, this.url(path, query), accept, signal);
			const status = res.statusCode ?? 0;
			if (status >= 200 && status < 300) return res;
			const body = await this.readBody(res, signal).then((bytes) => bytes.toString('utf8'), () => '');
			if (status === 401 && attempt === 0) {
				// The token may have expired since the session began: ask the credentials again, once.
				this.invalidate(used);
				continue;
			}
			const { failure, reason } = httpReason(status, statusMessage(body), 'GET', path);
			throw new LiveError(this.target, failure, reason, status);
		}
	}

	private send(session: Session, url: URL, accept: string | undefined, signal: AbortSignal | undefined): Promise<IncomingMessage> {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) {
				reject(new AbortedError('aborted'));
				return;
			}
			const client = url.protocol === 'http:' ? http : https;
			const req = client.request({
				protocol: url.protocol,
				hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
				port: url.port || undefined,
				path: `${url.pathname}${url.search}`,
				method: 'GET',
				agent: session.agent,
				auth: session.auth,
				headers: {
					...session.headers,
					Accept: accept ?? 'application/json',
					// As kubectl does: the API server compresses big answers (lists), about tenfold
					// for JSON. Watches stay plain: their events must arrive as they happen.
					...(url.searchParams.get('watch') === 'true' ? {} : { 'Accept-Encoding': 'gzip' }),
					'User-Agent': `kubewire/${version}`,
				},
			});
			const deadline = setTimeout(() => req.destroy(timeoutError()), this.timeouts.requestMs);
			const onAbort = () => req.destroy(new AbortedError('aborted'));
			signal?.addEventListener('abort', onAbort, { once: true });
			req.on('response', (res) => {
				clearTimeout(deadline);
				signal?.removeEventListener('abort', onAbort);
				resolve(res);
			});
			req.on('error', (error) => {
				clearTimeout(deadline);
				signal?.removeEventListener('abort', onAbort);
				reject(error instanceof AbortedError ? error : this.networkError(error, this.timeouts.requestMs));
			});
			req.end();
		});
	}

	/**
	 * Reads a whole answer, gunzipped when the server compressed it; a body that stalls longer
	 * than the request timeout fails.
	 */
	private readBody(res: IncomingMessage, signal: AbortSignal | undefined, head?: (bytes: Buffer) => boolean): Promise<Buffer> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let watching = head;
			let idle: NodeJS.Timeout | undefined;
			let settled = false;
			const gzipped = /^\s*(x-)?gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''));
			const body = gzipped ? res.pipe(createGunzip()) : res;
			const fail = (error: unknown) => {
				if (settled) return;
				settled = true;
				clearTimeout(idle);
				signal?.removeEventListener('abort', onAbort);
				res.destroy();
				if (body !== res) body.destroy();
				reject(error);
			};
			const arm = () => {
				clearTimeout(idle);
				idle = setTimeout(() => fail(this.networkError(timeoutError(), this.timeouts.requestMs)), this.timeouts.requestMs);
			};
			const onAbort = () => fail(new AbortedError('aborted'));
			signal?.addEventListener('abort', onAbort, { once: true });
			arm();
			// The deadline counts bytes from the network, compressed or not.
			res.on('data', arm);
			body.on('data', (chunk: Buffer) => {
				chunks.push(chunk);
				if (watching && watching(chunks.length === 1 ? chunk : Buffer.concat(chunks))) watching = undefined;
			});
			body.on('end', () => {
				if (settled) return;
				settled = true;
				clearTimeout(idle);
				signal?.removeEventListener('abort', onAbort);
				resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
			});
			res.on('error', (error) => fail(this.networkError(error, this.timeouts.requestMs)));
			if (body !== res) body.on('error', () => fail(new LiveError(this.target, 'protocol', 'the answer is not valid gzip')));
		});
	}

	private networkError(error: unknown, timeoutMs: number): LiveError {
		if (error instanceof LiveError) return error;
		const { failure, reason } = networkReason(error, timeoutMs);
		return new LiveError(this.target, failure, reason);
	}
}
