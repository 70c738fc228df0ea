/** What file input means: -n placement, stdin, Helm templates, unused kinds, duplicates, absent kinds. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { isHelmTestHook } from '../../source/cluster/input-rules.js';
import { cliPath, runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

function dir(files: Record<string, string>): string {
	const d = scratchDir('input');
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
	return d;
}

const svc = (name: string, ns = '') =>
	`apiVersion: v1\nkind: Service\nmetadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}\nspec: {selector: {app: ${name}}, ports: [{port: 80}]}\n`;
const deploy = (name: string) =>
	`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\n`;

describe('file input rules', () => {
	it('-n places namespace-less objects in NS (as kubectl apply -n), and leaves the others', () => {
		const d = dir({ 'a.yaml': `${svc('web')}---\n${svc('db', 'data')}---\n${deploy('web')}` });
		const s = loadFiles([d], undefined, 'argocd');
		expect(s.services.map((x) => `${x.namespace}/${x.name}`)).toEqual(['argocd/web', 'data/db']);
		expect(s.deployments[0]!.namespace).toBe('argocd');
		expect(loadFiles([d]).services[0]!.namespace).toBe('default');
	});

	it('an empty typed list is an answer: its kind was read and holds nothing (a support bundle\'s NetworkPolicyList)', () => {
		const d = dir({
			'app.yaml': svc('web', 'shop'),
			'np.json': '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicyList","items":[]}',
			'ing.yaml': 'apiVersion: networking.k8s.io/v1\nkind: IngressList\nitems: []\n',
			'secrets.yaml': 'apiVersion: v1\nkind: List\nitems: []\n',
		});
		const unread = loadFiles([d]).unreadable.map((u) => u.resource);
		expect(unread).not.toContain('networkpolicies');
		expect(unread).not.toContain('ingresses');
		// A `kind: List` names no kind: it says nothing of Secrets.
		expect(unread).toContain('secrets');
		// Also read streamed, as large JSON lists are.
		const big = dir({ 'np.json': `{"kind":"NetworkPolicyList","apiVersion":"networking.k8s.io/v1","metadata":{"resourceVersion":"1"},"items":[]}${' '.repeat(70000)}`, 'app.yaml': svc('web', 'shop') });
		expect(loadFiles([big]).unreadable.map((u) => u.resource)).not.toContain('networkpolicies');
	});

	it('follows symbolic links in a directory, reads each file once, and skips a mounted volume\'s ..data', () => {
		const real = dir({ 'web.yaml': svc('web', 'shop'), 'db.yaml': svc('db', 'shop') });
		const farm = scratchDir('symlinks');
		symlinkSync(path.join(real, 'web.yaml'), path.join(farm, 'web.yaml'));
		symlinkSync(real, path.join(farm, 'more'));
		// A ConfigMap volume: the files are links into ..data, itself a link to a timestamped directory.
		const volume = scratchDir('configmap-volume');
		mkdirSync(path.join(volume, '..2026_12_06'));
		writeFileSync(path.join(volume, '..2026_12_06', 'api.yaml'), svc('api', 'shop'));
		symlinkSync('..2026_12_06', path.join(volume, '..data'));
		symlinkSync(path.join('..data', 'api.yaml'), path.join(volume, 'api.yaml'));
		symlinkSync(path.join(volume, 'gone.yaml'), path.join(volume, 'dangling.yaml'));
		const s = loadFiles([farm, volume]);
		expect(s.services.map((x) => x.name).sort()).toEqual(['api', 'db', 'web']);
		expect(s.skipped).toEqual([]);
	});

	it('notes manifests of API versions current clusters no longer serve; an object read from a cluster is not noted', () => {
		const ingress = (meta: string) =>
			`apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: frontend, namespace: shop${meta}}\nspec: {backend: {serviceName: web, servicePort: 80}}\n`;
		const d = dir({ 'a.yaml': `${svc('web', 'shop')}---\n${ingress('')}` });
		expect(loadFiles([d]).removedApis).toEqual([{ kind: 'Ingress', namespace: 'shop', name: 'frontend', apiVersion: 'extensions/v1beta1', removedIn: '1.22' }]);
		const r = runCli(['check', '--fixtures', d]);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('removed API versions: kubectl apply refuses this object on Kubernetes 1.22 and later, so nothing it describes runs there: Ingress shop/frontend extensions/v1beta1 (removed in 1.22) → networking.k8s.io/v1');
		// Twin: the same object captured from an old cluster (a uid) was served there.
		expect(loadFiles([dir({ 'a.yaml': ingress(', uid: 1b2c') })]).removedApis).toBeUndefined();
	});

	it('notes Gateway API objects of a version its CRDs no longer serve (Cilium\'s GRPCRoute example is v1alpha2); v1 and the still-served TCPRoute v1alpha2 are not noted', () => {
		const grpc = (version: string) =>
			`apiVersion: gateway.networking.k8s.io/${version}\nkind: GRPCRoute\nmetadata: {name: yages, namespace: default}\nspec: {parentRefs: [{name: grpc}], rules: [{backendRefs: [{name: grpc-echo, port: 9000}]}]}\n`;
		const tcp = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: db, namespace: default}\nspec: {parentRefs: [{name: gw}], rules: [{backendRefs: [{name: db, port: 5432}]}]}\n';
		const d = dir({ 'a.yaml': `${grpc('v1alpha2')}---\n${tcp}` });
		expect(loadFiles([d]).removedApis).toEqual([{ kind: 'GRPCRoute', namespace: 'default', name: 'yages', apiVersion: 'gateway.networking.k8s.io/v1alpha2', removedIn: 'Gateway API v1.2' }]);
		expect(runCli(['check', '--fixtures', d]).stdout.replace(/\s+/g, ' ')).toContain(
			'Gateway API versions its CRDs no longer serve: kubectl apply refuses this object where the Gateway API CRDs are v1.2 or later: GRPCRoute default/yages gateway.networking.k8s.io/v1alpha2 (not served since Gateway API v1.2) → gateway.networking.k8s.io/v1',
		);
		expect(loadFiles([dir({ 'a.yaml': grpc('v1') })]).removedApis).toBeUndefined();
	});

	it('counts objects of kinds it does not use, and lists kinds not in the input as unreadable', () => {
		const d = dir({ 'a.yaml': `${svc('web')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\n` });
		const s = loadFiles([d]);
		expect(s.unusedKinds).toEqual({ ServiceAccount: 2, Role: 1 });
		expect(s.unreadable).toContainEqual({ resource: 'secrets', namespace: '', reason: 'not in the input' });
		expect(s.unreadable).toContainEqual({ resource: 'pods', namespace: '', reason: 'not in the input' });
		expect(s.unreadable.some((u) => u.resource === 'services')).toBe(false);
		const r = runCli(['check', '--fixtures', d]);
		expect(r.stdout).toContain('not used: 3 objects of 2 kinds: ServiceAccount (2), Role (1)');
		expect(r.stdout).toContain('not in the input:');
	});

	it('pods are not absent when workloads stand for them', () => {
		const s = loadFiles([dir({ 'a.yaml': `${svc('web')}---\n${deploy('web')}` })]);
		expect(s.unreadable.some((u) => u.resource === 'pods')).toBe(false);
	});

	it('a duplicate keeps the later copy, as kubectl apply would, names the file whose copy lost, and appears in the JSON report', () => {
		const d = dir({ 'a.yaml': svc('web'), 'b.yaml': svc('web').replace('port: 80', 'port: 8080'), 'c.yaml': svc('other') });
		const s = loadFiles([d]);
		expect(s.skipped).toEqual([{ origin: path.join(d, 'a.yaml'), kind: 'Service', name: 'default/web', reason: `read twice: the copy in ${path.join(d, 'b.yaml')} is used (read later, as kubectl apply leaves it)` }]);
		expect(s.services.map((x) => [x.name, x.ports[0]!.port])).toEqual([['web', 8080], ['other', 80]]);
		const json = JSON.parse(runCli(['check', '--fixtures', d, '--output', 'json']).stdout);
		expect(json.skipped[0]).toMatchObject({ origin: path.join(d, 'a.yaml'), kind: 'Service', name: 'default/web' });
	});

	it('an unrendered Helm template gets one line saying how to render it, exit 2', () => {
		const d = dir({ 'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n' });
		const r = runCli(['check', '--fixtures', d]);
		expect(r.status).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('unrendered Helm template');
		expect(r.stderr).toContain('helm template RELEASE CHART | kubewire check --fixtures -');
	});

	it('an unrendered Helm template beside other manifests is left out with a note, and the rest is judged', () => {
		const template = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n';
		const d = dir({ 'chart-service.yaml': template, 'web.yaml': svc('web') });
		const s = loadFiles([d]);
		// The template's own objects are gone with it: its Service would otherwise be judged.
		expect(s.services.map((x) => x.name)).toEqual(['web']);
		expect(s.skipped).toEqual([
			{ origin: `${path.join(d, 'chart-service.yaml')}:4`, kind: 'Helm template', name: '', reason: 'unrendered ({{ … }}), left out: render it first: helm template RELEASE CHART | kubewire check --fixtures -' },
		]);
		const r = runCli(['check', '--fixtures', d]);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('SKIPPED');
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('chart-service.yaml:4: Helm template: unrendered ({{ … }}), left out: render it first');
	});

	it('a template that YAML can read ({{ x }} as a flow mapping) is still named a template, from stdin too', () => {
		const r = runCli(['check', '--fixtures', '-'], { input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n' });
		expect(r.status).toBe(2);
		expect(r.stderr).toBe('kubewire: stdin:4: an unrendered Helm template ({{ … }}); render it first: helm template RELEASE CHART | kubewire check --fixtures -\n');
	});

	it('template text inside values (an alert template) is data, not an unrendered chart', () => {
		const d = dir({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n  text: "{{ $labels.instance }} is down"\n' });
		expect(() => loadFiles([d])).not.toThrow();
	});

	it('--fixtures - reads standard input', () => {
		const r = runCli(['services', '--fixtures', '-', '--output', 'json'], { input: `${svc('web')}---\n${deploy('web')}` });
		expect(r.status).toBe(0);
		const json = JSON.parse(r.stdout);
		expect(json.services.map((s: { name: string }) => s.name)).toEqual(['web']);
		expect(json.services[0].pods[0]).toMatchObject({ name: 'web-planned-0', planned: true });
	});

	it('--fixtures - waits for a writer that is slow to start (helm template | kubewire check --fixtures -)', () => {
		// The pipe is non-blocking once node:process is loaded: an early read finds it empty for now,
		// which is not the end of the input.
		const d = dir({ 'app.yaml': `${svc('web')}---\n${deploy('web')}` });
		const r = spawnSync('sh', ['-c', `(sleep 1; cat '${path.join(d, 'app.yaml')}') | '${process.execPath}' '${cliPath}' check --fixtures -`], {
			// A bare environment, as a CI job's shell has: some variables (TEST, NODE_EXTRA_CA_CERTS) change
			// node's start enough to hide the early read.
			env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent-home', KUBECONFIG: '', NO_COLOR: '1' },
			encoding: 'utf8',
			timeout: 30_000,
		});
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^kubewire check: files: stdin\n0 errors, 0 warnings, 0 info across 1 Service/);
	});
});

describe('Helm test hooks', () => {
	const pod = (hook: string | undefined) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: hook === undefined ? {} : { 'helm.sh/hook': hook } } });
	it('are objects helm test creates, not helm install: test, test-success, test-failure, alone or together', () => {
		for (const hook of ['test', 'test-success', 'test-failure', 'test-success, test-failure']) expect(isHelmTestHook(pod(hook))).toBe(true);
	});
	it('twin: an install hook, a hook that is also an install hook, and no hook are installed objects', () => {
		for (const hook of ['pre-install', 'post-install,test', '', undefined]) expect(isHelmTestHook(pod(hook))).toBe(false);
	});
});
