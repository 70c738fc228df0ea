/**
 * Every flag of the command line, in one table: meow's spec, the help text and the check that
 * catches unknown flags and missing values before any work starts (meow alone would print two
 * lines, or silently take the next flag as a value).
 */
import { UsageError } from './errors.js';

export interface Flags {
	fixtures: string[];
	demo: boolean;
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	output: 'text' | 'json' | 'wide';
	node?: string;
	nodeIp?: string;
	clusterCidr?: string;
	masqueradeAll: boolean;
	proxyConfig?: string;
	class?: string;
	clusterDomain: string;
	service?: string;
	from?: string;
	to?: string;
	color: boolean;
	/** --proxy-mode: the kube-proxy mode trace and the detail screen follow (default: the configuration's). */
	proxyMode?: 'iptables' | 'nftables';
	/** capture: where to write (stdout when absent). */
	file?: string;
	gateway?: string;
	method?: string;
	header: string[];
}

interface FlagSpec {
	type: 'string' | 'boolean';
	shortFlag?: string;
	isMultiple?: boolean;
	/** Shown in --help as the value's placeholder. */
	value?: string;
	help: string;
}

export const flagSpecs: Record<string, FlagSpec> = {
	fixtures: { type: 'string', isMultiple: true, value: 'PATH', help: 'read YAML/JSON files or a directory instead of a cluster (repeatable)' },
	demo: { type: 'boolean', help: 'use the bundled demo cluster' },
	kubeconfig: { type: 'string', value: 'FILE', help: 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' },
	context: { type: 'string', value: 'NAME', help: 'kubeconfig context to use (default: the current one)' },
	namespace: { type: 'string', shortFlag: 'n', value: 'NS', help: 'only this namespace' },
	allNamespaces: { type: 'boolean', shortFlag: 'A', help: 'every namespace' },
	output: { type: 'string', shortFlag: 'o', value: 'text|json|wide', help: 'report format (default text; wide: tables with every column, nothing cut)' },
	node: { type: 'string', value: 'NAME', help: "the node whose kube-proxy rules are shown (iptables, nftables, trace, detail)" },
	nodeIp: { type: 'string', value: 'IP[,IP]', help: "the node's addresses, primary first" },
	clusterCidr: { type: 'string', value: 'CIDR[,CIDR]', help: 'pod network, for the local-traffic detector' },
	masqueradeAll: { type: 'boolean', help: 'kube-proxy masquerades all Service traffic' },
	proxyConfig: { type: 'string', value: 'FILE', help: "a KubeProxyConfiguration (the kube-proxy ConfigMap's config.conf)" },
	class: { type: 'string', value: 'NAME', help: 'IngressClass whose routing is shown (default: the default class)' },
	clusterDomain: { type: 'string', value: 'DOMAIN', help: 'cluster DNS domain (default cluster.local)' },
	service: { type: 'string', value: 'NS/NAME', help: "iptables, nftables: only this Service's rules" },
	from: { type: 'string', value: 'IP', help: "trace: the packet's source address" },
	to: { type: 'string', value: 'IP:PORT[/PROTO]', help: "trace: the packet's destination" },
	color: { type: 'boolean', help: 'use --no-color for plain text (NO_COLOR is honoured too)' },
	proxyMode: { type: 'string', value: 'iptables|nftables', help: "kube-proxy's mode on the node (default: the KubeProxyConfiguration's mode, else iptables)" },
	file: { type: 'string', value: 'FILE', help: 'capture: write to FILE instead of stdout' },
	gateway: { type: 'string', value: 'NS/NAME', help: 'route: the Gateway the request is sent to (default: the one whose listeners match the host)' },
	method: { type: 'string', value: 'M', help: "route: the request's method (HTTPRoute method matches)" },
	header: { type: 'string', isMultiple: true, value: 'K=V', help: 'route: a request header (repeatable; HTTPRoute/GRPCRoute header matches; content-type=application/grpc: a gRPC call)' },
};

export function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `--name` → spec name, for every long and short spelling. */
function lookup(): Map<string, { name: string; spec: FlagSpec }> {
	const map = new Map<string, { name: string; spec: FlagSpec }>();
	for (const [name, spec] of Object.entries(flagSpecs)) {
		map.set(`--${kebab(name)}`, { name, spec });
		if (spec.shortFlag) map.set(`-${spec.shortFlag}`, { name, spec });
		if (spec.type === 'boolean') map.set(`--no-${kebab(name)}`, { name, spec });
	}
	map.set('--help', { name: 'help', spec: { type: 'boolean', help: '' } });
	map.set('-h', { name: 'help', spec: { type: 'boolean', help: '' } });
	map.set('--version', { name: 'version', spec: { type: 'boolean', help: '' } });
	return map;
}

/** Throws a UsageError naming the first unknown flag or the first flag missing its value. */
export function validateArgv(argv: readonly string[]): void {
	const known = lookup();
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i]!;
		if (token === '--') return;
		if (!token.startsWith('-') || token === '-') continue;
		const [flag, inline] = token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
		const hit = known.get(flag);
		if (!hit) {
			throw new UsageError(`unknown flag ${flag}; see kubewire --help for the flags there are`);
		}
		if (hit.spec.type !== 'string') continue;
		if (inline !== undefined) {
			if (inline === '') throw new UsageError(`${flag} needs a value (${hit.spec.value ?? 'a value'})`);
			continue;
		}
		const next = argv[i + 1];
		if (next === undefined || (next.startsWith('-') && next !== '-')) {
			throw new UsageError(`${flag} needs a value (${hit.spec.value ?? 'a value'})`);
		}
		i++;
	}
}

type MeowFlag =
	| { type: 'string'; shortFlag?: string; isMultiple?: boolean }
	| { type: 'boolean'; shortFlag?: string; default?: boolean };

export function meowFlags(): Record<string, MeowFlag> {
	const out: Record<string, MeowFlag> = {};
	for (const [name, spec] of Object.entries(flagSpecs)) {
		out[name] =
			spec.type === 'string'
				? { type: 'string', shortFlag: spec.shortFlag, isMultiple: spec.isMultiple }
				: { type: 'boolean', shortFlag: spec.shortFlag, ...(name === 'color' ? { default: true } : {}) };
	}
	return out;
}

/** Turns meow's loose result into typed Flags, checking values that have a fixed form. */
export function toFlags(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Flags {
	const s = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
	const output = s('output') ?? 'text';
	if (output !== 'text' && output !== 'json' && output !== 'wide') {
		throw new UsageError(`--output must be text, json or wide, not "${output}"`);
	}
	const proxyMode = s('proxyMode');
	if (proxyMode !== undefined && proxyMode !== 'iptables' && proxyMode !== 'nftables') {
		throw new UsageError(`--proxy-mode must be iptables or nftables, not "${proxyMode}"`);
	}
	const fixtures = Array.isArray(raw['fixtures']) ? (raw['fixtures'] as string[]).filter(Boolean) : [];
	// NO_COLOR: any non-empty value turns colour off (no-color.org).
	const color = raw['color'] !== false && !(env['NO_COLOR'] ?? '');
	return {
		fixtures,
		demo: raw['demo'] === true,
		kubeconfig: s('kubeconfig'),
		context: s('context'),
		namespace: s('namespace'),
		allNamespaces: raw['allNamespaces'] === true,
		output,
		node: s('node'),
		nodeIp: s('nodeIp'),
		clusterCidr: s('clusterCidr'),
		masqueradeAll: raw['masqueradeAll'] === true,
		proxyConfig: s('proxyConfig'),
		class: s('class'),
		clusterDomain: s('clusterDomain') ?? 'cluster.local',
		service: s('service'),
		from: s('from'),
		to: s('to'),
		color,
		proxyMode,
		file: s('file'),
		gateway: s('gateway'),
		method: s('method'),
		header: Array.isArray(raw['header']) ? (raw['header'] as string[]).filter(Boolean) : [],
	};
}

export function flagHelp(): string {
	const rows = Object.entries(flagSpecs).map(([name, spec]) => {
		const short = spec.shortFlag ? `-${spec.shortFlag}, ` : '    ';
		const long = name === 'color' ? '--no-color' : `--${kebab(name)}${spec.value ? ` ${spec.value}` : ''}`;
		return [`${short}${long}`, spec.help] as const;
	});
	const width = Math.max(...rows.map(([left]) => left.length));
	return rows.map(([left, help]) => `    ${left.padEnd(width)}  ${help}`).join('\n');
}
