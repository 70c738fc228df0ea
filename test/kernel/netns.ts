/**
 * A throw-away lab for the kernel tests: a "node" namespace (kube-proxy's rules, the node's
 * addresses on a veth, the default route out of a second veth standing for the pod network), a
 * "client" namespace at the other end of the first veth, and a "pods" namespace at the end of the
 * second that swallows what the node forwards (no dummy interfaces: containers often lack them). Only addresses inside these
 * namespaces are used; every command is bounded by a timeout; the names are unique per run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const probeScript = fileURLToPath(new URL('./probe.mjs', import.meta.url));
const listenScript = fileURLToPath(new URL('./listen.mjs', import.meta.url));
const nodeMac = '02:6b:77:00:00:01';
const clientMac = '02:6b:77:00:00:02';
/** Link-local next hops between the two namespaces (static neighbours: no ARP to wait for). */
const nodeHop = '169.254.77.1';
const clientHop = '169.254.77.2';
const podsMac = '02:6b:77:00:00:03';
const podsHop = '169.254.78.2';
const nodeHop6 = 'fe80::77:1';
const clientHop6 = 'fe80::77:2';
const podsHop6 = 'fe80::78:2';

const bits = (ip: string) => (ip.includes(':') ? 128 : 32);

export function run(command: string, args: string[], input?: string): string {
	const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000, input: input ?? '' });
	if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
	return result.stdout;
}

/** Why the kernel tests cannot run here, or undefined when they can. Computed once, at load time. */
export function whyNoKernel(): string | undefined {
	if (process.platform !== 'linux') return `not Linux (${process.platform})`;
	if (process.getuid?.() !== 0) return 'not root (network namespaces and netfilter need root)';
	const missing = ['ip', 'nft', 'iptables', 'iptables-restore', 'nfacct', 'conntrack'].filter(
		(tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { timeout: 5_000 }).status !== 0,
	);
	if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install -y iptables nftables nfacct conntrack iproute2)`;
	const probe = `kwprobe-${randomBytes(4).toString('hex')}`;
	const made = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8', timeout: 5_000 });
	if (made.status !== 0) return `cannot create a network namespace: ${(made.stderr ?? '').trim() || 'ip netns add failed'}`;
	spawnSync('ip', ['netns', 'del', probe], { timeout: 5_000 });
	return undefined;
}

export interface ProbeSpec {
	id: number;
	proto: 'tcp' | 'udp';
	src: string;
	sport: number;
	dst: string;
	dport: number;
	waitMs: number;
}

export interface ConntrackEntry {
	proto: string;
	orig: { src: string; dst: string; sport: number; dport: number };
	reply: { src: string; dst: string; sport: number; dport: number };
}

export class Lab {
	readonly node: string;
	readonly client: string;
	readonly pods: string;
	private clientAddresses: string[] = [];

	constructor(tag: string) {
		const id = randomBytes(3).toString('hex');
		this.node = `kw-${tag}-${id}-node`;
		this.client = `kw-${tag}-${id}-cli`;
		this.pods = `kw-${tag}-${id}-pods`;
	}

	in(ns: string, command: string, args: string[], input?: string): string {
		return run('ip', ['netns', 'exec', ns, command, ...args], input);
	}

	create(): void {
		run('ip', ['netns', 'add', this.node]);
		run('ip', ['netns', 'add', this.client]);
		run('ip', ['netns', 'add', this.pods]);
		const n = (...args: string[]) => run('ip', ['-n', this.node, ...args]);
		const c = (...args: string[]) => run('ip', ['-n', this.client, ...args]);
		n('link', 'add', 'node0', 'address', nodeMac, 'type', 'veth', 'peer', 'name', 'cli0', 'address', clientMac, 'netns', this.client);
		n('link', 'add', 'pods0', 'type', 'veth', 'peer', 'name', 'sink0', 'address', podsMac, 'netns', this.pods);
		n('addr', 'add', '10.255.255.254/32', 'dev', 'pods0');
		n('addr', 'add', 'fd77::fffe/128', 'dev', 'pods0', 'nodad');
		for (const dev of ['lo', 'node0', 'pods0']) n('link', 'set', dev, 'up');
		for (const dev of ['lo', 'cli0']) c('link', 'set', dev, 'up');
		run('ip', ['-n', this.pods, 'link', 'set', 'sink0', 'up']);
		n('route', 'add', 'default', 'via', podsHop, 'dev', 'pods0', 'onlink');
		n('neigh', 'replace', podsHop, 'lladdr', podsMac, 'dev', 'pods0', 'nud', 'permanent');
		n('-6', 'route', 'add', 'default', 'via', podsHop6, 'dev', 'pods0');
		n('-6', 'neigh', 'replace', podsHop6, 'lladdr', podsMac, 'dev', 'pods0', 'nud', 'permanent');
		this.in(this.node, 'sysctl', ['-qw', 'net.ipv6.conf.all.forwarding=1', 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0', 'net.ipv4.conf.node0.rp_filter=0', 'net.ipv4.conf.pods0.rp_filter=0']);
		// A REJECT answers with an ICMP error, and the kernel limits those per peer (icmp_ratelimit,
		// 1 s after a burst of about six): the demo's flows all come from one client address, so a
		// run of rejected flows had the later answers suppressed and read as DROP. Both settings
		// belong to the namespace.
		this.in(this.node, 'sysctl', ['-qw', 'net.ipv4.icmp_ratelimit=0', 'net.ipv6.icmp.ratelimit=0']);
		this.in(this.client, 'sysctl', ['-qw', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0', 'net.ipv4.conf.cli0.rp_filter=0']);
		// The client only needs answers (SYN-ACK, RST, ICMP errors): a hairpin connection DNATed back
		// to a client address must not be refused there, or conntrack would forget it at once.
		this.in(this.client, 'nft', ['-f', '-'], [
			'add table inet kwclient',
			'add chain inet kwclient in { type filter hook input priority 0 ; }',
			'add rule inet kwclient in tcp flags & (syn | ack) == syn drop',
			'add rule inet kwclient in meta l4proto udp drop',
		].join('\n'));
	}

	/** Listens on the node for the ports packets may be delivered to unchanged; stop() ends it. */
	async listen(ports: readonly { proto: 'tcp' | 'udp'; port: number }[]): Promise<{ stop: () => void }> {
		const child = spawn('ip', ['netns', 'exec', this.node, process.execPath, listenScript, JSON.stringify(ports)], { stdio: ['pipe', 'pipe', 'pipe'] });
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('the node\'s listener did not start within 10s')), 10_000);
			let text = '';
			child.stdout.on('data', (chunk: Buffer) => {
				text += chunk.toString();
				if (text.includes('ready')) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.on('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the node's listener exited ${code}`));
			});
		});
		return { stop: () => child.stdin.end() };
	}

	/** The node's own addresses on its veth; the clients' addresses at the other end, routed back. */
	addresses(nodeIPs: readonly string[], clients: readonly string[]): void {
		run('ip', ['-n', this.node, 'addr', 'flush', 'dev', 'node0']);
		// IPv6 addresses skip duplicate address detection: no second of waiting.
		const add = (ns: string, ip: string, dev: string) => run('ip', ['-n', ns, 'addr', 'add', `${ip}/${bits(ip)}`, 'dev', dev, ...(ip.includes(':') ? ['nodad'] : [])]);
		for (const ip of nodeIPs) add(this.node, ip, 'node0');
		for (const ip of this.clientAddresses) spawnSync('ip', ['-n', this.node, 'route', 'del', `${ip}/${bits(ip)}`], { timeout: 5_000 });
		run('ip', ['-n', this.client, 'addr', 'flush', 'dev', 'cli0']);
		for (const ip of clients) {
			add(this.client, ip, 'cli0');
			const via = ip.includes(':') ? [clientHop6] : [clientHop];
			run('ip', ['-n', this.node, 'route', 'replace', `${ip}/${bits(ip)}`, 'via', ...via, 'dev', 'node0', ...(ip.includes(':') ? [] : ['onlink'])]);
		}
		// Removing a device's last address drops its routes: the client's way out is set again.
		run('ip', ['-n', this.client, 'route', 'replace', 'default', 'via', nodeHop, 'dev', 'cli0', 'onlink']);
		run('ip', ['-n', this.client, '-6', 'route', 'replace', 'default', 'via', nodeHop6, 'dev', 'cli0']);
		run('ip', ['-n', this.client, 'neigh', 'replace', nodeHop, 'lladdr', nodeMac, 'dev', 'cli0', 'nud', 'permanent']);
		run('ip', ['-n', this.client, '-6', 'neigh', 'replace', nodeHop6, 'lladdr', nodeMac, 'dev', 'cli0', 'nud', 'permanent']);
		run('ip', ['-n', this.node, 'neigh', 'replace', clientHop, 'lladdr', clientMac, 'dev', 'node0', 'nud', 'permanent']);
		run('ip', ['-n', this.node, '-6', 'neigh', 'replace', clientHop6, 'lladdr', clientMac, 'dev', 'node0', 'nud', 'permanent']);
		this.clientAddresses = [...clients];
	}

	/** Like probe(), without blocking: the client's and the node's probes run side by side. */
	probeAsync(ns: string, probes: readonly ProbeSpec[]): Promise<Map<number, string>> {
		if (probes.length === 0) return Promise.resolve(new Map());
		return new Promise((resolve, reject) => {
			const child = spawn('ip', ['netns', 'exec', ns, process.execPath, probeScript], { stdio: ['pipe', 'pipe', 'pipe'] });
			const timer = setTimeout(() => child.kill(), 30_000);
			let out = '';
			let err = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
			child.on('close', (code) => {
				clearTimeout(timer);
				if (code !== 0) reject(new Error(`probe in ${ns} exited ${code}: ${err.trim()}`));
				else resolve(new Map((JSON.parse(out) as { id: number; outcome: string }[]).map((r) => [r.id, r.outcome])));
			});
			child.stdin.end(JSON.stringify(probes));
		});
	}

	/** Runs the probes in one namespace at once (one process), each waiting at most its waitMs. */
	probe(ns: string, probes: readonly ProbeSpec[]): Map<number, string> {
		if (probes.length === 0) return new Map();
		const out = this.in(ns, process.execPath, [probeScript], JSON.stringify(probes));
		return new Map((JSON.parse(out) as { id: number; outcome: string }[]).map((r) => [r.id, r.outcome]));
	}

	conntrack(): ConntrackEntry[] {
		let text = '';
		for (const family of ['ipv4', 'ipv6']) {
			const result = spawnSync('ip', ['netns', 'exec', this.node, 'conntrack', '-L', '-f', family], { encoding: 'utf8', timeout: 20_000 });
			if (result.status !== 0) throw new Error(`conntrack -L -f ${family}: ${result.stderr.trim()}`);
			text += result.stdout;
		}
		const entries: ConntrackEntry[] = [];
		for (const line of text.split('\n')) {
			const proto = line.split(/\s+/)[0] ?? '';
			const pairs = [...line.matchAll(/(src|dst|sport|dport)=(\S+)/g)].map((m) => [m[1]!, m[2]!] as const);
			if (pairs.length < 8) continue;
			const tuple = (list: (readonly [string, string])[]) => {
				const get = (k: string) => list.find(([key]) => key === k)?.[1] ?? '';
				return { src: get('src'), dst: get('dst'), sport: Number(get('sport')), dport: Number(get('dport')) };
			};
			entries.push({ proto, orig: tuple(pairs.slice(0, 4)), reply: tuple(pairs.slice(4, 8)) });
		}
		return entries;
	}

	flushConntrack(): void {
		for (const family of ['ipv4', 'ipv6']) spawnSync('ip', ['netns', 'exec', this.node, 'conntrack', '-F', '-f', family], { timeout: 10_000 });
	}

	destroy(): void {
		for (const ns of [this.node, this.client, this.pods]) spawnSync('ip', ['netns', 'del', ns], { timeout: 10_000 });
	}
}
