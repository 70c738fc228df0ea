import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { servicesJson, servicesText } from '../../source/report/services.js';

const fixture = fileURLToPath(new URL('../fixtures/basic/shop.yaml', import.meta.url));

describe('services report', () => {
	const analysis = analyze(loadFiles([fixture]));

	it('gives every field DESIGN.md fixes for the services JSON', () => {
		const json = servicesJson(analysis, {}) as { services: Array<Record<string, unknown>> };
		const web = json.services.find((s) => s['name'] === 'web')!;
		expect(Object.keys(web).sort()).toEqual(['clusterIP', 'dns', 'endpoints', 'name', 'namespace', 'pods', 'ports', 'type']);
		expect(web).toMatchObject({
			namespace: 'shop',
			type: 'NodePort',
			clusterIP: '10.96.0.10',
			ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }],
			endpoints: [{ ip: '10.244.1.5', port: 8080, name: 'http', protocol: 'TCP', ready: true, serving: true, terminating: false, node: 'worker-1', pod: 'web-1' }],
			pods: [{ name: 'web-1', ip: '10.244.1.5', ready: true, node: 'worker-1' }],
		});
		expect(Array.isArray(web['dns'])).toBe(true);
	});

	it('a Pod written without status is neither ready nor unready: ready null, not false', () => {
		const manifest = fileURLToPath(new URL('../fixtures/basic/shop.yaml', import.meta.url));
		const snapshot = loadFiles([manifest]);
		for (const pod of snapshot.pods) Object.assign(pod, { hasStatus: false, ready: false, podIP: '', podIPs: [] });
		const json = servicesJson(analyze(snapshot), {}) as { services: Array<{ name: string; pods: Array<{ ready: unknown }> }> };
		const pods = json.services.find((s) => s.name === 'web')!.pods;
		expect(pods.length).toBeGreaterThan(0);
		for (const pod of pods) expect(pod.ready).toBeNull();
	});

	it('writes null for a port without NodePort', () => {
		const json = servicesJson(analysis, {}) as { services: Array<{ name: string; ports: Array<{ nodePort: unknown }> }> };
		expect(json.services.find((s) => s.name === 'db')!.ports[0]!.nodePort).toBeNull();
	});

	it('limits the report to one namespace with a scope', () => {
		const json = servicesJson(analysis, { namespace: 'other' }) as { services: Array<{ name: string }> };
		expect(json.services.map((s) => s.name)).toEqual(['api']);
	});

	it('fits the text table in 80 columns and shows ports as port:nodePort→name(resolved)', () => {
		const text = servicesText(analysis, {}, 80);
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		expect(servicesText(analysis, {}, 120)).toContain('80:30080→http(8080)');
		expect(text).toMatch(/shop\/web\s/);
		expect(text.split('\n')[0]).toMatch(/^STATUS\s+SERVICE/);
	});

	it('drops the least important columns in a narrow window but keeps status, name and readiness', () => {
		const text = servicesText(analysis, {}, 40);
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
		const header = text.split('\n')[0]!;
		expect(header).toContain('SERVICE');
		expect(header).toContain('READY');
		expect(header).not.toContain('CLUSTER-IP');
	});

	it('says so when a namespace has no Services', () => {
		expect(servicesText(analysis, { namespace: 'empty' }, 80)).toBe('No Services in namespace empty.');
	});
});

describe('the note on derived endpoints', () => {
	it('counts the rows marked `*`, not those whose pods are only planned', () => {
		// A manifest set: every workload's pods are planned, READY says so, nothing is marked `*`.
		const manifests = loadFiles([fileURLToPath(new URL('../fixtures/manifests/voting-app', import.meta.url))]);
		const text = servicesText(analyze(manifests), {}, Infinity);
		expect(text).toMatch(/ planned /);
		expect(text).not.toMatch(/\*/);
	});
});
