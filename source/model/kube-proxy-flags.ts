/**
 * kube-proxy's command line, as its DaemonSet (or its static pods: GKE, RKE2) gives it. With
 * --config, kube-proxy reads that file and drops every other settings flag: Options.Complete in
 * cmd/kube-proxy/app/options.go replaces the flag-parsed configuration with the file's (only the
 * logging flags and --hostname-override survive; kubernetes/kubernetes#107156), so the ConfigMap
 * speaks and a --proxy-mode beside it is ignored. Without --config, the flags are the settings.
 */
import type { Container, Node, Pod, ProxyConfig, Snapshot, Workload } from '../cluster/snapshot.js';

export interface KubeProxyCommandLine {
	/** "DaemonSet kube-system/kube-proxy" or "pod kube-system/kube-proxy-gke-…": whose command line. */
	from: string;
	/** The object that carries it, for a finding about it (the DaemonSet, the pod, k3s's Node). */
	subject: { kind: string; namespace: string; name: string };
	/** --config was given: the file's settings, not the flags', are used. */
	usesConfigFile: boolean;
	/** Without --config, the settings the flags give (source "flags of …"); undefined with --config. */
	flags?: ProxyConfig;
	/** With --config, the settings flags kube-proxy ignores ("--proxy-mode=ipvs"). */
	ignored: string[];
}

/** The settings flags kubewire reads, and whether each takes no value (a boolean). */
const settingFlags: Record<string, boolean> = {
	'proxy-mode': false,
	'cluster-cidr': false,
	'masquerade-all': true,
	'iptables-masquerade-bit': false,
	'iptables-localhost-nodeports': true,
	'nodeport-addresses': false,
	'detect-local-mode': false,
	'pod-bridge-interface': false,
	'pod-interface-name-prefix': false,
};

/** The words of the kube-proxy invocation: its container's command and args, or the script of `sh -c "exec kube-proxy …"`. */
function invocation(c: Container): string[] | undefined {
	let words = [...c.command, ...c.args];
	const shell = words.findIndex((w) => /(^|\/)(ba|da)?sh$/.test(w));
	const script = shell >= 0 && words[shell + 1] === '-c' ? words[shell + 2] : undefined;
	if (script !== undefined) words = script.split(/\s+/).filter(Boolean);
	const start = words.findIndex((w) => /(^|\/)kube-proxy$/.test(w));
	if (start >= 0) return words.slice(start + 1);
	// An image whose entrypoint is kube-proxy, given only its flags.
	return /(^|\/)kube-proxy[^/]*(:|@|$)/.test(c.image) && words.every((w) => w.startsWith('-')) ? words : undefined;
}

/** `--name=value`, `--name value` (not for booleans), `--name` (a boolean: true); the last one given wins, as pflag does. */
function parseFlags(words: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	for (let i = 0; i < words.length; i++) {
		const m = /^--?([a-z0-9-]+)(?:=(.*))?$/.exec(words[i]!);
		if (!m) continue;
		const name = m[1]!;
		if (m[2] !== undefined) out.set(name, m[2]);
		else if (settingFlags[name] === true) out.set(name, 'true');
		else if (name === 'config' || settingFlags[name] === false) {
			const next = words[i + 1];
			if (next !== undefined && !next.startsWith('-')) out.set(name, next), i++;
		}
	}
	return out;
}

function boolFlag(value: string | undefined): boolean | undefined {
	if (value === undefined) return undefined;
	return /^(true|1|t)$/i.test(value) ? true : /^(false|0|f)$/i.test(value) ? false : undefined;
}

function fromFlags(flags: Map<string, string>, source: string): ProxyConfig {
	const bit = flags.get('iptables-masquerade-bit');
	const masqueradeAll = boolFlag(flags.get('masquerade-all'));
	const nodePorts = (flags.get('nodeport-addresses') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	const config: ProxyConfig = {
		source,
		mode: flags.get('proxy-mode') || undefined,
		clusterCIDR: flags.get('cluster-cidr') || undefined,
		detectLocalMode: flags.get('detect-local-mode') || undefined,
		bridgeInterface: flags.get('pod-bridge-interface') || undefined,
		interfaceNamePrefix: flags.get('pod-interface-name-prefix') || undefined,
		// --masquerade-all sets the mode-independent setting: both modes read it.
		masqueradeAll,
		nftablesMasqueradeAll: masqueradeAll,
		masqueradeBit: bit !== undefined && /^\d+$/.test(bit) ? Number(bit) : undefined,
		localhostNodePorts: boolFlag(flags.get('iptables-localhost-nodeports')),
		nodePortAddresses: nodePorts.length > 0 ? nodePorts : undefined,
	};
	for (const key of Object.keys(config) as (keyof ProxyConfig)[]) if (config[key] === undefined) delete config[key];
	return config;
}

function lineOf(words: readonly string[], from: string, subject: KubeProxyCommandLine['subject'], source = `flags of ${from}`): KubeProxyCommandLine {
	const flags = parseFlags(words);
	if (flags.has('config')) {
		const ignored = [...flags.keys()].filter((k) => k in settingFlags).map((k) => `--${k}=${flags.get(k)}`);
		return { from, subject, usesConfigFile: true, ignored };
	}
	return { from, subject, usesConfigFile: false, flags: fromFlags(flags, source), ignored: [] };
}

function commandLineOf(containers: readonly Container[], from: string, subject: KubeProxyCommandLine['subject']): KubeProxyCommandLine | undefined {
	for (const c of containers) {
		const words = invocation(c);
		if (words) return lineOf(words, from, subject);
	}
	return undefined;
}

/** The kube-proxy command line of its DaemonSet, else of its first pod in the input. */
export function kubeProxyCommandLine(set: Workload | undefined, pods: readonly Pod[]): KubeProxyCommandLine | undefined {
	if (set) return commandLineOf(set.template.containers, `DaemonSet ${set.namespace}/${set.name}`, { kind: 'DaemonSet', namespace: set.namespace, name: set.name });
	const pod = pods[0];
	return pod ? commandLineOf(pod.containers, `pod ${pod.namespace}/${pod.name}`, { kind: 'Pod', namespace: pod.namespace, name: pod.name }) : undefined;
}

/**
 * k3s runs kube-proxy inside its own process, and its Nodes carry the k3s command line as the
 * annotation k3s.io/node-args (a JSON array of strings, config.yaml's settings included). Its
 * --kube-proxy-arg values are kube-proxy's flags; the server's --cluster-cidr is passed on to it.
 * A server's arguments are preferred to an agent's (only the server's name the cluster CIDR).
 */
export interface K3sNodeArgs {
	node: string;
	args: string[];
}

export function k3sNodeArgs(nodes: readonly Node[]): K3sNodeArgs | undefined {
	let agent: K3sNodeArgs | undefined;
	for (const n of nodes) {
		const text = n.annotations['k3s.io/node-args'];
		if (!text) continue;
		let args: unknown;
		try {
			args = JSON.parse(text);
		} catch {
			continue;
		}
		if (!Array.isArray(args) || !args.every((a): a is string => typeof a === 'string')) continue;
		if (args[0] === 'server') return { node: n.name, args };
		agent ??= { node: n.name, args };
	}
	return agent;
}

/** k3s's own flag `name` given (`--name`, `--name=true`), as its CLI reads a boolean. */
export function k3sFlag(k3s: K3sNodeArgs, name: string): boolean {
	return k3s.args.some((a) => a === `--${name}` || new RegExp(`^--${name}=(true|1|t)$`, 'i').test(a));
}

export function k3sCommandLine(k3s: K3sNodeArgs): KubeProxyCommandLine {
	const words: string[] = [];
	const value = (i: number, name: string): string | undefined => {
		const a = k3s.args[i]!;
		if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
		return a === `--${name}` ? k3s.args[i + 1] : undefined;
	};
	k3s.args.forEach((_, i) => {
		const proxyArg = value(i, 'kube-proxy-arg');
		if (proxyArg !== undefined) words.push(`--${proxyArg.replace(/^-+/, '')}`);
		const cidr = value(i, 'cluster-cidr');
		if (cidr !== undefined) words.unshift(`--cluster-cidr=${cidr}`);
	});
	const from = `k3s on Node ${k3s.node}`;
	return lineOf(words, from, { kind: 'Node', namespace: '', name: k3s.node }, `k3s.io/node-args of Node ${k3s.node}`);
}

/**
 * The configuration the cluster's kube-proxy runs with, as far as the input shows: its flags when
 * it runs without --config, else the ConfigMap read into the snapshot.
 */
export function clusterProxyConfig(snapshot: Snapshot, line: KubeProxyCommandLine | undefined): ProxyConfig | undefined {
	return line?.flags ?? snapshot.proxyConfig;
}
