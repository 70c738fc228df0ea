/** A generated `kubectl get … -o json` capture for tests that need one of some size. */
/**
 * A capture of `services` Services, each with a pod and an EndpointSlice, as kubectl writes it
 * (`-o json`, keys sorted). The Services numbered in `unmatched` select no pod (KW101).
 */
export function capture(services: number, options: { unmatched?: number[] } = {}): string {
	const items: unknown[] = [];
	for (let i = 0; i < services; i++) {
		const name = `svc-${String(i).padStart(4, '0')}`;
		items.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: options.unmatched?.includes(i) ? `${name}-typo` : name } } });
		items.push({ apiVersion: 'v1', kind: 'Pod', metadata: { labels: { app: name }, name: `${name}-pod`, namespace: 'shop' }, spec: { containers: [{ image: 'x', name: 'c', ports: [{ containerPort: 8080 }] }], nodeName: 'n1' }, status: { conditions: [{ status: 'True', type: 'Ready' }], phase: 'Running', podIP: `10.1.${i >> 8}.${i & 255}` } });
		items.push({
			addressType: 'IPv4',
			apiVersion: 'discovery.k8s.io/v1',
			endpoints: options.unmatched?.includes(i) ? [] : [{ addresses: [`10.1.${i >> 8}.${i & 255}`], conditions: { ready: true }, targetRef: { kind: 'Pod', name: `${name}-pod`, namespace: 'shop' } }],
			kind: 'EndpointSlice',
			metadata: { labels: { 'kubernetes.io/service-name': name }, name: `${name}-abc`, namespace: 'shop', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: `u${i}` }] },
			ports: [{ port: 8080, protocol: 'TCP' }],
		});
	}
	return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
}
