/**
 * Issue 13: text tables written to a pipe or a file are never cut (every column, whole cells), as
 * `kubectl get` does, so `kubewire services | grep …` keeps TYPE and CLUSTER-IP and two long
 * names stay two different rows.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const long = 'a-service-name-long-enough-to-be-cut-on-any-terminal-of-eighty-columns';
const dir = scratchDir('uncut');
const file = path.join(dir, 'two-long-names.yaml');
writeFileSync(
	file,
	['one', 'two']
		.map((suffix, i) => `kind: Service\nmetadata: {name: ${long}-${suffix}, namespace: default}\nspec: {clusterIP: 10.96.0.${i + 10}, selector: {app: nothing-matches-${suffix}}, ports: [{port: 80}]}\n`)
		// A running pod of another app: the input holds pods, so "matches no pod" can be judged.
		.concat('kind: Pod\nmetadata: {name: other, namespace: default, labels: {app: other}}\nspec: {containers: [{name: c}]}\nstatus: {phase: Running, podIP: 10.244.0.9, conditions: [{type: Ready, status: "True"}]}\n')
		.join('---\n'),
);

describe('services written to a pipe', () => {
	it('keeps every column and whole cells: TYPE, CLUSTER-IP, the full names and problems', () => {
		const r = runCli(['services', '--fixtures', file]);
		expect(r.status, r.stderr).toBe(0);
		const [header, ...rows] = r.stdout.trimEnd().split('\n');
		expect(header!.split(/\s{2,}/)).toEqual(['STATUS', 'SERVICE', 'TYPE', 'CLUSTER-IP', 'PORTS', 'READY', 'PODS', 'PROBLEM']);
		expect(r.stdout).not.toContain('…');
		expect(rows.filter((l) => l.startsWith('✗'))).toEqual([
			expect.stringMatching(new RegExp(`default/${long}-one\\s+ClusterIP\\s+10\\.96\\.0\\.10\\s+80→80\\s+0/0\\*\\s+0\\s+KW101 selector matches no pod \\(\\+1\\)$`)),
			expect.stringMatching(new RegExp(`default/${long}-two\\s+ClusterIP\\s+10\\.96\\.0\\.11\\s+80→80\\s+0/0\\*\\s+0\\s+KW101 selector matches no pod \\(\\+1\\)$`)),
		]);
	});

	it('--output wide gives the same table', () => {
		const piped = runCli(['services', '--fixtures', file]);
		const wide = runCli(['services', '--fixtures', file, '--output', 'wide']);
		expect(wide.stdout).toBe(piped.stdout);
	});
});

describe('gateways written to a pipe', () => {
	// A traffic split whose backends cell holds two Services: cut at 80 columns, the second was lost.
	const split = path.join(dir, 'split.yaml');
	writeFileSync(
		split,
		[
			'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gateway, namespace: default}\nspec: {gatewayClassName: nginx, listeners: [{name: http, port: 80, protocol: HTTP}]}\n',
			'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: cafe-route, namespace: default}\nspec:\n  parentRefs: [{name: gateway}]\n  hostnames: [cafe.example.com]\n  rules: [{matches: [{path: {type: PathPrefix, value: /coffee}}], backendRefs: [{name: coffee-version-one, port: 80, weight: 80}, {name: coffee-version-two, port: 80, weight: 20}]}]\n',
			...['one', 'two'].map((v) => `kind: Service\nmetadata: {name: coffee-version-${v}, namespace: default}\nspec: {selector: {app: coffee-${v}}, ports: [{port: 80}]}\n`),
		].join('---\n'),
	);

	it('keeps whole cells: both weighted backends of the split', () => {
		const r = runCli(['gateways', '--fixtures', split]);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).not.toContain('…');
		expect(r.stdout).toMatch(/coffee-version-one:80 w80 .*coffee-version-two:80 w20/);
		expect(runCli(['gateways', '--fixtures', split, '--output', 'wide']).stdout).toBe(r.stdout);
	});
});
