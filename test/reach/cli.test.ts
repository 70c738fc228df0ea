/**
 * `kubewire reach` from the command line on the demo: the text and the JSON DESIGN.md fixes, exit
 * status 0 whatever the verdict (DESIGN.md keeps 1 for check's error findings), and one line with
 * exit 2 for an end that does not resolve.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

describe('kubewire reach', () => {
	it('answers blocked with exit 0 (the verdict is the answer, not a finding), naming the policy that isolates the endpoint (JSON fields as DESIGN.md fixes them)', () => {
		const r = runCli(['reach', '--demo', 'ingress:nginx', 'analytics/reports:80', '-o', 'json']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const json = JSON.parse(r.stdout);
		expect(Object.keys(json).sort()).toEqual(['endpoints', 'from', 'notModelled', 'steps', 'to', 'unreadable', 'verdict']);
		expect(json.notModelled).toEqual([]);
		expect(json).toMatchObject({ from: 'ingress:nginx', to: 'analytics/reports:80', verdict: 'blocked' });
		for (const step of json.steps) expect(Object.keys(step).sort()).toEqual(['detail', 'judged', 'link', 'ok', 'policies']);
		expect(json.steps.every((s: { judged: boolean }) => s.judged)).toBe(true);
		expect(json.endpoints).toEqual([
			{ ip: '10.244.2.210', port: 8080, pod: 'reports-6c8d7f9b5-q4mzt', allowed: false, egress: null, ingress: { namespace: 'analytics', name: 'reports-from-scheduler' } },
		]);
	});

	it('answers allowed with exit 0 in text', () => {
		const r = runCli(['reach', '--demo', 'analytics/report-scheduler-7b9c5d6f8-h2kqp', 'analytics/reports:http']);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('ALLOWED');
		expect(r.stdout).toContain('admitted by reports-from-scheduler');
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('allowed reports-6c8d7f9b5-q4mzt 10.244.2.210:8080 (ingress admitted by reports-from-scheduler)');
	});

	it('says on each endpoint whether the policy it names admits the leg or isolates it', () => {
		const r = runCli(['reach', '--demo', 'ingress:nginx', 'analytics/reports:80']);
		expect(r.status).toBe(0);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('blocked reports-6c8d7f9b5-q4mzt 10.244.2.210:8080 (ingress refused: isolated by reports-from-scheduler)');
	});

	it('refuses an end that does not resolve in one line, with exit 2', () => {
		const r = runCli(['reach', '--demo', 'analytics/reprots-x', 'analytics/reports:80']);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('FROM "analytics/reprots-x": no such pod in the input; closest:');
		expect(runCli(['reach', '--demo', 'outside']).status).toBe(2);
	});

	it('does not say "no NetworkPolicy isolates" when the input holds no NetworkPolicy: those links are not judged', () => {
		const file = path.join(scratchDir('reach-unread'), 'app.yaml');
		const app = (name: string) =>
			`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: cafe}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n---\nkind: Service\nmetadata: {name: ${name}, namespace: cafe}\nspec: {selector: {app: ${name}}, ports: [{port: 80, targetPort: 8080}]}\n`;
		writeFileSync(file, `${app('coffee')}---\n${app('tea')}`);
		const text = runCli(['reach', '--fixtures', file, 'cafe/deployment/coffee', 'cafe/tea:80']);
		expect(text.status, text.stderr).toBe(0);
		const flat = text.stdout.replace(/\s+/g, ' ');
		expect(flat).toContain('ALLOWED as far as the input shows (NetworkPolicy not judged: the input holds no NetworkPolicy)');
		expect(flat).not.toContain('no NetworkPolicy isolates');
		expect(text.stdout).toMatch(/^ {3}\? {2}egress /m);
		const json = JSON.parse(runCli(['reach', '--fixtures', file, 'cafe/deployment/coffee', 'cafe/tea:80', '-o', 'json']).stdout);
		expect(json.steps.filter((s: { judged: boolean }) => !s.judged).map((s: { link: string }) => s.link)).toEqual(['dns', 'egress', 'ingress']);
		// The healthy twin: the same apps with a policy given are judged.
		writeFileSync(file, `${app('coffee')}---\n${app('tea')}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: tea-from-coffee, namespace: cafe}\nspec: {podSelector: {matchLabels: {app: tea}}, ingress: [{from: [{podSelector: {matchLabels: {app: coffee}}}]}]}\n`);
		const judged = runCli(['reach', '--fixtures', file, 'cafe/deployment/coffee', 'cafe/tea:80']);
		expect(judged.stdout).toMatch(/: ALLOWED\n/);
		expect(judged.stdout.replace(/\s+/g, ' ')).toContain('admitted by tea-from-coffee');
	});

	it('names the policies of other kinds the input holds (Cilium, Calico), which may change the answer', () => {
		const file = path.join(scratchDir('reach-cilium'), 'sw.yaml');
		const pod = (name: string, org: string) =>
			`kind: Pod\nmetadata: {name: ${name}, namespace: default, labels: {org: ${org}}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\nstatus: {phase: Running, podIP: 10.244.0.${org === 'empire' ? 1 : 2}, conditions: [{type: Ready, status: "True"}]}\n`;
		const cnp = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: rule1, namespace: default}\nspec: {endpointSelector: {matchLabels: {org: empire}}, ingress: [{fromEndpoints: [{matchLabels: {org: empire}}]}]}\n';
		const np = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open, namespace: default}\nspec: {podSelector: {}, ingress: [{}]}\n';
		writeFileSync(file, [pod('deathstar', 'empire'), pod('xwing', 'alliance'), cnp, np].join('---\n'));
		const r = runCli(['reach', '--fixtures', file, 'default/xwing', 'default/deathstar:80']);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('The input also holds policies kubewire does not model: CiliumNetworkPolicy (1). They may admit or refuse this connection');
		expect(JSON.parse(runCli(['reach', '--fixtures', file, 'default/xwing', 'default/deathstar:80', '-o', 'json']).stdout).notModelled).toEqual(['CiliumNetworkPolicy (1)']);
	});

	it("names a mesh's authorization too (Linkerd viz ships AuthorizationPolicies for its own pods), and nothing when the input holds none", () => {
		const file = path.join(scratchDir('reach-linkerd'), 'viz.yaml');
		const app = (name: string) =>
			`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: linkerd-viz}\nspec:\n  selector: {matchLabels: {component: ${name}}}\n  template:\n    metadata: {labels: {component: ${name}}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 9090}]}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: linkerd-viz}\nspec: {selector: {component: ${name}}, ports: [{port: 9090}]}\n`;
		const authz = 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: prometheus-admin, namespace: linkerd-viz}\nspec: {targetRef: {group: policy.linkerd.io, kind: Server, name: prometheus-admin}, requiredAuthenticationRefs: [{kind: ServiceAccount, name: prometheus}]}\n';
		writeFileSync(file, [app('web'), app('prometheus'), authz].join('---\n'));
		const json = JSON.parse(runCli(['reach', '--fixtures', file, 'linkerd-viz/deployment/web', 'linkerd-viz/prometheus:9090', '-o', 'json']).stdout);
		expect(json.notModelled).toEqual(['AuthorizationPolicy (1)']);
		writeFileSync(file, [app('web'), app('prometheus')].join('---\n'));
		expect(JSON.parse(runCli(['reach', '--fixtures', file, 'linkerd-viz/deployment/web', 'linkerd-viz/prometheus:9090', '-o', 'json']).stdout).notModelled).toEqual([]);
	});
});
