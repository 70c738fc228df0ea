/**
 * The real Linux kernel as the judge of kubewire's rules. In a fresh pair of network namespaces
 * (root only), kubewire's iptables output (iptables-restore, plus the nfacct objects and the jumps
 * from the built-in chains kube-proxy installs itself) and its nftables output (nft -f) are loaded
 * as printed; real TCP and UDP packets are sent from a client namespace and from the node itself;
 * the kernel's verdict (conntrack's DNAT target and masquerade, REJECT vs DROP) must be the one
 * `trace` gives, on the vectors' flows and on the demo cluster. A few hundred connections to a
 * 2- and a 3-endpoint Service must split evenly: iptables' cascading 1/2, 1/3 probabilities and
 * nftables' numgen, measured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../source/cluster/demo.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { proxySettingsFor, type ProxySettings } from '../../source/model/iptables/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { caseNames as iptCaseNames, loadCase as loadIptCase, settingsOf as iptSettingsOf } from '../iptables/vector-case.js';
import { caseNames as nftCaseNames, loadCase as loadNftCase, nftSettingsOf } from '../nftables/vector-case.js';
import { expected, generatedFlows, hostOf, kernelVerdict, modeRules, sendable, type KernelFlow, type Mode, type Verdict } from './flows.js';
import { Lab, whyNoKernel, type ProbeSpec } from './netns.js';

const why = whyNoKernel();
const onCI = process.env['CI'] === 'true' && process.getuid?.() === 0;
/** Long enough for an ICMP error or a SYN-ACK inside the namespaces (microseconds), short enough for CI. */
const waitMs = 400;

/** The jumps kube-proxy adds to the built-in chains itself (iptables-spec.md §4.3), in its insertion order. */
const baseJumps: [string, string, string][] = [
	['filter', 'INPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES'],
	['filter', 'FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES'],
	['filter', 'INPUT', '-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS'],
	['filter', 'FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
	['filter', 'OUTPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
	['filter', 'FORWARD', '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD'],
	['filter', 'INPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL'],
	['filter', 'OUTPUT', '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL'],
	['filter', 'FORWARD', '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL'],
	['nat', 'OUTPUT', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
	['nat', 'PREROUTING', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
	['nat', 'POSTROUTING', '-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING'],
];

/** iptables-restore input for the built-in chains' jumps, inserted at the top as kube-proxy does. */
function baseJumpText(rules: string): string {
	const out: string[] = [];
	for (const table of ['filter', 'nat']) {
		out.push(`*${table}`);
		const jumps = baseJumps.filter(([t]) => t === table).map(([, chain, args]) => `-I ${chain} ${args}`);
		if (table === 'filter' && /^:KUBE-FIREWALL /m.test(rules)) jumps.push('-I INPUT -j KUBE-FIREWALL', '-I OUTPUT -j KUBE-FIREWALL');
		out.push(...jumps, 'COMMIT');
	}
	return `${out.join('\n')}\n`;
}

function load(lab: Lab, mode: Mode, text: string): void {
	if (mode === 'nftables') {
		lab.in(lab.node, 'nft', ['flush', 'ruleset']);
		lab.in(lab.node, 'nft', ['-f', '-'], text);
		return;
	}
	lab.in(lab.node, 'iptables-restore', [], text);
	lab.in(lab.node, 'iptables-restore', ['--noflush'], baseJumpText(text));
}

interface Outcome {
	flow: KernelFlow;
	kernel: Verdict;
	kubewire: Verdict;
	/** The kernel sent it to the node's own address: delivered over loopback, never masqueraded. */
	toNode: boolean;
}

/** Loads the rules, sends every flow once and reads the kernel's verdict for each. */
async function judge(lab: Lab, mode: Mode, snapshot: Snapshot, settings: ProxySettings, flows: readonly KernelFlow[]): Promise<Outcome[]> {
	const { text, traceOf } = modeRules(mode, snapshot, settings);
	load(lab, mode, text);
	lab.flushConntrack();
	const nodeIPs = settings.nodeIPs;
	const usable = flows.filter((f) => sendable(f) && traceOf(f).verdict !== 'ACCEPT');
	const clients = [...new Set(usable.map((f) => f.source).filter((ip) => !nodeIPs.includes(ip)))];
	const checked = usable.filter((f) => !clients.includes(f.destination));
	lab.addresses(nodeIPs, clients);
	const probes: ProbeSpec[] = checked.map((f, id) => ({
		id,
		proto: f.protocol.toLowerCase() === 'udp' ? 'udp' : 'tcp',
		src: f.source,
		// Above the NodePort range (30000–32767): the node listens on NodePorts, and a probe bound
		// to one of them from the node itself would fail before it sent anything.
		sport: 40000 + id,
		dst: f.destination,
		dport: f.port,
		waitMs,
	}));
	const fromNode = probes.filter((p) => nodeIPs.includes(p.src));
	// The node answers on its own addresses: for packets left alone, and for endpoints on the node's network (hostNetwork pods).
	const local = new Map(probes.filter((p) => nodeIPs.includes(p.dst)).map((p) => [`${p.proto}/${p.dport}`, { proto: p.proto, port: p.dport }]));
	for (const p of probes) {
		for (const target of traceOf(checked[p.id]!).targets) {
			const port = Number(target.slice(target.lastIndexOf(':') + 1));
			if (nodeIPs.includes(hostOf(target))) local.set(`${p.proto}/${port}`, { proto: p.proto, port });
		}
	}
	const listener = await lab.listen([...local.values()]);
	let outcomes: Map<number, string>;
	try {
		const [fromClient, fromItself] = await Promise.all([lab.probeAsync(lab.client, probes.filter((p) => !nodeIPs.includes(p.src))), lab.probeAsync(lab.node, fromNode)]);
		outcomes = new Map([...fromClient, ...fromItself]);
	} finally {
		listener.stop();
	}
	const entries = lab.conntrack();
	return checked.map((flow, id) => {
		const p = probes[id]!;
		const entry = entries.find((e) => e.proto === p.proto && e.orig.src === p.src && e.orig.sport === p.sport);
		const kernel = kernelVerdict(entry, outcomes.get(id));
		const toNode = kernel.targets.some((t) => nodeIPs.includes(hostOf(t)));
		return { flow, kernel, kubewire: expected(traceOf(flow)), toNode };
	});
}

function expectAgreement(outcomes: readonly Outcome[]): void {
	const disagreements = outcomes
		.filter(({ kernel, kubewire, toNode }) => {
			// trace reports the masquerade mark, as kube-proxy's tracer does; a packet DNATed to the
			// node itself carries the mark but goes out no interface, so the kernel has nothing to masquerade.
			if (kernel.verdict !== kubewire.verdict || (!toNode && kernel.masquerade !== kubewire.masquerade)) return true;
			return kernel.verdict === 'DNAT' && !kubewire.targets.includes(kernel.targets[0]!);
		})
		.map(({ flow, kernel, kubewire }) => `${flow.name} (${flow.source} → ${flow.destination}:${flow.port}/${flow.protocol}): kernel ${JSON.stringify(kernel)}, trace ${JSON.stringify(kubewire)}`);
	expect(disagreements).toEqual([]);
	expect(outcomes.length).toBeGreaterThan(0);
}

const splitCluster = `
apiVersion: v1
kind: Service
metadata: {name: two, namespace: split}
spec: {clusterIP: 172.30.9.2, ports: [{name: p, port: 80, protocol: TCP}]}
---
apiVersion: v1
kind: Service
metadata: {name: three, namespace: split}
spec: {clusterIP: 172.30.9.3, ports: [{name: p, port: 80, protocol: TCP}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: two-a, namespace: split, labels: {kubernetes.io/service-name: two}}
addressType: IPv4
ports: [{name: p, port: 8080, protocol: TCP}]
endpoints:
- {addresses: [10.180.9.1], conditions: {ready: true}}
- {addresses: [10.180.9.2], conditions: {ready: true}}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: three-a, namespace: split, labels: {kubernetes.io/service-name: three}}
addressType: IPv4
ports: [{name: p, port: 8080, protocol: TCP}]
endpoints:
- {addresses: [10.180.9.11], conditions: {ready: true}}
- {addresses: [10.180.9.12], conditions: {ready: true}}
- {addresses: [10.180.9.13], conditions: {ready: true}}
`;

function kernelSuite(mode: Mode): void {
	describe(`${mode} rules in the kernel`, () => {
		const lab = new Lab(mode === 'nftables' ? 'nft' : 'ipt');
		beforeAll(() => {
			lab.create();
			if (mode === 'iptables') {
				for (const name of ['localhost_nps_accepted_pkts', 'ct_state_invalid_dropped_pkts']) lab.in(lab.node, 'nfacct', ['add', name]);
			}
		});
		afterAll(() => lab.destroy());

		const cases = mode === 'nftables'
			? nftCaseNames().map((name) => { const c = loadNftCase(name); return { name, snapshot: c.snapshot, flows: c.flows, settings: () => nftSettingsOf(c).settings }; })
			: iptCaseNames().map((name) => { const c = loadIptCase(name); return { name, snapshot: c.snapshot, flows: c.flows, settings: () => iptSettingsOf(c).settings }; });
		for (const c of cases) {
			if (c.flows.some(sendable)) {
				it(`agrees with trace on the ${c.name} flows`, async () => {
					expectAgreement(await judge(lab, mode, c.snapshot, c.settings(), c.flows));
				});
				continue;
			}
			// Cases that assert only rule text (affinity, firewall, …): the ruleset must load, and a
			// packet to each of its addresses must meet the fate trace gives it.
			it(`loads the ${c.name} ruleset and agrees with trace on every address and port`, async () => {
				const settings = c.settings();
				const nodeIP = settings.nodeIPs.find((ip) => !ip.includes(':'));
				if (nodeIP === undefined) return;
				const rules = modeRules(mode, c.snapshot, settings);
				const flows = generatedFlows(rules.ports, '10.0.77.7', '198.51.100.7', nodeIP);
				if (flows.length > 0) expectAgreement(await judge(lab, mode, c.snapshot, settings, flows));
				else {
					// Nothing is proxied (headless, ExternalName): the fixed rules alone must load.
					load(lab, mode, rules.text);
					const listed = mode === 'nftables' ? lab.in(lab.node, 'nft', ['list', 'table', 'ip', 'kube-proxy']) : lab.in(lab.node, 'iptables-save', ['-t', 'nat']);
					expect(listed).toContain(mode === 'nftables' ? 'chain services' : ':KUBE-SERVICES');
				}
			});
		}

		it('agrees with trace on every address and port of the demo cluster (worker-1)', async () => {
			const snapshot = loadDemo();
			const settings = proxySettingsFor(snapshot, { node: 'worker-1', mode }).settings;
			const nodeIP = settings.nodeIPs[0]!;
			// A pod that is no endpoint, an address outside the cluster, and the node itself.
			const flows = generatedFlows(modeRules(mode, snapshot, settings).ports, '10.244.250.7', '198.51.100.7', nodeIP);
			expectAgreement(await judge(lab, mode, snapshot, settings, flows));
		});

		it('splits a few hundred connections evenly over 2 and 3 endpoints', () => {
			const snapshot = snapshotFromYaml(splitCluster, 'split.yaml');
			const settings = proxySettingsFor(snapshot, { node: 'test-node', nodeIPs: ['192.168.0.2'], clusterCIDRs: ['10.0.0.0/8'], mode }).settings;
			load(lab, mode, modeRules(mode, snapshot, settings).text);
			lab.flushConntrack();
			lab.addresses(['192.168.0.2'], ['10.0.9.9']);
			const n = 300;
			const probes: ProbeSpec[] = [];
			for (let i = 0; i < 2 * n; i++) {
				probes.push({ id: i, proto: 'tcp', src: '10.0.9.9', sport: 20000 + i, dst: i < n ? '172.30.9.2' : '172.30.9.3', dport: 80, waitMs });
			}
			lab.probe(lab.client, probes);
			const counts = new Map<string, number>();
			for (const e of lab.conntrack()) {
				if (e.orig.src !== '10.0.9.9') continue;
				const key = `${e.orig.dst} ${e.reply.src}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			for (const [vip, endpoints] of [['172.30.9.2', ['10.180.9.1', '10.180.9.2']], ['172.30.9.3', ['10.180.9.11', '10.180.9.12', '10.180.9.13']]] as const) {
				const k = endpoints.length;
				const got = endpoints.map((ep) => counts.get(`${vip} ${ep}`) ?? 0);
				// Each share is binomial(n, 1/k); 4.5 standard deviations make a false failure about 1 in 10^5.
				const sd = Math.sqrt(n * (1 / k) * (1 - 1 / k));
				expect(got.reduce((a, b) => a + b, 0), `${vip}: every connection DNATed`).toBe(n);
				for (const count of got) expect(Math.abs(count - n / k), `${vip} split ${got.join('/')}`).toBeLessThan(4.5 * sd);
			}
		});
	});
}

if (why === undefined) {
	kernelSuite('iptables');
	kernelSuite('nftables');
} else if (onCI) {
	it('has root, network namespaces and the netfilter tools (CI must run the kernel tests)', () => {
		throw new Error(`kernel tests cannot run on CI: ${why}`);
	});
} else {
	console.log(`kernel tests skipped: ${why}`);
	it.skip(`kernel tests skipped: ${why}`, () => {});
}
