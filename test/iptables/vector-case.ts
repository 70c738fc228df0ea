/**
 * Loads one golden case of test/iptables/vectors/ (copied from the project's shared vectors,
 * which come from kube-proxy's own unit tests: see each case's source.txt) and turns its node.env
 * into kubewire settings the way the vectors README maps them onto the command line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProxyConfig, Snapshot } from '../../source/cluster/snapshot.js';
import { proxySettingsFor, type ProxyOverrides, type ResolvedSettings } from '../../source/model/iptables/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

export const vectorsDir = fileURLToPath(new URL('./vectors/', import.meta.url));

export interface Flow {
	name: string;
	source: string;
	protocol: string;
	destination: string;
	port: number;
	output: string;
	masquerade: boolean;
}

export interface VectorCase {
	name: string;
	dir: string;
	env: Record<string, string>;
	snapshot: Snapshot;
	expected?: string;
	flows: Flow[];
}

export function caseNames(): string[] {
	return readdirSync(vectorsDir, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name)
		.sort();
}

export function parseEnv(text: string): Record<string, string> {
	const env: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#')) continue;
		const eq = trimmed.indexOf('=');
		env[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
	}
	return env;
}

export function parseFlows(text: string): Flow[] {
	return text
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => {
			const [name = '', source = '', protocol = '', destination = '', port = '', output = '', masq = ''] = line.split('\t');
			return { name, source, protocol: protocol || 'TCP', destination, port: Number(port), output, masquerade: masq === 'true' };
		});
}

export function loadCase(name: string): VectorCase {
	const dir = `${vectorsDir}${name}/`;
	const read = (file: string) => (existsSync(dir + file) ? readFileSync(dir + file, 'utf8') : undefined);
	return {
		name,
		dir,
		env: parseEnv(read('node.env') ?? ''),
		snapshot: snapshotFromYaml(read('cluster.yaml') ?? '', `${name}/cluster.yaml`),
		expected: read('expected.txt'),
		flows: parseFlows(read('flows.tsv') ?? ''),
	};
}

/** The node's addresses as --node-ip gets them: NODE_IP first, then the rest of NODE_IPS. */
export function nodeIPsOf(env: Record<string, string>): string[] {
	const rest = (env['NODE_IPS'] ?? '').split(',').filter((ip) => ip && ip !== env['NODE_IP']);
	return [env['NODE_IP'] ?? '', ...rest].filter(Boolean);
}

/** The KubeProxyConfiguration the README maps the rest of node.env onto, as YAML text. */
export function proxyConfigYaml(env: Record<string, string>): string {
	const lines = ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'mode: iptables'];
	if (env['CLUSTER_CIDR']) lines.push(`clusterCIDR: ${env['CLUSTER_CIDR']}`, `detectLocalMode: ${env['LOCAL_DETECTOR'] || 'ClusterCIDR'}`);
	const addresses = (env['NODEPORT_ADDRESSES'] ?? '').split(',').filter(Boolean);
	if (addresses.length > 0) lines.push('nodePortAddresses:', ...addresses.map((a) => `- ${a}`));
	lines.push(
		'iptables:',
		`  masqueradeAll: ${env['MASQUERADE_ALL'] === 'true'}`,
		`  masqueradeBit: ${env['MASQUERADE_BIT'] || '14'}`,
		`  localhostNodePorts: ${env['LOCALHOST_NODEPORTS'] !== 'false'}`,
	);
	return `${lines.join('\n')}\n`;
}

export function proxyConfigOf(env: Record<string, string>): ProxyConfig {
	const addresses = (env['NODEPORT_ADDRESSES'] ?? '').split(',').filter(Boolean);
	return {
		source: 'node.env',
		mode: 'iptables',
		clusterCIDR: env['CLUSTER_CIDR'] || undefined,
		detectLocalMode: env['CLUSTER_CIDR'] ? env['LOCAL_DETECTOR'] || 'ClusterCIDR' : undefined,
		masqueradeAll: env['MASQUERADE_ALL'] === 'true',
		masqueradeBit: Number(env['MASQUERADE_BIT'] || '14'),
		localhostNodePorts: env['LOCALHOST_NODEPORTS'] !== 'false',
		nodePortAddresses: addresses.length > 0 ? addresses : undefined,
	};
}

/** Settings exactly as the kube-proxy test's fake proxier had them (kernel facts included). */
export function settingsOf(c: VectorCase): ResolvedSettings {
	const env = c.env;
	const overrides: ProxyOverrides = {
		node: env['NODE_NAME'],
		nodeIPs: nodeIPsOf(env),
		proxyConfig: proxyConfigOf(env),
		kernel: {
			nfacct: env['NFACCT_LOCALHOST_NPS_ACCEPTED_PKTS'] === 'true',
			randomFully: env['IPTABLES_HAS_RANDOM_FULLY'] === 'true',
			conntrackLiberal: env['CONNTRACK_TCP_BE_LIBERAL'] === 'true',
			markStyle: env['MASQUERADE_MARK']?.length === 6 ? 'short' : 'node',
		},
	};
	return proxySettingsFor(c.snapshot, overrides);
}

/**
 * Folds away what depends on the node's kernel rather than on kube-proxy (vectors README): the
 * nfacct matches and the localhost NodePort rule that only exists with them, --random-fully, and
 * the width of the masquerade mark.
 */
export function fold(text: string): string {
	return text
		.split('\n')
		.filter((line) => !line.includes('--nfacct-name localhost_nps_accepted_pkts'))
		.map((line) =>
			line
				.replace(/ -m nfacct --nfacct-name \S+/g, '')
				.replace(/ --random-fully/g, '')
				.replace(/0x0*([0-9a-f]+)/g, '0x$1'),
		)
		.join('\n');
}
