/**
 * Turns what can go wrong between kubewire and an API server into one line a person can act on,
 * naming the context and the server. Network errors arrive as Node error codes, HTTP failures
 * as a status and the server's Status message; both end up here.
 */
import { InputError } from '../../errors.js';

/** Where requests go: the kubeconfig context and its server URL, for every error line. */
export interface Target {
	context: string;
	server: string;
}

export type FailureKind =
	| 'refused'
	| 'dns'
	| 'timeout'
	| 'tls'
	| 'network'
	| 'unauthorized'
	| 'forbidden'
	| 'notfound'
	| 'gone'
	| 'server'
	| 'credentials'
	| 'protocol';

/** A failed request; its message is the one line the user sees. */
export class LiveError extends InputError {
	override name = 'LiveError';
	constructor(
		readonly target: Target,
		readonly failure: FailureKind,
		readonly reason: string,
		readonly status?: number,
	) {
		super(`context ${target.context} (${target.server}): ${reason}`);
	}
}

/** HTTP statuses that end a whole load, as opposed to 403/404 which only make a kind unreadable. */
export function isFatal(error: unknown): boolean {
	if (!(error instanceof LiveError)) return true;
	return error.failure !== 'forbidden' && error.failure !== 'notfound' && error.failure !== 'gone';
}

const untrustedCertificate = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
]);

function firstLine(text: string): string {
	return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

/** The reason for a network-level error (no HTTP answer), from its Node error code. */
export function networkReason(error: unknown, timeoutMs: number): { failure: FailureKind; reason: string } {
	const e = error as NodeJS.ErrnoException & { host?: string; hostname?: string };
	const code = e?.code ?? '';
	if (code === 'ECONNREFUSED') return { failure: 'refused', reason: 'connection refused' };
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
		const host = e.hostname ?? e.host;
		return { failure: 'dns', reason: `cannot resolve ${host ? `host ${host}` : 'the server name'} (DNS)` };
	}
	if (code === 'ETIMEDOUT' || code === 'KUBEWIRE_TIMEOUT') {
		return { failure: 'timeout', reason: `no answer within ${formatSeconds(timeoutMs)}` };
	}
	if (untrustedCertificate.has(code)) {
		const detail = code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? 'self-signed' : 'unknown issuer';
		return {
			failure: 'tls',
			reason: `TLS certificate not trusted (${detail}; check certificate-authority in the kubeconfig)`,
		};
	}
	if (code === 'CERT_HAS_EXPIRED') return { failure: 'tls', reason: 'TLS certificate of the server has expired' };
	if (code === 'CERT_NOT_YET_VALID') return { failure: 'tls', reason: 'TLS certificate of the server is not valid yet (check the clock)' };
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return { failure: 'tls', reason: `TLS certificate does not match the server name (${firstLine(e.message ?? '')})` };
	}
	if (code.startsWith('ERR_SSL') || code === 'EPROTO' || code.startsWith('ERR_TLS')) {
		return { failure: 'tls', reason: `TLS handshake failed: ${firstLine(e.message ?? code)}` };
	}
	if (code === 'ECONNRESET') return { failure: 'network', reason: 'connection reset by the server' };
	if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { failure: 'network', reason: 'host unreachable' };
	if (code === 'EPIPE') return { failure: 'network', reason: 'connection closed by the server' };
	const message = firstLine(e?.message ?? String(error));
	return { failure: 'network', reason: message || 'request failed' };
}

/** `10 s`, `0.3 s`: the timeout as the error line says it. */
export function formatSeconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** The reason for an HTTP answer that is not 2xx, from its status and the server's Status message. */
export function httpReason(status: number, message: string, method: string, path: string): { failure: FailureKind; reason: string } {
	const said = firstLine(message);
	if (status === 401) return { failure: 'unauthorized', reason: 'credentials rejected (401): the token may have expired' };
	if (status === 403) return { failure: 'forbidden', reason: `forbidden (403)${said ? `: ${said}` : ''}` };
	if (status === 404) return { failure: 'notfound', reason: `${method} ${path}: not found (404)` };
	if (status === 410) return { failure: 'gone', reason: `${method} ${path}: resource version too old (410 Gone)` };
	return { failure: 'server', reason: `${method} ${path}: server answered ${status}${said ? `: ${said}` : ''}` };
}

/** The Status message of an error body, if it is one. */
export function statusMessage(body: string): string {
	try {
		const parsed: unknown = JSON.parse(body);
		if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
			return (parsed as { message: string }).message;
		}
	} catch {
		// Not a Status object: fall through to the raw text, shortened.
	}
	return body.slice(0, 200);
}

/** A credentials plugin (exec, token file, OIDC…) that failed before any request was sent. */
export function credentialsError(target: Target, error: unknown): LiveError {
	const e = error as NodeJS.ErrnoException;
	const text = e?.code === 'ENOENT' ? `command not found (${firstLine(e.message ?? '')})` : firstLine(e?.message ?? String(error));
	return new LiveError(target, 'credentials', `could not get credentials: ${text || 'the credentials plugin failed'}`);
}
