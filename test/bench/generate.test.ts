/**
 * The benchmark's cluster generator: the same seed gives the same bytes (so figures can be
 * compared between runs), the cluster loads cleanly with the counts it claims, and the faults it
 * plants are the ones kubewire's diagnostics report, one finding per planted fault.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { scratchDir } from '../support/scratch.js';

const generator = fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url));
const dir = scratchDir('generate');

interface Summary {
	services: number;
	pods: number;
	nodes: number;
	namespaces: number;
	endpointSlices: number;
	ingresses: number;
	networkPolicies: number;
	secrets: number;
	broken: Record<'selectorTypo' | 'podsNotReady' | 'namedPortMissing' | 'ingressMissingService' | 'tlsSecretMissing', number>;
	bytes: number;
}

function generate(name: string, args: string[]): { file: string; summary: Summary } {
	const file = path.join(dir, name);
	const r = spawnSync(process.execPath, [generator, ...args, '--out', file], { encoding: 'utf8' });
	expect(r.stderr).toBe('');
	expect(r.status).toBe(0);
	return { file, summary: JSON.parse(r.stdout) as Summary };
}

const args = ['--services', '300', '--pods', '3000', '--nodes', '30'];
let first: { file: string; summary: Summary };

describe('bench/generate.mjs', () => {
	beforeAll(() => {
		first = generate('a.json', [...args, '--seed', '7']);
	});

	it('writes the same bytes for the same seed, and other bytes for another', () => {
		const again = generate('b.json', [...args, '--seed', '7']);
		const other = generate('c.json', [...args, '--seed', '8']);
		const bytes = readFileSync(first.file);
		expect(readFileSync(again.file).equals(bytes)).toBe(true);
		expect(readFileSync(other.file).equals(bytes)).toBe(false);
		expect(first.summary.bytes).toBe(bytes.length);
	});

	it('writes a kubectl-style List that loads cleanly with the counts it reports', () => {
		const snapshot = loadFiles([first.file]);
		const { summary } = first;
		expect(snapshot.skipped).toEqual([]);
		expect(snapshot.services).toHaveLength(summary.services);
		expect(snapshot.pods).toHaveLength(summary.pods);
		expect(snapshot.nodes).toHaveLength(summary.nodes);
		expect(snapshot.namespaces).toHaveLength(summary.namespaces);
		expect(snapshot.endpointSlices).toHaveLength(summary.endpointSlices);
		expect(snapshot.ingresses).toHaveLength(summary.ingresses);
		expect(snapshot.networkPolicies).toHaveLength(summary.networkPolicies);
		expect(snapshot.secrets).toHaveLength(summary.secrets);
		expect(snapshot.ingressClasses.map((c) => c.name)).toEqual(['nginx']);
		expect(snapshot.proxyConfig?.mode).toBe('iptables');
		// Every node carries pods, and every pod address lies in its node's podCIDR (a /24).
		const cidrOf = new Map(snapshot.nodes.map((n) => [n.name, n.podCIDRs[0]!.replace(/\.0\/24$/, '.')]));
		expect(new Set(snapshot.pods.map((p) => p.nodeName)).size).toBe(summary.nodes);
		for (const pod of snapshot.pods) expect(pod.podIP.startsWith(cidrOf.get(pod.nodeName)!)).toBe(true);
		// Slices hold at most 100 endpoints, as the EndpointSlice controller writes them.
		expect(Math.max(...snapshot.endpointSlices.map((s) => s.endpoints.length))).toBeLessThanOrEqual(100);
	});

	it('plants faults that the diagnostics report, one finding each', () => {
		const analysis = analyze(loadFiles([first.file]));
		const count = (code: string, severity = 'error') =>
			analysis.findings.filter((f) => f.code === code && f.severity === severity).length;
		const { broken } = first.summary;
		expect(broken.selectorTypo + broken.podsNotReady + broken.namedPortMissing).toBeGreaterThan(0);
		expect(count('KW101')).toBe(broken.selectorTypo);
		expect(count('KW202')).toBe(broken.namedPortMissing);
		expect(count('KW105')).toBe(broken.podsNotReady);
		expect(count('KW501')).toBe(broken.ingressMissingService);
		expect(count('KW504')).toBe(broken.tlsSecretMissing);
	});

	it('refuses a count that is not a whole number, naming the flag', () => {
		const r = spawnSync(process.execPath, [generator, '--services', 'many', '--out', path.join(dir, 'x.json')], { encoding: 'utf8' });
		expect(r.status).toBe(2);
		expect(r.stderr.trim()).toBe('generate: --services must be a whole number, not "many"');
	});
});
