/**
 * Loads one golden case of test/nftables/vectors/ (from kube-proxy's nftables unit tests: see each
 * case's source.txt) and maps its node.env onto kubewire's settings as the vectors README says:
 * mode nftables, the node and its IPs, the cluster CIDR detector, nftables.masqueradeAll/Bit,
 * nodePortAddresses, and the fake's short mark.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProxyConfig, Snapshot } from '../../source/cluster/snapshot.js';
import { proxySettingsFor, type ResolvedSettings } from '../../source/model/iptables/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { nodeIPsOf, parseEnv, parseFlows, type Flow } from '../iptables/vector-case.js';

export const vectorsDir = fileURLToPath(new URL('./vectors/', import.meta.url));

export interface NftVectorCase {
	name: string;
	dir: string;
	env: Record<string, string>;
	snapshot: Snapshot;
	expected?: string;
	flows: Flow[];
	mapElements: { map: string; key: string; present: boolean }[];
}

export function caseNames(): string[] {
	return readdirSync(vectorsDir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(`${vectorsDir}${d.name}/node.env`))
		.map((d) => d.name)
		.sort();
}

export function loadCase(name: string): NftVectorCase {
	const dir = `${vectorsDir}${name}/`;
	const read = (file: string) => (existsSync(dir + file) ? readFileSync(dir + file, 'utf8') : undefined);
	const mapElements = (read('map-elements.tsv') ?? '')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => {
			const [map = '', key = '', present = ''] = line.split('\t');
			return { map, key, present: present === 'true' };
		});
	return {
		name,
		dir,
		env: parseEnv(read('node.env') ?? ''),
		snapshot: snapshotFromYaml(read('cluster.yaml') ?? '', `${name}/cluster.yaml`),
		expected: read('expected.nft'),
		flows: parseFlows(read('flows.tsv') ?? ''),
		mapElements,
	};
}

export function nftProxyConfigOf(env: Record<string, string>): ProxyConfig {
	const addresses = (env['NODEPORT_ADDRESSES'] ?? '').split(',').filter(Boolean);
	return {
		source: 'node.env',
		mode: 'nftables',
		clusterCIDR: env['CLUSTER_CIDR'] || undefined,
		detectLocalMode: env['CLUSTER_CIDR'] ? env['LOCAL_DETECTOR'] || 'ClusterCIDR' : undefined,
		nftablesMasqueradeAll: env['MASQUERADE_ALL'] === 'true',
		nftablesMasqueradeBit: Number(env['MASQUERADE_BIT'] || '14'),
		nodePortAddresses: addresses.length > 0 ? addresses : undefined,
	};
}

/** Settings as the test's fake proxier had them (the mark written short, as the fake does). */
export function nftSettingsOf(c: NftVectorCase): ResolvedSettings {
	const env = c.env;
	return proxySettingsFor(c.snapshot, {
		node: env['NODE_NAME'],
		nodeIPs: nodeIPsOf(env),
		proxyConfig: nftProxyConfigOf(env),
		kernel: { markStyle: env['MASQUERADE_MARK']?.length === 6 ? 'short' : 'node' },
	});
}

/** The KubeProxyConfiguration node.env stands for, as a --proxy-config file. */
export function nftProxyConfigYaml(env: Record<string, string>): string {
	const lines = ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'mode: nftables'];
	if (env['CLUSTER_CIDR']) lines.push(`clusterCIDR: ${env['CLUSTER_CIDR']}`, `detectLocalMode: ${env['LOCAL_DETECTOR'] || 'ClusterCIDR'}`);
	const addresses = (env['NODEPORT_ADDRESSES'] ?? '').split(',').filter(Boolean);
	if (addresses.length > 0) lines.push('nodePortAddresses:', ...addresses.map((a) => `- ${a}`));
	lines.push('nftables:', `  masqueradeAll: ${env['MASQUERADE_ALL'] === 'true'}`, `  masqueradeBit: ${env['MASQUERADE_BIT'] || '14'}`);
	return `${lines.join('\n')}\n`;
}
