/**
 * `--proxy-config FILE`: a KubeProxyConfiguration, or the kube-proxy ConfigMap that holds one as
 * config.conf (what `kubectl get configmap -n kube-system kube-proxy -o yaml` gives), or as
 * `config` (EKS's kube-proxy-config).
 */
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';
import { readTextFile } from './files.js';
import { parseProxyConfig } from './normalize.js';
import type { ProxyConfig } from './snapshot.js';

export function readProxyConfig(file: string): ProxyConfig {
	let text: string;
	try {
		text = readTextFile(file);
	} catch (error) {
		throw new InputError(`--proxy-config ${(error as Error).message}`);
	}
	try {
		if (/^kind:\s*ConfigMap\s*$/m.test(text)) {
			const doc = parseYaml(text, { maxAliasCount: 100 }) as { data?: Record<string, unknown> } | null;
			// kubeadm's key, or EKS's (its ConfigMap kube-proxy-config).
			const inner = doc?.data?.['config.conf'] ?? doc?.data?.['config'];
			if (typeof inner !== 'string') throw new Error('a ConfigMap without data.config.conf or data.config');
			return parseProxyConfig(inner, file);
		}
		return parseProxyConfig(text, file);
	} catch (error) {
		throw new InputError(`--proxy-config ${file}: not a KubeProxyConfiguration (${(error as Error).message.split('\n')[0]})`);
	}
}
