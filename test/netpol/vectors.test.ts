/**
 * Golden connectivity vectors (test/netpol/vectors/, copied from the shared vectors with their
 * source.txt): the Kubernetes e2e NetworkPolicy truth tables (pod pairs, one port each) and the
 * np-guard netpol-analyzer connection lists (workload and address-range pairs, whole port sets).
 * Every row is a test of `connectionVerdict`, both ends judged.
 *
 * netpol-analyzer treats host-network pods like other pods; kubewire does not (netpol-spec.md
 * section 8), so rows marked `hostNetwork` are checked to exist and left out of the comparison.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import type { Pod, Protocol, Snapshot } from '../../source/cluster/snapshot.js';
import { connectionVerdict, NetworkPolicyIndex, type PolicyEnd } from '../../source/model/netpol/index.js';
import { standInPod } from '../../source/model/reach/stand-in.js';
import { allWorkloads } from '../../source/model/workloads.js';

const dir = fileURLToPath(new URL('./vectors/', import.meta.url));
const cases = readdirSync(dir).filter((d) => d.startsWith('e2e-') || d.startsWith('npa-')).sort();

function rows(file: string): string[][] {
	const [, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
	return lines.map((l) => l.split('\t'));
}

function podEnd(pod: Pod): PolicyEnd {
	return { pod, ip: pod.podIP || undefined };
}

describe('e2e truth tables', () => {
	for (const name of cases.filter((c) => c.startsWith('e2e-'))) {
		describe(name, () => {
			const snapshot = loadFiles([`${dir}${name}/cluster.yaml`]);
			const index = new NetworkPolicyIndex(snapshot);
			const pod = (text: string) => {
				const [ns, podName] = text.split('/');
				const found = snapshot.pods.find((p) => p.namespace === ns && p.name === podName);
				if (!found) throw new Error(`no pod ${text} in ${name}`);
				return found;
			};
			for (const [from, to, portProto, expected] of rows(`${dir}${name}/reachability.tsv`)) {
				it(`${from} -> ${to} ${portProto} is ${expected === 'true' ? 'allowed' : 'blocked'}`, () => {
					const [port, protocol] = portProto!.split('/');
					const verdict = connectionVerdict(index, podEnd(pod(from!)), podEnd(pod(to!)), Number(port), protocol as Protocol);
					expect(verdict.allowed).toBe(expected === 'true');
				});
			}
		});
	}
});

/** The allowed set of one netpol-analyzer connection string, per protocol as port ranges. */
function parseAllowed(text: string): Map<Protocol, [number, number][]> {
	const out = new Map<Protocol, [number, number][]>();
	if (text === 'No Connections') return out;
	if (text === 'All Connections') {
		for (const p of ['TCP', 'UDP', 'SCTP'] as const) out.set(p, [[1, 65535]]);
		return out;
	}
	let current: [number, number][] = [];
	for (const part of text.split(',')) {
		const m = /^(TCP|UDP|SCTP) (.*)$/.exec(part);
		const range = m ? m[2]! : part;
		if (m) {
			current = [];
			out.set(m[1] as Protocol, current);
		}
		const [a, b] = range.split('-').map(Number);
		current.push([a!, b ?? a!]);
	}
	return out;
}

/** Ports worth asking about: every bound of the expected ranges and its neighbours, and a few fixed ones. */
function probePorts(allowed: Map<Protocol, [number, number][]>): number[] {
	const set = new Set([1, 53, 80, 443, 3000, 5000, 8080, 9090, 50051, 65535]);
	for (const ranges of allowed.values()) for (const [a, b] of ranges) for (const p of [a - 1, a, a + 1, b - 1, b, b + 1]) set.add(p);
	return [...set].filter((p) => p >= 1 && p <= 65535).sort((x, y) => x - y);
}

function ipv4(n: number): string {
	return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function ipv4Number(text: string): number {
	return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** netpol-analyzer's peers: `ns/name[Kind]` for a workload (pods by owner, or its template), or an IPv4 range. */
function npaPeers(snapshot: Snapshot): Map<string, Pod> {
	const peers = new Map<string, Pod>();
	for (const pod of snapshot.pods) {
		const owner = pod.owner?.controller && pod.owner.kind !== 'Node' ? pod.owner : undefined;
		const key = owner ? `${pod.namespace}/${owner.name}[${owner.kind}]` : `${pod.namespace}/${pod.name}[Pod]`;
		if (!peers.has(key)) peers.set(key, pod);
	}
	for (const w of allWorkloads(snapshot)) {
		const key = `${w.namespace}/${w.name}[${w.kind}]`;
		if (!peers.has(key)) peers.set(key, standInPod(w));
	}
	return peers;
}

function npaEnds(text: string, peers: Map<string, Pod>): PolicyEnd[] {
	const range = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (range) {
		const a = ipv4Number(range[1]!);
		const b = ipv4Number(range[2]!);
		// netpol-analyzer never matches pods by ipBlock: its pods carry no address here.
		return [...new Set([a, Math.floor((a + b) / 2), b])].map((n) => ({ ip: ipv4(n) }));
	}
	const pod = peers.get(text);
	if (!pod) throw new Error(`no workload ${text}`);
	return [{ pod }];
}

describe('netpol-analyzer connection lists', () => {
	for (const name of cases.filter((c) => c.startsWith('npa-'))) {
		describe(name, () => {
			const snapshot = loadFiles([`${dir}${name}/cluster.yaml`]);
			const index = new NetworkPolicyIndex(snapshot);
			const peers = npaPeers(snapshot);
			for (const [src, dst, allowedText, note] of rows(`${dir}${name}/connections.tsv`)) {
				if (note === 'hostNetwork') {
					it(`${src} -> ${dst} (host network: judged differently, see netpol-spec.md section 8)`, () => {
						expect(npaEnds(src!, peers).length + npaEnds(dst!, peers).length).toBeGreaterThan(1);
					});
					continue;
				}
				it(`${src} -> ${dst}: ${allowedText}`, () => {
					const allowed = parseAllowed(allowedText!);
					const ports = probePorts(allowed);
					const mismatches: string[] = [];
					for (const from of npaEnds(src!, peers)) {
						for (const to of npaEnds(dst!, peers)) {
							for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
								const ranges = allowed.get(protocol) ?? [];
								for (const port of ports) {
									const want = ranges.some(([a, b]) => port >= a && port <= b);
									const got = connectionVerdict(index, from, to, port, protocol).allowed;
									if (got !== want) mismatches.push(`${from.ip ?? ''} ${to.ip ?? ''} ${protocol}/${port}: got ${got}`);
								}
							}
						}
					}
					expect(mismatches.slice(0, 5)).toEqual([]);
				});
			}
		});
	}
});
