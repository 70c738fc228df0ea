/**
 * DNS records per the Kubernetes DNS-based service discovery specification: A/AAAA to the
 * ClusterIP, headless records per ready endpoint with hostname names, SRV for named ports only,
 * CNAME for ExternalName, under the given cluster domain.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { dnsRecords } from '../../source/model/dns.js';
import { pod, service, snapshotOf } from '../diagnostics/support.js';

function records(yaml: string, domain = 'cluster.local', key = 'shop/web') {
	const analysis = analyze(snapshotOf(yaml));
	return dnsRecords(analysis.context.serviceByKey.get(key)!, domain).map((r) => `${r.name} ${r.type} ${r.value}`);
}

describe('DNS records', () => {
	it('a ClusterIP Service: A to the ClusterIP, SRV for each named port to the Service name', () => {
		const yaml = service('web', { app: 'web' }, { ports: '[{name: http, port: 80, targetPort: 8080}, {port: 9090}, {name: dns, port: 53, protocol: UDP}]' });
		expect(records(yaml)).toEqual([
			'web.shop.svc.cluster.local A 10.96.0.10',
			'_http._tcp.web.shop.svc.cluster.local SRV 0 100 80 web.shop.svc.cluster.local',
			'_dns._udp.web.shop.svc.cluster.local SRV 0 100 53 web.shop.svc.cluster.local',
		]);
	});

	it('a dual-stack Service: A and AAAA, under another cluster domain', () => {
		const yaml = service('web', { app: 'web' }, { ports: '[{port: 80}]', spec: '  clusterIPs: [10.96.0.10, "fd00:10:96::a"]\n' });
		expect(records(yaml, 'corp.internal')).toEqual(['web.shop.svc.corp.internal A 10.96.0.10', 'web.shop.svc.corp.internal AAAA fd00:10:96::a']);
	});

	it('a manifest without a ClusterIP: the name is served once one is assigned (A per IP family)', () => {
		const yaml = service('web', { app: 'web' }, { ports: '[{name: http, port: 80}]' }).replace('  clusterIP: 10.96.0.10\n', '');
		expect(records(yaml)).toEqual(['web.shop.svc.cluster.local A (assigned on apply)', '_http._tcp.web.shop.svc.cluster.local SRV 0 100 80 web.shop.svc.cluster.local']);
		const dual = service('web', { app: 'web' }, { ports: '[{port: 80}]', spec: '  ipFamilies: [IPv6, IPv4]\n' }).replace('  clusterIP: 10.96.0.10\n', '');
		expect(records(dual)).toEqual(['web.shop.svc.cluster.local AAAA (assigned on apply)', 'web.shop.svc.cluster.local A (assigned on apply)']);
	});

	it('a headless Service whose pods are planned (a manifest set): its name will list the ready pods once applied', () => {
		const yaml =
			service('web', { app: 'web' }, { clusterIP: 'None', ports: '[{port: 80}]' }) +
			'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: w, image: web, ports: [{containerPort: 80}]}]}\n---\n';
		expect(records(yaml)).toEqual(['web.shop.svc.cluster.local A (assigned on apply)']);
	});

	it('a headless Service of a StatefulSet: one A per ready pod, hostname names, SRV per ready endpoint', () => {
		const sts = (n: number, ready = true) =>
			pod(`web-${n}`, { app: 'web' }, { ip: `10.244.0.${n + 1}`, hostname: `web-${n}`, subdomain: 'web', ready, ports: '[{name: peer, containerPort: 7000}]' });
		const yaml = service('web', { app: 'web' }, { clusterIP: 'None', ports: '[{name: peer, port: 7000}]' }) + sts(0) + sts(1) + sts(2, false);
		expect(records(yaml)).toEqual([
			'web.shop.svc.cluster.local A 10.244.0.1',
			'web.shop.svc.cluster.local A 10.244.0.2',
			'web-0.web.shop.svc.cluster.local A 10.244.0.1',
			'web-1.web.shop.svc.cluster.local A 10.244.0.2',
			'_peer._tcp.web.shop.svc.cluster.local SRV 0 50 7000 web-0.web.shop.svc.cluster.local',
			'_peer._tcp.web.shop.svc.cluster.local SRV 0 50 7000 web-1.web.shop.svc.cluster.local',
		]);
	});

	it('a headless Service from its EndpointSlice: hostnames from the slice, dashed addresses otherwise, not-ready left out', () => {
		const yaml = `${service('web', { app: 'web' }, { clusterIP: 'None', ports: '[{name: http, port: 80, targetPort: 8080}]' })}apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- {addresses: [10.244.1.5], hostname: web-a, conditions: {ready: true}}
- {addresses: [10.244.1.6], conditions: {ready: true}}
- {addresses: [10.244.1.7], conditions: {ready: false}}
`;
		expect(records(yaml)).toEqual([
			'web.shop.svc.cluster.local A 10.244.1.5',
			'web.shop.svc.cluster.local A 10.244.1.6',
			'web-a.web.shop.svc.cluster.local A 10.244.1.5',
			'_http._tcp.web.shop.svc.cluster.local SRV 0 50 8080 web-a.web.shop.svc.cluster.local',
			'_http._tcp.web.shop.svc.cluster.local SRV 0 50 8080 10-244-1-6.web.shop.svc.cluster.local',
		]);
	});

	it('a pod whose subdomain names another Service gets no hostname record here', () => {
		const yaml = service('web', { app: 'web' }, { clusterIP: 'None', ports: '[{port: 80}]' }) + pod('w', { app: 'web' }, { hostname: 'w', subdomain: 'other' });
		expect(records(yaml)).toEqual(['web.shop.svc.cluster.local A 10.244.0.1']);
	});

	it('publishNotReadyAddresses publishes unready pods too', () => {
		const yaml = service('web', { app: 'web' }, { clusterIP: 'None', ports: '[{port: 80}]', spec: '  publishNotReadyAddresses: true\n' }) + pod('w', { app: 'web' }, { ready: false });
		expect(records(yaml)).toEqual(['web.shop.svc.cluster.local A 10.244.0.1']);
	});

	it('a headless Service without ready endpoints has no record', () => {
		const yaml = service('web', { app: 'web' }, { clusterIP: 'None', ports: '[{port: 80}]' }) + pod('w', { app: 'web' }, { ready: false });
		expect(records(yaml)).toEqual([]);
	});

	it('an ExternalName Service: one CNAME, without the final dot', () => {
		const yaml = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: ExternalName, externalName: web.example.com., ports: [{name: http, port: 80}]}\n`;
		expect(records(yaml)).toEqual(['web.shop.svc.cluster.local CNAME web.example.com']);
	});

	it('reaches the analysis under --cluster-domain', () => {
		const analysis = analyze(snapshotOf(service('web', { app: 'web' }, { ports: '[{port: 80}]' })), { clusterDomain: 'k8s.test' });
		expect(analysis.serviceByKey.get('shop/web')!.dns).toEqual([{ name: 'web.shop.svc.k8s.test', type: 'A', value: '10.96.0.10' }]);
	});
});
