/**
 * The settings one node's kube-proxy runs with, and where each came from. kube-proxy's rules
 * depend on them as much as on the API objects, so kubewire says which it assumed: flags win over
 * a --proxy-config file, which wins over what the cluster's kube-proxy runs with (the flags of its
 * DaemonSet when it has no --config, else the kube-proxy ConfigMap in the snapshot), then the Node
 * objects, then kube-proxy's own defaults.
 */
import type { Node, ProxyConfig, Snapshot } from '../../cluster/snapshot.js';
import { clusterProxyConfig } from '../kube-proxy-flags.js';
import { kubeProxyPresence, type KubeProxyPresence } from '../kube-proxy.js';
import { canonicalIP, cidrContains, familyOf, formatCIDR, formatIP, parseCIDR, parseIP, type Family } from '../net.js';

export type DetectLocalMode = 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix' | 'None';

/**
 * What the node's kernel and iptables binary can do. They change a few rule fragments, not the
 * logic; the defaults are those of a current node. kube-proxy's unit tests use a fake with a
 * short mark ("0x4000") and, in older tests, no nfacct counters.
 */
export interface KernelFacts {
	/** The nfacct counters could be created (adds `-m nfacct` matches and a localhost NodePort rule). */
	nfacct: boolean;
	/** iptables supports MASQUERADE --random-fully. */
	randomFully: boolean;
	/** net.netfilter.nf_conntrack_tcp_be_liberal is set (the INVALID drop rule is left out). */
	conntrackLiberal: boolean;
	/** 'node' writes the mark as kube-proxy does on a node (0x00004000), 'short' as its tests (0x4000). */
	markStyle: 'node' | 'short';
	/** The PreferSameTrafficDistribution feature (node hints) is on, as in current releases. */
	nodeHints: boolean;
}

export const nodeKernel: KernelFacts = {
	nfacct: true,
	randomFully: true,
	conntrackLiberal: false,
	markStyle: 'node',
	nodeHints: true,
};

/** The proxier settings for one node and one IP family (kubewire's "node view"). */
export interface ProxySettings {
	/** kube-proxy's mode: iptables (also when unset), ipvs, nftables, kernelspace. */
	mode: string;
	/** '' when no node is known: then no endpoint counts as local. */
	nodeName: string;
	/** The node's addresses, canonical, primary first (both families may appear). */
	nodeIPs: string[];
	family: Family;
	/** The node's topology.kubernetes.io/zone label, for zone hints. */
	zone: string;
	clusterCIDRs: string[];
	detectLocalMode: DetectLocalMode;
	/** The node's spec.podCIDRs, for detectLocalMode NodeCIDR. */
	podCIDRs: string[];
	bridgeInterface: string;
	interfaceNamePrefix: string;
	masqueradeAll: boolean;
	masqueradeBit: number;
	localhostNodePorts: boolean;
	/** CIDRs (or the word "primary"); empty means every local address. */
	nodePortAddresses: string[];
	kernel: KernelFacts;
}

export type NodeView = ProxySettings;

export interface ProxyOverrides {
	node?: string;
	nodeIPs?: string[];
	clusterCIDRs?: string[];
	/** Only `true` overrides: the flag can turn masquerade-all on, not off. */
	masqueradeAll?: boolean;
	/** A KubeProxyConfiguration given with --proxy-config. */
	proxyConfig?: ProxyConfig;
	/** --proxy-mode: wins over the configuration's `mode`. */
	mode?: string;
	/**
	 * The mode whose rules are written, when not the node's (`kubewire iptables` on an nftables
	 * node): its own section of the configuration applies (iptables.* or nftables.*), as it
	 * would if the node ran that mode.
	 */
	rules?: 'iptables' | 'nftables';
	kernel?: Partial<KernelFacts>;
}

export interface ResolvedSettings {
	settings: ProxySettings;
	/** One line per setting that did not come from a flag: what was used and where it came from. */
	notes: string[];
	/** The named node (from --node or picked) is among the snapshot's Node objects. */
	nodeFound: boolean;
	/** Set when kube-proxy does not run in iptables mode. */
	modeNote?: string;
	/** Where settings.mode came from: --proxy-mode, a configuration, or "kube-proxy's default". */
	modeSource: string;
}

function pickNode(nodes: readonly Node[]): Node | undefined {
	return nodes.find((n) => n.ready) ?? nodes[0];
}

/** kube-proxy's own order: InternalIP addresses, then ExternalIP ones when there is no internal one. */
function nodeAddresses(node: Node): string[] {
	const of = (type: string) =>
		node.addresses
			.filter((a) => a.type === type)
			.map((a) => canonicalIP(a.address))
			.filter((a): a is string => a !== undefined);
	const internal = of('InternalIP');
	return internal.length > 0 ? internal : of('ExternalIP');
}

function splitList(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

function asMode(value: string | undefined): DetectLocalMode | undefined {
	const modes: DetectLocalMode[] = ['ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix'];
	return modes.find((m) => m.toLowerCase() === (value ?? '').toLowerCase());
}

/**
 * Resolves the settings for one node. Pure: the caller reads any --proxy-config file and passes
 * it in, and may pass the kube-proxy presence it already found. Never throws; what is missing is
 * said in the notes.
 */
export function proxySettingsFor(snapshot: Snapshot, overrides: ProxyOverrides = {}, presence: KubeProxyPresence = kubeProxyPresence(snapshot)): ResolvedSettings {
	const notes: string[] = [];
	const fileConfig = overrides.proxyConfig;
	// kube-proxy started without --config runs on its flags, not on any ConfigMap in the input.
	const line = presence.commandLine;
	const mapConfig = clusterProxyConfig(snapshot, line);
	if (line?.flags && snapshot.proxyConfig) notes.push(`${snapshot.proxyConfig.source} is not used: ${line.from} starts kube-proxy without --config`);
	if (line && line.ignored.length > 0 && !fileConfig) {
		notes.push(`${line.from} gives ${line.ignored.join(' ')} beside --config: kube-proxy ignores settings flags when given a config file`);
	}
	// One configuration, as kube-proxy reads one config.conf: the --proxy-config file when given
	// (DESIGN.md: the ConfigMap is used when it is not), else the cluster's. A field the file
	// leaves out takes kube-proxy's default, not the ConfigMap's value.
	const config = fileConfig ?? mapConfig;
	/** The field as the configuration in use sets it, and its source. */
	const fromConfig = <T>(read: (c: ProxyConfig) => T | undefined): { value: T; source: string } | undefined => {
		const value = config ? read(config) : undefined;
		return config && value !== undefined ? { value, source: config.source } : undefined;
	};

	// A configuration that could not be parsed gives no setting: say so before the defaults that stand in.
	const unread = config?.unreadable !== undefined ? config : undefined;
	if (unread) notes.push(`${unread.source} could not be read (${unread.unreadable}): the settings below are kube-proxy's defaults where nothing else gives them, not necessarily the node's`);

	// The node.
	let nodeName = overrides.node ?? '';
	let node = nodeName ? snapshot.nodes.find((n) => n.name === nodeName) : undefined;
	if (!overrides.node) {
		node = pickNode(snapshot.nodes);
		nodeName = node?.name ?? '';
		if (node) notes.push(`node ${node.name}: ${node.ready ? 'the first Ready node' : 'the first node'} in the snapshot (give --node NAME for another)`);
		else notes.push('node: none in the snapshot and no --node, so no endpoint counts as local to this node');
	} else if (!node) {
		notes.push(`node ${nodeName} is not among the snapshot's Node objects`);
	}

	// Its addresses, primary first.
	let nodeIPs = (overrides.nodeIPs ?? []).map((ip) => canonicalIP(ip) ?? ip);
	if (nodeIPs.length === 0) {
		nodeIPs = node ? nodeAddresses(node) : [];
		if (node && nodeIPs.length > 0) notes.push(`node IPs ${nodeIPs.join(',')}: from Node ${node.name} status.addresses`);
		else notes.push('node IPs: unknown (give --node-ip); NodePort addresses and source ranges covering the node cannot be judged');
	}

	const clusterFlag = overrides.clusterCIDRs ?? [];
	const clusterFromConfig = fromConfig((c) => (c.clusterCIDR ? splitList(c.clusterCIDR) : undefined));
	const clusterCIDRs = (clusterFlag.length > 0 ? clusterFlag : clusterFromConfig?.value ?? [])
		.map((c) => parseCIDR(c))
		.filter((c) => c !== undefined)
		.map(formatCIDR);

	const family: Family =
		familyOf(nodeIPs[0] ?? '') ?? (clusterCIDRs[0]?.includes(':') ? 'IPv6' : undefined) ?? 'IPv4';

	// The local-traffic detector.
	const configuredMode = fromConfig((c) => asMode(c.detectLocalMode));
	let detectLocalMode: DetectLocalMode = configuredMode?.value ?? 'ClusterCIDR';
	if (clusterFlag.length > 0) detectLocalMode = 'ClusterCIDR';
	const podCIDRs = (node?.podCIDRs ?? []).map((c) => parseCIDR(c)).filter((c) => c !== undefined).map(formatCIDR);
	const bridgeInterface = fromConfig((c) => c.bridgeInterface)?.value ?? '';
	const interfaceNamePrefix = fromConfig((c) => c.interfaceNamePrefix)?.value ?? '';
	const ofFamily = (cidrs: string[]) => cidrs.filter((c) => familyOf(c.split('/')[0]!) === family);
	if (detectLocalMode === 'ClusterCIDR') {
		const setEmpty = clusterCIDRs.length === 0 && clusterFlag.length === 0 && !clusterFromConfig ? (config?.clusterCIDREmpty ? config : undefined) : undefined;
		if (ofFamily(clusterCIDRs).length === 0 && setEmpty) {
			// kube-proxy given clusterCIDR "" (EKS's add-on, where pods have VPC addresses) runs without a local-traffic detector.
			detectLocalMode = 'None';
			notes.push(`cluster CIDR: none (clusterCIDR "" in ${setEmpty.source}), so kube-proxy does not tell pod traffic apart: rules that need it are left out, as on the node`);
		} else if (ofFamily(clusterCIDRs).length === 0) {
			detectLocalMode = 'None';
			notes.push(`cluster CIDR: unknown${clusterCIDRs.length > 0 ? ` for ${family}` : ''}, so kube-proxy cannot tell pod traffic apart: rules that need it are left out (give --cluster-cidr)`);
		} else if (clusterFlag.length === 0) {
			notes.push(`cluster CIDR ${clusterCIDRs.join(',')}: from ${clusterFromConfig?.source}`);
		}
		const outside = ofFamily(clusterCIDRs).length > 0 ? podsOutside(snapshot, ofFamily(clusterCIDRs), family) : undefined;
		if (outside) {
			notes.push(
				`${outside.count} pod${outside.count === 1 ? '' : 's'} of the input (${outside.first}) lie outside the cluster CIDR ${ofFamily(clusterCIDRs).join(',')}: kube-proxy takes their traffic for outside traffic and masquerades it to ClusterIPs (the pods' source addresses are lost); the cluster CIDR should cover the pod network`,
			);
		}
	} else if (detectLocalMode === 'NodeCIDR') {
		if (ofFamily(podCIDRs).length === 0) {
			detectLocalMode = 'None';
			notes.push(`detectLocalMode NodeCIDR (${configuredMode?.source}), but the node's podCIDRs are unknown: pod traffic cannot be told apart`);
		} else notes.push(`local traffic: the node's podCIDR ${ofFamily(podCIDRs)[0]} (detectLocalMode NodeCIDR from ${configuredMode?.source})`);
	} else if (detectLocalMode === 'BridgeInterface' && !bridgeInterface) {
		detectLocalMode = 'None';
		notes.push(`detectLocalMode BridgeInterface (${configuredMode?.source}) names no bridge interface: pod traffic cannot be told apart`);
	} else if (detectLocalMode === 'InterfaceNamePrefix' && !interfaceNamePrefix) {
		detectLocalMode = 'None';
		notes.push(`detectLocalMode InterfaceNamePrefix (${configuredMode?.source}) names no prefix: pod traffic cannot be told apart`);
	} else if (configuredMode) {
		notes.push(`local traffic: detectLocalMode ${detectLocalMode} from ${configuredMode.source}`);
	}

	const defaults: string[] = [];
	const setting = <T>(name: string, read: (c: ProxyConfig) => T | undefined, fallback: T, show: (v: T) => string): T => {
		const found = fromConfig(read);
		if (found) {
			notes.push(`${name} ${show(found.value)}: from ${found.source}`);
			return found.value;
		}
		defaults.push(`${name} ${show(fallback)}`);
		return fallback;
	};
	const modeFound = overrides.mode ? { value: overrides.mode, source: '--proxy-mode' } : fromConfig((c) => c.mode || undefined);
	const mode = (modeFound?.value ?? '').toLowerCase() || 'iptables';
	// nftables mode reads its own section of the configuration (nftables.masqueradeAll/Bit), and
	// iptables mode the iptables one: the section of the mode whose rules are written.
	const nft = (overrides.rules ?? mode) === 'nftables';
	const masqueradeAll = overrides.masqueradeAll
		? true
		: setting('masqueradeAll', (c) => (nft ? c.nftablesMasqueradeAll : c.masqueradeAll), false, String);
	const masqueradeBit = setting('masqueradeBit', (c) => (nft ? c.nftablesMasqueradeBit : c.masqueradeBit), 14, String);
	let localhostNodePorts: boolean;
	if (nft) {
		// nftables mode has no localhost NodePorts (reference nftables-spec: the setting does not
		// exist there): its default is not worth a note, but a configuration that turns it on is,
		// since clients of 127.0.0.1:NODEPORT that worked in iptables mode get no answer.
		const asked = fromConfig((c) => c.localhostNodePorts);
		if (asked?.value === true) notes.push(`localhostNodePorts true in ${asked.source} has no effect in nftables mode: NodePorts do not answer on 127.0.0.1 there, as they do in iptables mode`);
		localhostNodePorts = asked?.value ?? true;
	} else localhostNodePorts = setting('localhostNodePorts', (c) => c.localhostNodePorts, true, String);
	const nodePortAddresses = setting(
		'nodePortAddresses',
		(c) => (c.nodePortAddresses && c.nodePortAddresses.length > 0 ? c.nodePortAddresses : undefined),
		[] as string[],
		(v) => (v.length === 0 ? 'all local addresses' : v.join(',')),
	);
	if (defaults.length > 0) notes.push(`kube-proxy defaults: ${defaults.join(', ')}`);

	const kernel = { ...nodeKernel, ...overrides.kernel };
	let modeNote: string | undefined;
	if (mode === 'ipvs') {
		// The note DESIGN.md promises an IPVS node (KW803), named as the nftables report names it.
		modeNote = `kube-proxy runs in IPVS mode here (${modeFound?.source}, KW803): it does not write these iptables rules; this is what iptables mode would write`;
	} else if (mode !== 'iptables') {
		modeNote = `kube-proxy runs in ${mode} mode here (${modeFound?.source}): it does not write these iptables rules; this is what iptables mode would write`;
	}
	return {
		settings: {
			mode,
			nodeName,
			nodeIPs,
			family,
			zone: node?.labels['topology.kubernetes.io/zone'] ?? '',
			clusterCIDRs,
			detectLocalMode,
			podCIDRs,
			bridgeInterface,
			interfaceNamePrefix,
			masqueradeAll,
			masqueradeBit,
			localhostNodePorts,
			nodePortAddresses,
			kernel,
		},
		notes,
		nodeFound: node !== undefined,
		modeNote,
		modeSource: modeFound?.source ?? (unread ? `kube-proxy's default; ${unread.source} could not be read` : "kube-proxy's default"),
	};
}

/**
 * Pods (not host-network, with an address of `family`) whose address no cluster CIDR covers: the
 * count and the first, "shop/web-1 10.244.0.5". kube-proxy's ClusterCIDR detector treats them as
 * outside the pod network. Undefined when every pod is covered.
 */
function podsOutside(snapshot: Snapshot, cidrs: readonly string[], family: Family): { count: number; first: string } | undefined {
	const parsed = cidrs.map((c) => parseCIDR(c)).filter((c) => c !== undefined);
	let count = 0;
	let first = '';
	for (const pod of snapshot.pods) {
		if (pod.hostNetwork || pod.planned) continue;
		const ip = pod.podIPs.map((a) => parseIP(a)).find((a) => a?.family === family);
		if (!ip || parsed.some((c) => cidrContains(c, ip))) continue;
		if (count++ === 0) first = `${pod.namespace}/${pod.name} ${formatIP(ip)}`;
	}
	return count > 0 ? { count, first } : undefined;
}

/** The argument fragments that tell pod traffic apart, or undefined when there is no detector. */
export function localDetector(settings: ProxySettings): { ifLocal: string; ifNotLocal: string } | undefined {
	const ofFamily = (cidrs: string[]) => cidrs.filter((c) => familyOf(c.split('/')[0]!) === settings.family);
	switch (settings.detectLocalMode) {
		case 'ClusterCIDR':
		case 'NodeCIDR': {
			const cidr = ofFamily(settings.detectLocalMode === 'ClusterCIDR' ? settings.clusterCIDRs : settings.podCIDRs)[0];
			return cidr ? { ifLocal: `-s ${cidr}`, ifNotLocal: `! -s ${cidr}` } : undefined;
		}
		case 'BridgeInterface':
			return settings.bridgeInterface ? { ifLocal: `-i ${settings.bridgeInterface}`, ifNotLocal: `! -i ${settings.bridgeInterface}` } : undefined;
		case 'InterfaceNamePrefix':
			return settings.interfaceNamePrefix
				? { ifLocal: `-i ${settings.interfaceNamePrefix}+`, ifNotLocal: `! -i ${settings.interfaceNamePrefix}+` }
				: undefined;
		default:
			return undefined;
	}
}

/** The masquerade mark as kube-proxy writes it: Go's `%#08x` of 1<<bit on a node. */
export function masqueradeMark(settings: ProxySettings): string {
	const hex = (2 ** settings.masqueradeBit).toString(16);
	return settings.kernel.markStyle === 'short' ? `0x${hex}` : `0x${hex.padStart(8, '0')}`;
}
