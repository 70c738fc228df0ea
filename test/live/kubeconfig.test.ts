/**
 * The kubeconfig is found and merged as kubectl does it: --kubeconfig, else every file in
 * $KUBECONFIG (first definition and first current-context win, empty and missing files are
 * skipped), else ~/.kube/config. Without any, a NoKubeconfigError (never a silent
 * http://localhost:8080 as client-node would do).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoKubeconfigError } from '../../source/cluster/kubeconfig-presence.js';
import { openLive } from '../../source/cluster/live.js';
import { loadKubeconfig } from '../../source/cluster/live/kubeconfig.js';
import { InputError } from '../../source/errors.js';
import type { FakeApiServer } from '../support/fake-apiserver.js';
import { kubeconfigYaml, tempDir, writeKubeconfig } from '../support/kubeconfig-file.js';
import { fakeContext, isolatedEnv, liveRequest, startFake } from '../support/live-harness.js';

let fake: FakeApiServer;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(() => fake.close());

/** Two kubeconfig files as a team might have them: a personal one and a shared one. */
function twoFiles() {
	const dir = tempDir();
	const first = writeKubeconfig(dir, [fakeContext(fake, { name: 'dev', cluster: 'shared', namespace: 'shop' })], { file: 'first' });
	// The second file defines a cluster of the same name pointing elsewhere, and its own current-context.
	const second = writeKubeconfig(
		dir,
		[
			fakeContext(fake, { name: 'prod', cluster: 'shared', server: 'https://127.0.0.1:1' }),
			fakeContext(fake, { name: 'staging', cluster: 'staging', namespace: 'payments' }),
		],
		{ file: 'second', current: 'prod' },
	);
	return { dir, first, second };
}

describe('KUBECONFIG with several files', () => {
	it('takes current-context from the first file and the first definition of each name', async () => {
		const { first, second } = twoFiles();
		const config = await loadKubeconfig({}, { ...isolatedEnv, KUBECONFIG: [first, second].join(path.delimiter) });
		expect(config.target).toEqual({ context: 'dev', server: fake.url });
		expect(config.namespace).toBe('shop');
		expect(config.sources).toEqual([first, second]);
	});

	it('reaches contexts defined only in a later file, with --context', async () => {
		const { first, second } = twoFiles();
		const env = { ...isolatedEnv, KUBECONFIG: [first, second].join(path.delimiter) };
		const config = await loadKubeconfig({ context: 'staging' }, env);
		expect(config.target.context).toBe('staging');
		expect(config.namespace).toBe('payments');
		// prod names the cluster "shared", which the first file defined: that definition wins.
		expect((await loadKubeconfig({ context: 'prod' }, env)).target.server).toBe(fake.url);
	});

	it('reads the cluster through the merged configuration, in the order of the files', async () => {
		const { first, second } = twoFiles();
		const request = liveRequest('', { kubeconfig: undefined });
		const stream = await openLive(request, { ...isolatedEnv, KUBECONFIG: [first, second].join(path.delimiter) });
		expect(stream.current().origin.context).toBe('dev');
		expect(stream.current().services.length).toBeGreaterThan(0);
		stream.close?.();
		// With the shared file first, its current-context (prod) and its "shared" cluster win: port 1 refuses.
		await expect(openLive(request, { ...isolatedEnv, KUBECONFIG: [second, first].join(path.delimiter) })).rejects.toThrow(
			'context prod (https://127.0.0.1:1): connection refused',
		);
	});

	it('skips empty and missing files, as kubectl does', async () => {
		const { dir, first } = twoFiles();
		const empty = path.join(dir, 'empty');
		writeFileSync(empty, '');
		const env = { ...isolatedEnv, KUBECONFIG: [path.join(dir, 'missing'), empty, first].join(path.delimiter) };
		expect((await loadKubeconfig({}, env)).target.context).toBe('dev');
	});
});

describe('finding the kubeconfig', () => {
	it('uses ~/.kube/config when KUBECONFIG is unset', async () => {
		const home = tempDir();
		mkdirSync(path.join(home, '.kube'));
		writeFileSync(path.join(home, '.kube', 'config'), kubeconfigYaml([fakeContext(fake, { name: 'home' })]));
		expect((await loadKubeconfig({}, { HOME: home })).target.context).toBe('home');
	});

	it('--kubeconfig wins over KUBECONFIG', async () => {
		const { first, second } = twoFiles();
		const config = await loadKubeconfig({ kubeconfig: second }, { ...isolatedEnv, KUBECONFIG: first });
		expect(config.target.context).toBe('prod');
	});

	it('without any kubeconfig: NoKubeconfigError, never localhost:8080', async () => {
		await expect(loadKubeconfig({}, isolatedEnv)).rejects.toBeInstanceOf(NoKubeconfigError);
		await expect(openLive(liveRequest('', { kubeconfig: undefined }), isolatedEnv)).rejects.toThrow(/no usable kubeconfig/);
	});

	it('a --kubeconfig that does not exist is named', async () => {
		await expect(loadKubeconfig({ kubeconfig: '/nonexistent/kubeconfig' }, isolatedEnv)).rejects.toThrow('--kubeconfig /nonexistent/kubeconfig: no such file');
	});

	it('a file that is not a kubeconfig is named, in one line', async () => {
		const file = path.join(tempDir(), 'broken');
		writeFileSync(file, 'clusters: [ {name: a\n');
		const error = await loadKubeconfig({ kubeconfig: file }, isolatedEnv).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InputError);
		expect((error as Error).message).toMatch(new RegExp(`^kubeconfig ${file}: not a valid kubeconfig`));
		expect((error as Error).message).not.toContain('\n');
	});

	it('no current-context: asks for --context and lists the choices', async () => {
		const file = writeKubeconfig(tempDir(), [fakeContext(fake, { name: 'a' }), fakeContext(fake, { name: 'b' })], { current: '' });
		await expect(loadKubeconfig({ kubeconfig: file }, isolatedEnv)).rejects.toThrow(
			'the kubeconfig sets no current-context; choose one with --context (contexts: a, b)',
		);
	});
});
