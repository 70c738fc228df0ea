/** Writes kubeconfig files for the live tests, in the shape kubectl writes them. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { scratchDir } from './scratch.js';

export interface TestContext {
	name: string;
	server: string;
	/** PEM text of the CA, written inline as certificate-authority-data. */
	caData?: string;
	/** A CA file path, written as certificate-authority. */
	caFile?: string;
	insecure?: boolean;
	namespace?: string;
	/** Cluster and user names; default to the context name. */
	cluster?: string;
	user?: string;
	token?: string;
	clientCertData?: string;
	clientKeyData?: string;
	/** An exec credential plugin: command and arguments. */
	exec?: { command: string; args: string[] };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

export function kubeconfigYaml(contexts: TestContext[], currentContext?: string): string {
	return stringify({
		apiVersion: 'v1',
		kind: 'Config',
		'current-context': currentContext ?? contexts[0]?.name ?? '',
		clusters: contexts.map((c) => ({
			name: c.cluster ?? c.name,
			cluster: {
				server: c.server,
				...(c.caData ? { 'certificate-authority-data': b64(c.caData) } : {}),
				...(c.caFile ? { 'certificate-authority': c.caFile } : {}),
				...(c.insecure ? { 'insecure-skip-tls-verify': true } : {}),
			},
		})),
		users: contexts.map((c) => ({
			name: c.user ?? c.name,
			user: {
				...(c.token ? { token: c.token } : {}),
				...(c.clientCertData ? { 'client-certificate-data': b64(c.clientCertData) } : {}),
				...(c.clientKeyData ? { 'client-key-data': b64(c.clientKeyData) } : {}),
				...(c.exec ? { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: c.exec.command, args: c.exec.args, interactiveMode: 'Never' } } : {}),
			},
		})),
		contexts: contexts.map((c) => ({
			name: c.name,
			context: { cluster: c.cluster ?? c.name, user: c.user ?? c.name, ...(c.namespace ? { namespace: c.namespace } : {}) },
		})),
	});
}

/** A fresh folder for kubeconfigs and the like, removed when the test file is done. */
export function tempDir(label = 'live'): string {
	return scratchDir(label);
}

export function writeKubeconfig(dir: string, contexts: TestContext[], options: { file?: string; current?: string } = {}): string {
	const file = path.join(dir, options.file ?? 'kubeconfig');
	writeFileSync(file, kubeconfigYaml(contexts, options.current));
	return file;
}
