/** KW105 (readiness) and KW106 (owners): edge cases and their healthy twins. */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../source/cluster/snapshot.js';
import { workloadOf } from '../../source/model/diagnostics/owners.js';
import { findingsOf, pod, service, snapshotOf } from './support.js';

const kw = (yaml: string, code: string) => findingsOf(snapshotOf(yaml)).filter((f) => f.code === code);

describe('KW105 matched pods not Ready', () => {
	it('is an error when none is Ready, a warning when only some are not, and absent when all are', () => {
		const two = (a: boolean, b: boolean) =>
			service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { ready: a }) + pod('web-2', { app: 'web' }, { ready: b, ip: '10.244.0.2' });
		expect(kw(two(false, false), 'KW105').map((f) => f.severity)).toEqual(['error']);
		const warning = kw(two(true, false), 'KW105');
		expect(warning.map((f) => f.severity)).toEqual(['warning']);
		expect(warning[0]!.message).toContain('1 of 2 pods');
		expect(warning[0]!.message).toContain('web-2');
		expect(kw(two(true, true), 'KW105')).toEqual([]);
	});

	it('does not count a terminating pod of a rollout as not Ready', () => {
		const yaml =
			service('web', { app: 'web' }) +
			pod('web-new', { app: 'web' }) +
			pod('web-old', { app: 'web' }, { ready: false, ip: '10.244.0.2', extraMeta: '  deletionTimestamp: "2026-01-01T00:00:00Z"\n' });
		expect(kw(yaml, 'KW105')).toEqual([]);
	});

	it('does not count finished pods beside Ready ones, but reports them when nothing else runs', () => {
		const done = pod('job-1', { app: 'web' }, { ready: false, phase: 'Succeeded', ip: '10.244.0.9' });
		expect(kw(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }) + done, 'KW105')).toEqual([]);
		expect(kw(service('web', { app: 'web' }) + done, 'KW105').map((f) => f.severity)).toEqual(['error']);
	});

	it('leaves publishNotReadyAddresses Services alone: they publish unready pods on purpose', () => {
		const yaml = service('peers', { app: 'db' }, { spec: '  publishNotReadyAddresses: true\n' }) + pod('db-0', { app: 'db' }, { ready: false });
		expect(kw(yaml, 'KW105')).toEqual([]);
	});
});

describe('KW106 pods of several owners', () => {
	const owned = (kind: string, owner: string, hash?: string) =>
		({
			owner: { kind, name: owner, uid: owner, controller: true },
			labels: hash ? { 'pod-template-hash': hash } : {},
		}) as unknown as Pod;

	it('treats the ReplicaSets of one Deployment as one owner, with or without the pod-template-hash label', () => {
		expect(workloadOf(owned('ReplicaSet', 'web-7d4b9c8f6d', '7d4b9c8f6d'))).toBe('Deployment web');
		expect(workloadOf(owned('ReplicaSet', 'web-5b8f9c6d4'))).toBe('Deployment web');
		expect(workloadOf(owned('ReplicaSet', 'web-canary-6c5d4b8f7'))).toBe('Deployment web-canary');
		expect(workloadOf(owned('ReplicaSet', 'standalone'))).toBe('ReplicaSet standalone');
		expect(workloadOf(owned('StatefulSet', 'db'))).toBe('StatefulSet db');
		expect(workloadOf({ owner: undefined, labels: {} } as unknown as Pod)).toBeUndefined();
	});

	it('is raised for a StatefulSet and a Deployment behind one selector', () => {
		const meta = (kind: string, name: string) => `  ownerReferences: [{apiVersion: apps/v1, kind: ${kind}, name: ${name}, uid: ${name}, controller: true}]\n`;
		const yaml =
			service('db', { app: 'db' }) +
			pod('db-0', { app: 'db' }, { extraMeta: meta('StatefulSet', 'db') }) +
			pod('db-tools-1', { app: 'db' }, { ip: '10.244.0.2', extraMeta: meta('ReplicaSet', 'db-tools-6c5d4b8f7') });
		const f = kw(yaml, 'KW106');
		expect(f).toHaveLength(1);
		expect(f[0]!.message).toContain('StatefulSet db (1 pod)');
		expect(f[0]!.message).toContain('Deployment db-tools (1 pod)');
	});

	it("counts only pods that take the traffic: a Job sharing the app's labels but not its named targetPort gets no endpoint", () => {
		const svc = (target: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: ${target}}]}\n---\n`;
		const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}\n---\n`;
		const job = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: web-migrate, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: web, component: migrate}}\n    spec: {restartPolicy: Never, containers: [{name: m, image: x}]}\n`;
		expect(kw(svc('http') + deployment + job, 'KW106')).toEqual([]);
		// Twin: a numeric targetPort is published for every matched pod, the Job's too.
		expect(kw(svc('8080') + deployment + job, 'KW106').map((f) => f.message)).toEqual([expect.stringContaining('Deployment web (1 pod), Job web-migrate (1 pod)')]);
	});

	it('a canary behind a mesh route: pod count decides only outside the mesh, and the route is named', () => {
		const meta = (rs: string) => `  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${rs}, uid: ${rs}, controller: true}]\n`;
		const canary =
			service('reviews', { app: 'reviews' }) +
			pod('reviews-v1-1', { app: 'reviews', version: 'v1' }, { extraMeta: meta('reviews-v1-6c5d4b8f7') }) +
			pod('reviews-v2-1', { app: 'reviews', version: 'v2' }, { ip: '10.244.0.2', extraMeta: meta('reviews-v2-5b8f9c6d4') });
		const route = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews-split, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, port: 9080}]
  rules: [{backendRefs: [{name: reviews-v1, port: 9080, weight: 90}, {name: reviews-v2, port: 9080, weight: 10}]}]
`;
		const plain = kw(canary, 'KW106');
		expect(plain.map((f) => f.severity)).toEqual(['info']);
		expect(plain[0]!.message).toContain('which share the traffic by pod count');
		const meshed = kw(canary + route, 'KW106');
		expect(meshed.map((f) => f.severity)).toEqual(['info']);
		expect(meshed[0]!.message).toContain('Outside the mesh they share the traffic by pod count; inside it, HTTPRoute shop/reviews-split decides where it goes');
		// A route whose parent is a Gateway is no mesh route: the message stays as without it.
		const viaGateway = route.replace('{group: "", kind: Service, name: reviews, port: 9080}', '{name: public-gw}');
		expect(kw(canary + viaGateway, 'KW106')[0]!.message).toContain('which share the traffic by pod count');
	});

	it('does not count pods without a controller as owners', () => {
		const yaml = service('web', { app: 'web' }) + pod('web-a', { app: 'web' }) + pod('web-b', { app: 'web' }, { ip: '10.244.0.2' });
		expect(kw(yaml, 'KW106')).toEqual([]);
	});
});
