/** KW101, KW102, KW103: edge cases beyond the fixtures, each with its healthy twin. */
import { describe, expect, it } from 'vitest';
import { codesOf, findingsOf, pod, service, snapshotOf } from './support.js';

const codes = (yaml: string, unreadable = []) => codesOf(findingsOf(snapshotOf(yaml, unreadable))).map((c) => c.split(' ')[0]);

describe('KW101 selector matches no pod', () => {
	it('is raised for a selector that matches nothing, and not once a pod matches', () => {
		expect(codes(service('web', { app: 'web' }) + pod('other', { app: 'db' }))).toContain('KW101');
		expect(codes(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }))).toEqual([]);
	});

	it('is not raised for a Service without selector (KW104 speaks instead) nor for an ExternalName one', () => {
		expect(codes(service('ext', undefined))).not.toContain('KW101');
		const externalName = `apiVersion: v1
kind: Service
metadata: {name: alias, namespace: shop}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: nothing}}
`;
		expect(codes(externalName)).not.toContain('KW101');
	});

	it('ignores pods of the same labels in another namespace when deciding, and names the namespace', () => {
		const findings = findingsOf(snapshotOf(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { namespace: 'staging' })));
		expect(findings.map((f) => f.code)).toContain('KW102');
		expect(findings.map((f) => f.code)).not.toContain('KW101');
		expect(findings.find((f) => f.code === 'KW102')!.message).toContain('staging (1 pod)');
	});

	it('says when the namespace has no pods at all: of files, that the input holds none (a capture may have left them out); live, that the namespace has none', () => {
		const files = snapshotOf(service('web', { app: 'web' }));
		const kw101 = findingsOf(files).find((f) => f.code === 'KW101')!;
		expect(kw101.message).toContain('(the input holds no pod or workload in this namespace: add them if they were left out)');
		const live = findingsOf({ ...files, origin: { kind: 'live', description: 'context test' } }).find((f) => f.code === 'KW101')!;
		expect(live.message).toContain('(the namespace has no pods)');
	});

	it('is not raised when pods could not be read in the namespace', () => {
		const yaml = service('web', { app: 'web' });
		expect(codes(yaml, [{ resource: 'pods', namespace: 'shop', reason: 'forbidden' }] as never)).not.toContain('KW101');
		expect(codes(yaml, [{ resource: 'pods', namespace: '', reason: 'forbidden' }] as never)).not.toContain('KW101');
	});
});

describe('KW101 when the workload it selects is scaled to zero', () => {
	const scaled = (replicas: number) =>
		`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: book-web, namespace: shop}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: book-web}}\n  template:\n    metadata: {labels: {app: book-web}}\n    spec: {containers: [{name: web, image: web}]}\n---\n`;
	it('names the Deployment and says it is scaled to 0, with the fix to scale it up', () => {
		const kw101 = findingsOf(snapshotOf(service('book-web', { app: 'book-web' }) + scaled(0) + pod('other-1', { app: 'other' }))).find((f) => f.code === 'KW101');
		expect(kw101?.message).toBe('selector app=book-web matches no pod in shop: Deployment shop/book-web, whose pods it selects, is scaled to 0');
		expect(kw101?.hint).toMatch(/^scale Deployment shop\/book-web up/);
	});
	it('twin: scaled to 1, its planned pod is matched', () => {
		expect(codes(service('book-web', { app: 'book-web' }) + scaled(1))).not.toContain('KW101');
	});
});

describe('KW103 near miss', () => {
	it('is raised beside KW101 for a one-label selector whose value is a near spelling', () => {
		const findings = findingsOf(snapshotOf(service('web', { app: 'web' }) + pod('web-v2-1', { app: 'web-v2' })));
		const kw103 = findings.find((f) => f.code === 'KW103')!;
		expect(kw103.message).toContain('did you mean app=web-v2?');
		expect(kw103.severity).toBe('info');
		expect(findings.map((f) => f.code)).toContain('KW101');
	});

	it('counts two swapped letters as one slip: app=wbe for pods labelled app=web', () => {
		const kw103 = findingsOf(snapshotOf(service('web', { app: 'wbe' }) + pod('web-1', { app: 'web' }))).find((f) => f.code === 'KW103');
		expect(kw103?.message).toContain('did you mean app=web?');
	});

	it('is not raised for a one-label selector when the namespace only has unrelated apps', () => {
		expect(codes(service('web', { app: 'web' }) + pod('db-0', { app: 'postgres' }))).not.toContain('KW103');
	});

	it('is not raised when the selector matches, even if other pods differ by one label (frontend and backend tiers)', () => {
		const yaml =
			service('backend', { app: 'shop', tier: 'backend' }) +
			pod('shop-backend', { app: 'shop', tier: 'backend' }) +
			pod('shop-frontend', { app: 'shop', tier: 'frontend' }, { ip: '10.244.0.2' });
		expect(codes(yaml)).toEqual([]);
	});

	it('prefers a close value over an unrelated one and names the pods', () => {
		const yaml =
			service('api', { app: 'api', tier: 'backend' }) +
			pod('cache', { app: 'redis', tier: 'backend' }) +
			pod('api-1', { app: 'api', tier: 'back-end' }, { ip: '10.244.0.2' });
		const kw103 = findingsOf(snapshotOf(yaml)).find((f) => f.code === 'KW103')!;
		expect(kw103.message).toContain('tier=back-end');
		expect(kw103.message).toContain('api-1');
		expect(kw103.hint).toContain('tier=back-end');
	});

	it('finds the wanted value under another key (name=web for app=web)', () => {
		const findings = findingsOf(snapshotOf(service('web', { app: 'web' }) + pod('web-1', { name: 'web' }) + pod('db', { role: 'db' }, { ip: '10.244.0.2' })));
		const kw103 = findings.find((f) => f.code === 'KW103')!;
		expect(kw103.message).toContain('did you mean name=web?');
		expect(kw103.message).toContain('web-1');
		expect(kw103.message).not.toContain('db');
		expect(kw103.hint).toContain('change the selector key app to name');
		expect(findings.find((f) => f.code === 'KW101')!.message).toContain('name=web instead of app=web');
	});

	it('is raised beside KW102 too', () => {
		const yaml = service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { namespace: 'staging' }) + pod('web-x', { app: 'webb' });
		expect(codes(yaml)).toEqual(expect.arrayContaining(['KW102', 'KW103']));
	});
});
