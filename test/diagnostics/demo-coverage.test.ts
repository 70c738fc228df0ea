/**
 * The bundled demo cluster has every diagnostic present at least once (DESIGN.md), and its
 * manifest (test/demo/expected-findings.json, written with the demo) says on which object. The
 * rules must agree with it exactly: every expected finding, with its severity, and nothing on the
 * objects the manifest calls healthy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../source/cluster/demo.js';
import { analyze } from '../../source/model/analyze.js';
import { catalogue } from '../../source/model/findings.js';

interface Expected {
	code: string;
	severity: string;
	kind: string;
	namespace: string;
	name: string;
}

const manifest = JSON.parse(readFileSync(new URL('../demo/expected-findings.json', import.meta.url), 'utf8')) as {
	findings: Expected[];
	mayAlsoRaise: Expected[];
	healthyServices: string[];
	healthyIngresses: string[];
};

const key = (f: Expected) => `${f.code} ${f.severity} ${f.kind} ${f.namespace}/${f.name}`;
const findings = analyze(loadDemo()).findings;
const raised = findings.map(key);

describe('check on the demo cluster', () => {
	it('raises every code of the catalogue at least once, but KW803 (DESIGN.md: its nodes run iptables)', () => {
		const codes = new Set(findings.map((f) => f.code));
		expect(Object.keys(catalogue).filter((c) => !codes.has(c as keyof typeof catalogue))).toEqual(['KW803']);
	});

	it('raises each finding of the manifest, on its object and with its severity', () => {
		const missing = manifest.findings.map(key).filter((k) => !raised.includes(k));
		expect(missing).toEqual([]);
	});

	it('raises nothing the manifest does not list (or allow)', () => {
		const allowed = new Set([...manifest.findings, ...manifest.mayAlsoRaise].map(key));
		expect(raised.filter((k) => !allowed.has(k))).toEqual([]);
	});

	it('raises nothing on the Services and Ingresses the manifest calls healthy', () => {
		const healthy = new Set([
			...manifest.healthyServices.map((s) => `Service ${s}`),
			...manifest.healthyIngresses.map((i) => `Ingress ${i}`),
		]);
		expect(findings.filter((f) => healthy.has(`${f.kind} ${f.namespace}/${f.name}`)).map(key)).toEqual([]);
	});
});
