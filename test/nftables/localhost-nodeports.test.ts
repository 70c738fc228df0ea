/**
 * localhostNodePorts is an iptables-mode setting: nftables mode never serves a NodePort on
 * 127.0.0.0/8 (reference nftables-spec: "localhostNodePorts does not exist here"). A configuration
 * that switches to nftables with it on says so, and a trace to 127.0.0.1:NODEPORT says why nothing answers.
 */
import { describe, expect, it } from 'vitest';
import { proxySettingsFor } from '../../source/model/iptables/settings.js';
import { nftRulesFor, nftTrace } from '../../source/model/nftables/index.js';
import { snapshotOf } from '../diagnostics/support.js';

const cluster = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |-
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    mode: ${mode}
    clusterCIDR: 10.244.0.0/16
    iptables:
      localhostNodePorts: true
---
apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {kubernetes.io/os: linux}}
status: {conditions: [{type: Ready, status: "True"}], addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: NodePort
  clusterIP: 10.96.10.10
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints: [{addresses: [10.244.0.5], conditions: {ready: true}, nodeName: node-a}]
`;
const toLocalhost = { source: '127.0.0.1', destination: '127.0.0.1', port: 30080, protocol: 'tcp' };

describe('localhostNodePorts in nftables mode', () => {
	it('a configuration that turns it on is said to have no effect there', () => {
		const resolved = proxySettingsFor(snapshotOf(cluster('nftables')), { node: 'node-a' });
		expect(resolved.notes).toContain('localhostNodePorts true in ConfigMap kube-system/kube-proxy has no effect in nftables mode: NodePorts do not answer on 127.0.0.1 there, as they do in iptables mode');
		expect(resolved.notes.join('\n')).not.toMatch(/^localhostNodePorts true: from/m);
	});

	it('healthy twin: in iptables mode it is a setting like the others', () => {
		const resolved = proxySettingsFor(snapshotOf(cluster('iptables')), { node: 'node-a' });
		expect(resolved.notes).toContain('localhostNodePorts true: from ConfigMap kube-system/kube-proxy');
	});

	it('a trace to 127.0.0.1:NODEPORT says the port is a NodePort nftables mode does not serve there', () => {
		const snapshot = snapshotOf(cluster('nftables'));
		const { settings } = proxySettingsFor(snapshot, { node: 'node-a' });
		const result = nftTrace(nftRulesFor(snapshot, settings), toLocalhost);
		expect(result.verdict).toBe('NONE');
		expect(result.explanation).toContain('30080/tcp is the NodePort of shop/web:http, but nftables mode serves no NodePort on 127.0.0.0/8');
		const viaNode = nftTrace(nftRulesFor(snapshot, settings), { ...toLocalhost, destination: '192.168.1.10' });
		expect(viaNode.verdict).toBe('DNAT');
	});
});
