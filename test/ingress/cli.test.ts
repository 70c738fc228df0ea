/**
 * `kubewire ingresses` and `kubewire route` as a user runs them: the built binary in a child
 * process. JSON shapes exactly as DESIGN.md fixes them, bad input as one line and exit 2, text
 * within 80 columns and free of control characters from the cluster.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../source/report/columns.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const vector = (name: string) => fileURLToPath(new URL(`./vectors/${name}/cluster.yaml`, import.meta.url));
const longNames = fileURLToPath(new URL('./fixtures/long-names.yaml', import.meta.url));

function json(args: string[]): Record<string, unknown> {
	const r = runCli([...args, '--output', 'json']);
	expect(r.stderr).toBe('');
	expect(r.status).toBe(0);
	return JSON.parse(r.stdout) as Record<string, unknown>;
}

function expectOneLineError(args: string[], words: string): void {
	const r = runCli(args);
	expect(r.status).toBe(2);
	expect(r.stdout).toBe('');
	const lines = r.stderr.trimEnd().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toContain(words);
	expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
}

describe('kubewire route --output json', () => {
	it('a rule: url, backend, defaultBackend, ingress and rule as DESIGN.md fixes them', () => {
		const out = json(['route', 'http://prefix-path-rules/aaa/bbb/ccc', '--fixtures', vector('conformance-path-rules')]);
		expect(out).toMatchObject({
			url: 'http://prefix-path-rules/aaa/bbb/ccc',
			backend: { namespace: 'conformance', service: 'aaa-slash-bbb-prefix', port: 8080 },
			defaultBackend: false,
			ingress: { namespace: 'conformance', name: 'path-rules' },
			rule: { host: 'prefix-path-rules', path: '/aaa/bbb', pathType: 'Prefix' },
		});
		expect(Object.keys(out.backend as object).sort()).toEqual(['namespace', 'port', 'service']);
		expect(Object.keys(out.ingress as object).sort()).toEqual(['name', 'namespace']);
		expect(Object.keys(out.rule as object).sort()).toEqual(['host', 'path', 'pathType']);
	});
	it('a named backend port is given as the name', () => {
		const out = json(['route', 'https://checkout.shop.production.europe-west.example.com/api/v1/checkout/payments/confirmations', '--fixtures', longNames]);
		expect(out['backend']).toEqual({ namespace: 'production-europe-west', service: 'payments-confirmation-service-with-long-name', port: 'https-internal' });
		expect(out['status']).toBe(503);
	});
	it('a defaultBackend: defaultBackend true, the Ingress, no rule', () => {
		const out = json(['route', 'http://row17.path-types.example/ccc', '--fixtures', vector('k8s-docs-path-types')]);
		expect(out).toMatchObject({ defaultBackend: true, backend: { namespace: 'default', service: 'fallback', port: 80 }, rule: null });
		expect(out['ingress']).toEqual({ namespace: 'default', name: 'path-type-examples' });
	});
	// DESIGN.md: status is 200 when a backend is chosen. The JSON says what the text's Result line
	// says: a ready endpoint answers (200), or the pods' NetworkPolicy refuses the controller (504).
	it('status: 200 when a ready endpoint answers, 504 when NetworkPolicy refuses the controller (KW602)', () => {
		expect(json(['route', 'https://grafana.example.com/', '--demo'])).toMatchObject({ via: 'ingress', status: 200, backend: { service: 'grafana', port: 'http' } });
		const refused = runCli(['route', 'https://reports.example.com/', '--demo']);
		expect(refused.stdout).toMatch(/Result\s+504/);
		expect(json(['route', 'https://reports.example.com/', '--demo'])).toMatchObject({ via: 'ingress', status: 504, backend: { service: 'reports' } });
	});
	it('nothing matches: backend null means 404', () => {
		const out = json(['route', 'http://exact-path-rules/foo/', '--fixtures', vector('conformance-path-rules')]);
		expect(out).toMatchObject({ url: 'http://exact-path-rules/foo/', backend: null, defaultBackend: false, ingress: null, rule: null, status: 404 });
	});
	it('an Ingress of another class is not routed', () => {
		const out = json(['route', 'http://b.example.com/', '--fixtures', vector('ingress-class-resolution')]);
		expect(out['backend']).toBeNull();
		expect((out['notes'] as string[]).join('\n')).toContain('ingressClassName is other, not nginx');
	});
	it('--class routes with the class asked for', () => {
		const out = json(['route', 'http://b.example.com/', '--class', 'other', '--fixtures', vector('ingress-class-resolution')]);
		expect(out['backend']).toEqual({ namespace: 'default', service: 'svc-b', port: 80 });
	});
});

describe('kubewire route, bad input', () => {
	it.each([
		['not a URL', ['route', 'http://exa mple.com/', '--demo'], 'cannot read URL'],
		['another scheme', ['route', 'ftp://shop.example.com/', '--demo'], 'use http:// or https://'],
		['no host', ['route', 'http:///cart', '--demo'], 'no host'],
		['a bad port', ['route', 'http://shop.example.com:http/', '--demo'], 'bad port'],
		['no URL', ['route', '--demo'], 'route needs a URL'],
		['two URLs', ['route', 'http://a/', 'http://b/', '--demo'], 'one URL'],
		['an unknown --class', ['route', 'http://a/', '--class', 'nope', '--demo'], '--class nope'],
	])('%s: one line on stderr, exit 2', (_, args, words) => expectOneLineError(args, words));
});

describe('kubewire route, text', () => {
	it('says which Ingress and backend serve the URL, the endpoints and the result', () => {
		const r = runCli(['route', 'http://mixed-path-rules/foo', '--fixtures', vector('conformance-path-rules')]);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('conformance/path-rules, rule host mixed-path-rules path /foo (Exact)');
		expect(r.stdout).toContain('Service conformance/foo-exact port 8080 → targetPort 3000');
		expect(r.stdout).toContain('10.244.0.2:3000');
		expect(r.stdout).toContain('served by 1 ready endpoint');
	});
	it('stays within 80 columns and prints no control character from the cluster', () => {
		const r = runCli(['route', 'https://checkout.shop.production.europe-west.example.com/api/v1/checkout/payments/confirmations/1', '--fixtures', longNames]);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('KW501');
		for (const line of r.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
	});
});

describe('kubewire ingresses', () => {
	it('--output json: one row per (ingress, host, path) with the fields DESIGN.md fixes', () => {
		const out = json(['ingresses', '--fixtures', vector('ingress-class-resolution')]);
		const rows = out['rows'] as Record<string, unknown>[];
		expect(rows.map((r) => `${r['ingress']} ${r['host']}`)).toEqual(['class-field a.example.com', 'legacy-annotation d.example.com', 'field-and-annotation f.example.com']);
		for (const row of rows) {
			for (const key of ['namespace', 'ingress', 'class', 'host', 'path', 'pathType', 'service', 'port', 'tls', 'endpoints']) expect(row).toHaveProperty(key);
		}
		expect(rows[0]).toMatchObject({ namespace: 'default', ingress: 'class-field', class: 'nginx', host: 'a.example.com', path: '/', pathType: 'Prefix', service: 'svc-a', port: 80, tls: null });
		expect(rows[0]!['endpoints']).toEqual([expect.objectContaining({ ip: '10.244.0.2', port: 8080, ready: true })]);
		expect((out['leftOut'] as { name: string }[]).map((l) => l.name)).toEqual(['test-ingress-class', 'legacy-other', 'no-class', 'other-class']);
	});
	it('text: the class, the rows, the left-out Ingresses with reasons', () => {
		const r = runCli(['ingresses', '--fixtures', vector('ingress-class-resolution')]);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('Routing of class nginx: default IngressClass nginx');
		expect(r.stdout).toMatch(/default\/class-field\s+a\.example\.com\s+\/\s+Prefix\s+svc-a:80\s+1\/1/);
		expect(r.stdout).toContain('default/no-class: no class');
	});
	it('text wraps its prose at 80 columns, keeps the piped table whole, and prints no control character from the cluster', () => {
		const r = runCli(['ingresses', '--fixtures', longNames]);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('KW506');
		const lines = r.stdout.split('\n');
		const head = lines.findIndex((l) => l.startsWith('INGRESS '));
		const end = lines.indexOf('', head);
		expect(head).toBeGreaterThan(0);
		// Written to a pipe, the table is never cut (issue 13), as kubectl's is not.
		for (const line of lines.slice(head, end)) expect(line).not.toContain('…');
		for (const line of [...lines.slice(0, head), ...lines.slice(end)]) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
	});
	it('-n limits the table to one namespace', () => {
		const out = json(['ingresses', '-n', 'conformance', '--fixtures', vector('ingress-class-resolution')]);
		expect(out['rows']).toEqual([]);
		expect((out['leftOut'] as { name: string }[]).map((l) => l.name)).toEqual(['test-ingress-class']);
	});
	it('an unknown --class is one line and exit 2', () => expectOneLineError(['ingresses', '--class', 'nope', '--fixtures', vector('ingress-class-resolution')], '--class nope'));
});

describe('an ALB action backend and a class named only by annotation (Argo Rollouts\' ALB example, reduced)', () => {
	const yaml = [
		'apiVersion: v1\nkind: Service\nmetadata: {name: root, namespace: default}\nspec: {selector: {app: demo}, ports: [{name: http, port: 80, targetPort: 8080}]}',
		'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: alb-ingress\n  namespace: default\n  annotations: {kubernetes.io/ingress.class: alb}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend: {service: {name: root, port: {name: use-annotation}}}',
	].join('\n---\n');

	it('the backend is the action, not a missing Service port; the class line does not claim no controller serves it', () => {
		const file = path.join(scratchDir('alb'), 'alb.yaml');
		writeFileSync(file, yaml);
		const check = runCli(['check', '--fixtures', file]);
		expect(check.stdout).not.toContain('KW502');
		const route = runCli(['route', 'http://x/', '--class', 'alb', '--fixtures', file]);
		expect(route.status, route.stderr).toBe(0);
		expect(route.stdout).toMatch(/Backend\s+ALB action root \(annotation alb\.ingress\.kubernetes\.io\/actions\.root\)/);
		expect(route.stdout).toMatch(/handled by the AWS Load Balancer Controller's action/);
		expect(route.stdout).toMatch(/IngressClasses are not in the input,\s+so which controller serves it is not known/);
		expect(route.stdout).not.toContain('no controller serves');
	});

	it('a miss beside an ImplementationSpecific path with * notes that ALB or GCE may read it as a wildcard', () => {
		const file = path.join(scratchDir('alb-star'), 'alb.yaml');
		writeFileSync(file, yaml.replace('path: /\n        pathType: Prefix', 'path: /*\n        pathType: ImplementationSpecific'));
		const route = runCli(['route', 'http://x/', '--class', 'alb', '--fixtures', file]);
		expect(route.stdout).toContain('404');
		expect(route.stdout.replace(/\s+/g, ' ')).toContain("path /* is ImplementationSpecific: read as a Prefix here, as ingress-nginx does; a controller that reads * as a wildcard (AWS ALB, GCE) may match /");
	});
});
