/**
 * What each network failure says. Most are also reached for real in errors.test.ts; the ones a
 * test machine cannot produce on demand (DNS, an expired or mismatched certificate, a reset)
 * are checked here from the error codes Node gives for them.
 */
import { describe, expect, it } from 'vitest';
import { httpReason, LiveError, networkReason } from '../../source/cluster/live/errors.js';

function coded(code: string, extra: Record<string, unknown> = {}): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code} happened\nsecond line`), { code, ...extra });
}

describe('networkReason', () => {
	it.each([
		['ECONNREFUSED', 'refused', 'connection refused'],
		['ETIMEDOUT', 'timeout', 'no answer within 10 s'],
		['KUBEWIRE_TIMEOUT', 'timeout', 'no answer within 10 s'],
		['ECONNRESET', 'network', 'connection reset by the server'],
		['EHOSTUNREACH', 'network', 'host unreachable'],
		['CERT_HAS_EXPIRED', 'tls', 'TLS certificate of the server has expired'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', 'TLS certificate not trusted (self-signed; check certificate-authority in the kubeconfig)'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', 'TLS certificate not trusted (unknown issuer; check certificate-authority in the kubeconfig)'],
	])('%s → %s', (code, failure, reason) => {
		expect(networkReason(coded(code), 10_000)).toEqual({ failure, reason });
	});

	it('names the host that DNS could not resolve', () => {
		expect(networkReason(coded('ENOTFOUND', { hostname: 'api.cluster.invalid' }), 10_000)).toEqual({
			failure: 'dns',
			reason: 'cannot resolve host api.cluster.invalid (DNS)',
		});
		expect(networkReason(coded('EAI_AGAIN', { hostname: 'k8s.lan' }), 10_000).failure).toBe('dns');
	});

	it('says when the certificate is for another name, in one line', () => {
		const { failure, reason } = networkReason(coded('ERR_TLS_CERT_ALTNAME_INVALID'), 10_000);
		expect(failure).toBe('tls');
		expect(reason).toBe('TLS certificate does not match the server name (ERR_TLS_CERT_ALTNAME_INVALID happened)');
	});

	it('keeps an unknown error to its first line', () => {
		expect(networkReason(coded('EWHATEVER'), 10_000).reason).toBe('EWHATEVER happened');
	});

	it('writes sub-second timeouts with one decimal', () => {
		expect(networkReason(coded('KUBEWIRE_TIMEOUT'), 250).reason).toBe('no answer within 0.3 s');
	});
});

describe('httpReason', () => {
	it('gives the first line of the server Status message', () => {
		expect(httpReason(500, 'etcd leader changed\nmore', 'GET', '/api/v1/pods')).toEqual({
			failure: 'server',
			reason: 'GET /api/v1/pods: server answered 500: etcd leader changed',
		});
		expect(httpReason(403, 'pods is forbidden', 'GET', '/api/v1/pods').failure).toBe('forbidden');
		expect(httpReason(410, '', 'GET', '/api/v1/pods').failure).toBe('gone');
	});

	it('every LiveError message names the context and server first', () => {
		const error = new LiveError({ context: 'kind-dev', server: 'https://127.0.0.1:6443' }, 'refused', 'connection refused');
		expect(error.message).toBe('context kind-dev (https://127.0.0.1:6443): connection refused');
	});
});
