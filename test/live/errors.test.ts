/**
 * Every way of not reaching the cluster ends in one line that names the context and the server
 * and says what to look at: wrong token, wrong or missing CA, unknown context, nothing listening,
 * no answer, a failing credentials plugin. Certificate and exec credentials that are right work.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../source/errors.js';
import { openLive } from '../../source/cluster/live.js';
import { LiveError } from '../../source/cluster/live/errors.js';
import { closedPort, silentServer, type FakeApiServer } from '../support/fake-apiserver.js';
import { tempDir, type TestContext } from '../support/kubeconfig-file.js';
import { fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake, testCerts } from '../support/live-harness.js';

let fake: FakeApiServer;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(() => fake.close());

async function failure(contexts: TestContext[], extra: Parameters<typeof liveRequest>[1] = {}): Promise<Error> {
	try {
		const stream = await openLive(liveRequest(kubeconfigFor(contexts), extra), isolatedEnv);
		stream.close?.();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		expect((error as Error).message).not.toContain('\n');
		return error as Error;
	}
	throw new Error('expected openLive to fail');
}

async function services(contexts: TestContext[]): Promise<string[]> {
	const stream = await openLive(liveRequest(kubeconfigFor(contexts)), isolatedEnv);
	const names = stream.current().services.map((s) => s.name);
	stream.close?.();
	return names;
}

describe('one line per failure', () => {
	it('a rejected token: 401, naming context and server', async () => {
		const error = await failure([fakeContext(fake, { token: 'expired-token' })]);
		expect(error.message).toBe(`context fake (${fake.url}): credentials rejected (401): the token may have expired`);
	});

	it('a CA that did not sign the server certificate', async () => {
		const error = await failure([fakeContext(fake, { caData: testCerts().otherCaCert })]);
		expect(error.message).toMatch(new RegExp(`^context fake \\(${fake.url.replace(/\./g, '\\.')}\\): TLS certificate not trusted \\(.*check certificate-authority in the kubeconfig\\)$`));
	});

	it('no CA at all: the server certificate is not trusted either (verification stays on)', async () => {
		const error = await failure([fakeContext(fake, { caData: undefined })]);
		expect((error as LiveError).failure).toBe('tls');
	});

	it('an unknown --context lists the contexts there are', async () => {
		const error = await failure([fakeContext(fake), fakeContext(fake, { name: 'other' })], { context: 'nope' });
		expect(error.message).toBe('context "nope" not found in the kubeconfig (contexts: fake, other)');
	});

	it('nothing listening: connection refused', async () => {
		const port = await closedPort();
		const error = await failure([fakeContext(fake, { name: 'kind-dev', server: `https://127.0.0.1:${port}` })]);
		expect(error.message).toBe(`context kind-dev (https://127.0.0.1:${port}): connection refused`);
	});

	it('a server that never answers: a timeout, not a hang', async () => {
		const silent = await silentServer();
		try {
			const error = await failure([fakeContext(fake, { server: `https://127.0.0.1:${silent.port}` })], {
				tuning: { requestTimeoutMs: 300 },
			});
			expect(error.message).toBe(`context fake (https://127.0.0.1:${silent.port}): no answer within 0.3 s`);
		} finally {
			await silent.close();
		}
	});

	it('an unreachable server with every namespace asked for: each request waits one timeout, no retries', async () => {
		const silent = await silentServer();
		try {
			const error = await failure([fakeContext(fake, { server: `https://127.0.0.1:${silent.port}` })], {
				allNamespaces: true,
				tuning: { requestTimeoutMs: 300 },
			});
			expect((error as LiveError).failure).toBe('timeout');
			// The Services list (read first, alone) and kube-proxy's ConfigMap: the Services list's
			// timeout ends the read before any other kind is asked, and nothing was asked twice.
			expect(silent.connections()).toBe(2);
		} finally {
			await silent.close();
		}
	});

	it('a credentials plugin that fails', async () => {
		const error = await failure([fakeContext(fake, { token: undefined, exec: { command: path.join(tempDir(), 'no-such-plugin'), args: [] } })]);
		expect(error.message).toMatch(/^context fake \(https:\/\/127\.0\.0\.1:\d+\): could not get credentials: /);
	});

	it('a context whose cluster is missing from the kubeconfig', async () => {
		const file = path.join(tempDir(), 'config');
		writeFileSync(
			file,
			['apiVersion: v1', 'kind: Config', 'current-context: lost', 'clusters: []', 'users: []', 'contexts:', '  - name: lost', '    context: { cluster: ghost, user: nobody }', ''].join('\n'),
		);
		await expect(openLive(liveRequest(file), isolatedEnv)).rejects.toThrow('context lost: cluster "ghost" is not defined in the kubeconfig');
	});
});

describe('credentials that work', () => {
	it('a bearer token', async () => {
		expect(await services([fakeContext(fake)])).toContain('web');
		expect(fake.requests.at(-1)!.authorization).toBe('Bearer good-token');
	});

	it('a client certificate (no token), verified against the kubeconfig CA', async () => {
		const certs = testCerts();
		const names = await services([fakeContext(fake, { token: undefined, clientCertData: certs.clientCert, clientKeyData: certs.clientKey })]);
		expect(names).toContain('web');
		expect(fake.requests.at(-1)!.authorization).toBe('');
	});

	it('an exec credential plugin', async () => {
		const dir = tempDir();
		const plugin = path.join(dir, 'credential-plugin.mjs');
		writeFileSync(
			plugin,
			`process.stdout.write(JSON.stringify({apiVersion:'client.authentication.k8s.io/v1',kind:'ExecCredential',status:{token:'good-token',expirationTimestamp:'2999-01-01T00:00:00Z'}}));\n`,
		);
		chmodSync(plugin, 0o755);
		const names = await services([fakeContext(fake, { token: undefined, exec: { command: process.execPath, args: [plugin] } })]);
		expect(names).toContain('web');
	});

	it('insecure-skip-tls-verify, when the kubeconfig asks for it', async () => {
		expect(await services([fakeContext(fake, { caData: undefined, insecure: true })])).toContain('web');
	});

	it('a plain http:// server, as kubectl allows', async () => {
		const plain = await startFake({ plainHttp: true });
		try {
			expect(await services([fakeContext(plain, { caData: undefined })])).toContain('web');
			expect(plain.requests.at(-1)!.authorization).toBe('Bearer good-token');
		} finally {
			await plain.close();
		}
	});

	it('a CA given as a file path', async () => {
		expect(await services([fakeContext(fake, { caData: undefined, caFile: testCerts().files.caCert })])).toContain('web');
	});
});
