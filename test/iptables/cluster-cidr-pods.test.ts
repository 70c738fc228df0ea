/**
 * A cluster CIDR that does not cover the pods: kube-proxy's ClusterCIDR detector then takes their
 * traffic for outside traffic (KUBE-SVC's "masquerade traffic not from pods" rule matches it), so
 * the header says which pods fall outside. kubeadm's ConfigMap copies networking.podSubnet; a
 * CNI installed with another range leaves it wrong.
 */
import { describe, expect, it } from 'vitest';
import { proxySettingsFor } from '../../source/model/iptables/settings.js';
import { pod, snapshotOf } from '../diagnostics/support.js';

const config = (cidr: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |-
    kind: KubeProxyConfiguration
    clusterCIDR: ${cidr}
---
`;
const pods = pod('web-1', { app: 'web' }, { ip: '10.244.0.5' }) + pod('web-2', { app: 'web' }, { ip: '10.244.1.6' });
const outsideNote = (cidr: string) => proxySettingsFor(snapshotOf(config(cidr) + pods)).notes.filter((n) => n.includes('outside the cluster CIDR'));

describe('pods outside the cluster CIDR', () => {
	it('broken twin: a CIDR that misses the pod network names the pods it misses', () => {
		expect(outsideNote('172.17.0.0/16')).toEqual([
			"2 pods of the input (shop/web-1 10.244.0.5) lie outside the cluster CIDR 172.17.0.0/16: kube-proxy takes their traffic for outside traffic and masquerades it to ClusterIPs (the pods' source addresses are lost); the cluster CIDR should cover the pod network",
		]);
	});

	it('healthy: a CIDR that covers them says nothing more', () => {
		expect(outsideNote('10.244.0.0/16')).toEqual([]);
	});
});
