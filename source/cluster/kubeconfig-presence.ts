/**
 * Whether there is any kubeconfig to try, found the way kubectl looks: --kubeconfig, then every
 * file in $KUBECONFIG, then ~/.kube/config, then the in-cluster service account. client-node
 * would silently fall back to http://localhost:8080 instead; kubewire says so and, for the bare
 * TUI, opens the demo.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';

export class NoKubeconfigError extends InputError {
	override name = 'NoKubeconfigError';
}

const serviceAccountToken = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export function findKubeconfig(explicit: string | undefined, env: NodeJS.ProcessEnv): { files: string[]; inCluster: boolean } {
	if (explicit) {
		if (!existsSync(explicit)) throw new InputError(`--kubeconfig ${explicit}: no such file`);
		return { files: [explicit], inCluster: false };
	}
	const fromEnv = (env['KUBECONFIG'] ?? '').split(path.delimiter).filter((f) => f !== '' && existsSync(f));
	if (fromEnv.length > 0) return { files: fromEnv, inCluster: false };
	const home = env['HOME'] || os.homedir();
	const standard = path.join(home, '.kube', 'config');
	if (existsSync(standard)) return { files: [standard], inCluster: false };
	if (env['KUBERNETES_SERVICE_HOST'] && existsSync(serviceAccountToken)) return { files: [], inCluster: true };
	const where = env['KUBECONFIG'] ? `KUBECONFIG=${env['KUBECONFIG']} names no existing file` : `no ${standard}`;
	throw new NoKubeconfigError(`no usable kubeconfig (${where}, not running in a cluster)`);
}
