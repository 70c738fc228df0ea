/**
 * The kube-proxy flags (--node-ip, --cluster-cidr, --proxy-config), checked and read once before
 * any command runs. Only iptables, nftables, trace and the TUI's detail use them, but a typo or a
 * missing file must fail every command alike: a flag accepted and then ignored would let a user
 * believe `check` had read their KubeProxyConfiguration.
 */
import { readProxyConfig } from '../cluster/proxy-config-file.js';
import type { ProxyConfig } from '../cluster/snapshot.js';
import { UsageError } from '../errors.js';
import type { Flags } from '../flags.js';
import { canonicalIP, parseCIDR } from '../model/net.js';

export interface ProxyFlags {
	nodeIPs?: string[];
	clusterCIDRs?: string[];
	proxyConfig?: ProxyConfig;
}

function list(value: string): string[] {
	return value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

function parseNodeIPs(value: string | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const ips = list(value);
	if (ips.length === 0) throw new UsageError('--node-ip needs IP[,IP], e.g. --node-ip 192.168.0.2');
	return ips.map((ip) => {
		const canonical = canonicalIP(ip);
		if (canonical === undefined) throw new UsageError(`--node-ip: "${ip}" is not an IP address (expected IP[,IP], e.g. 192.168.0.2)`);
		return canonical;
	});
}

function parseClusterCIDRs(value: string | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const cidrs = list(value);
	if (cidrs.length === 0) throw new UsageError('--cluster-cidr needs CIDR[,CIDR], e.g. --cluster-cidr 10.244.0.0/16');
	for (const cidr of cidrs) {
		if (!parseCIDR(cidr)) throw new UsageError(`--cluster-cidr: "${cidr}" is not a CIDR (expected CIDR[,CIDR], e.g. 10.244.0.0/16)`);
	}
	return cidrs;
}

export function readProxyFlags(flags: Flags): ProxyFlags {
	return {
		nodeIPs: parseNodeIPs(flags.nodeIp),
		clusterCIDRs: parseClusterCIDRs(flags.clusterCidr),
		proxyConfig: flags.proxyConfig === undefined ? undefined : readProxyConfig(flags.proxyConfig),
	};
}
