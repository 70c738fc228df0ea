/** KW104, KW301, KW302, KW303: what the endpoints say, with healthy twins and readability. */
import { describe, expect, it } from 'vitest';
import type { Unreadable } from '../../source/cluster/snapshot.js';
import { findingsOf, pod, service, snapshotOf } from './support.js';

const codes = (yaml: string, unreadable: Unreadable[] = []) => findingsOf(snapshotOf(yaml, unreadable)).map((f) => f.code).sort();

function slice(service: string, endpoints: string, ports = '[{name: http, port: 8080, protocol: TCP}]'): string {
	return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${service}-abc, namespace: shop, labels: {kubernetes.io/service-name: ${service}}}
addressType: IPv4
ports: ${ports}
endpoints:
${endpoints}---
`;
}

const ep = (ip: string, conditions: string, podName?: string, extra = '') =>
	`- addresses: [${ip}]\n  conditions: ${conditions}\n  nodeName: node-a\n${podName ? `  targetRef: {kind: Pod, namespace: shop, name: ${podName}${extra}}\n` : ''}`;

describe('KW301 no ready endpoint', () => {
	it('is judged from the pods when the input holds no EndpointSlice for a selector Service', () => {
		expect(codes(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }))).toEqual([]);
		expect(codes(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { ready: false }))).toEqual(['KW105', 'KW301']);
	});

	it('trusts the EndpointSlice when there is one', () => {
		const yaml = service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { ip: '10.244.0.1' });
		expect(codes(yaml + slice('web', ep('10.244.0.1', '{ready: true}', 'web-1')))).toEqual([]);
		expect(codes(yaml + slice('web', ep('10.244.0.1', '{ready: false}', 'web-1')))).toEqual(['KW301']);
	});

	it('reads legacy Endpoints when a Service has no slice: notReadyAddresses are not ready', () => {
		const endpoints = (field: string) => `apiVersion: v1
kind: Endpoints
metadata: {name: ext, namespace: shop}
subsets: [{${field}: [{ip: 192.168.0.5}], ports: [{name: http, port: 8080}]}]
`;
		expect(codes(service('ext', undefined) + endpoints('addresses'))).toEqual([]);
		expect(codes(service('ext', undefined) + endpoints('notReadyAddresses'))).toEqual(['KW301']);
	});

	it('is not raised for headless Services (no virtual IP to reject on) nor ExternalName ones', () => {
		expect(codes(service('db', { app: 'db' }, { clusterIP: 'None' }) + pod('db-0', { app: 'db' }, { ready: false }))).toEqual(['KW105']);
	});

	it('is not raised when EndpointSlices could not be read in the namespace', () => {
		expect(codes(service('ext', undefined), [{ resource: 'endpointslices', namespace: 'shop', reason: 'forbidden' }])).toEqual([]);
	});

	it('names the Service port left without endpoints when the slice does not list it', () => {
		const f = findingsOf(snapshotOf(service('ext', undefined) + slice('ext', ep('192.168.0.5', '{ready: true}'), '[{name: other, port: 8080, protocol: TCP}]')));
		expect(f.map((x) => x.code)).toEqual(['KW301']);
		expect(f[0]!.message).toContain('none lists port "http"');
	});
});

describe('KW104 no selector and no endpoints', () => {
	it('is raised once per selector-less Service with no slice, even an empty slice counts as one', () => {
		expect(codes(service('ext', undefined))).toEqual(['KW104', 'KW301']);
		expect(codes(service('ext', undefined) + slice('ext', ''))).toEqual(['KW301']);
	});
});

describe('KW302 stale endpoints', () => {
	const base = service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { ip: '10.244.0.1', extraMeta: '  uid: uid-web-1\n' });

	it('is raised for a targetRef to a pod that was replaced (same name, another uid)', () => {
		expect(codes(base + slice('web', ep('10.244.0.1', '{ready: true}', 'web-1', ', uid: uid-old')))).toEqual(['KW302']);
		expect(codes(base + slice('web', ep('10.244.0.1', '{ready: true}', 'web-1', ', uid: uid-web-1')))).toEqual([]);
	});

	it('is not raised for endpoints without a targetRef', () => {
		expect(codes(base + slice('web', ep('10.244.0.1', '{ready: true}') + ep('10.244.0.99', '{ready: true}')))).toEqual([]);
	});

	it('checks only existence for a selector-less Service', () => {
		const yaml = service('ext', undefined) + pod('helper', { app: 'x' }, { ip: '10.244.0.7' });
		expect(codes(yaml + slice('ext', ep('10.244.0.7', '{ready: true}', 'helper')))).toEqual([]);
		expect(codes(yaml + slice('ext', ep('10.244.0.8', '{ready: true}', 'gone')))).toEqual(['KW302']);
	});

	it('is not raised when the pods of the namespace could not be read', () => {
		const yaml = service('ext', undefined) + slice('ext', ep('10.244.0.8', '{ready: true}', 'gone'));
		expect(codes(yaml, [{ resource: 'pods', namespace: 'shop', reason: 'forbidden' }])).toEqual([]);
	});
});

describe('KW303 only terminating endpoints', () => {
	it('is not raised while a not-terminating endpoint remains beside terminating ones', () => {
		const yaml = service('ext', undefined);
		const terminating = ep('10.0.0.1', '{ready: false, serving: true, terminating: true}');
		expect(codes(yaml + slice('ext', terminating))).toEqual(['KW301', 'KW303']);
		expect(codes(yaml + slice('ext', terminating + ep('10.0.0.2', '{ready: true}')))).toEqual([]);
		expect(codes(yaml + slice('ext', terminating + ep('10.0.0.2', '{ready: false}')))).toEqual(['KW301']);
	});
});

describe('default/kubernetes', () => {
	it('is not reported when the input left out the endpoints the API server writes for it', () => {
		const yaml = service('kubernetes', undefined, { namespace: 'default', ports: '[{name: https, port: 443, targetPort: 6443}]' });
		expect(codes(yaml)).toEqual([]);
		expect(codes(yaml.replace('name: kubernetes', 'name: kubernetes-copy'))).toEqual(['KW104', 'KW301']);
	});
});
