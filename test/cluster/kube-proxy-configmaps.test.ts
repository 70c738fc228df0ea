/**
 * kube-proxy's settings as clusters keep them: kubeadm's ConfigMap kube-proxy (config.conf), EKS's
 * kube-proxy-config (`config`, beside a kube-proxy ConfigMap that holds only a kubeconfig), and a
 * configuration that cannot be parsed: listed as not read, no setting and no finding drawn from it.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { openLive } from '../../source/cluster/live.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import { proxySettingsFor } from '../../source/model/iptables/settings.js';
import { snapshotOf } from '../diagnostics/support.js';
import type { FakeApiServer } from '../support/fake-apiserver.js';
import { fakeContext, isolatedEnv, kubeconfigFor, liveRequest, startFake } from '../support/live-harness.js';

const eks = fileURLToPath(new URL('../fixtures/kube-proxy/eks-placement.yaml', import.meta.url));
const unparseable = fileURLToPath(new URL('../fixtures/kube-proxy/unparseable-configmap.yaml', import.meta.url));
const codes = (s: Snapshot) => analyze(s, {}).findings.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`);

const kubeadm = (configConf: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system, labels: {app: kube-proxy}}
data:
  config.conf: |-
${configConf.replace(/^/gm, '    ')}
  kubeconfig.conf: |-
    apiVersion: v1
    kind: Config
---
`;

describe("EKS's kube-proxy-config", () => {
	it('is read, and the kubeconfig-only kube-proxy ConfigMap is neither skipped nor an error', () => {
		const snapshot = loadFiles([eks]);
		expect(snapshot.proxyConfig).toMatchObject({ source: 'ConfigMap kube-system/kube-proxy-config (config)', mode: 'iptables', masqueradeBit: 14, clusterCIDREmpty: true });
		expect(snapshot.skipped).toEqual([]);
		expect(snapshot.unreadable.filter((u) => u.resource === 'configmaps')).toEqual([]);
	});

	it('clusterCIDR "" is said as kube-proxy runs it (no local-traffic detector), not as unknown', () => {
		const { notes, settings } = proxySettingsFor(loadFiles([eks]), { node: 'ip-192-168-1-10.us-west-2.compute.internal' });
		expect(settings.detectLocalMode).toBe('None');
		expect(notes.join('\n')).toContain('cluster CIDR: none (clusterCIDR "" in ConfigMap kube-system/kube-proxy-config (config))');
		expect(notes.join('\n')).not.toContain('give --cluster-cidr');
	});

	it('a --proxy-config file is the one configuration: the ConfigMap\'s clusterCIDR "" does not stand in for what the file leaves out', () => {
		const file = { source: '--proxy-config kp.yaml', mode: 'iptables' };
		const { notes, settings } = proxySettingsFor(loadFiles([eks]), { node: 'ip-192-168-1-10.us-west-2.compute.internal', proxyConfig: file });
		expect(notes.join('\n')).not.toContain('clusterCIDR "" in ConfigMap');
		expect(settings.detectLocalMode).toBe('None');
	});

	it('broken twin: mode ipvs there is KW803 on that ConfigMap', () => {
		const snapshot = loadFiles([eks]);
		expect(codes(snapshot)).not.toContain('KW803 ConfigMap kube-system/kube-proxy-config');
		snapshot.proxyConfig = { ...snapshot.proxyConfig!, mode: 'ipvs' };
		const found = analyze(snapshot, {}).findings.find((f) => f.code === 'KW803');
		expect(found).toMatchObject({ kind: 'ConfigMap', namespace: 'kube-system', name: 'kube-proxy-config' });
		expect(found!.hint).toContain('kube-proxy-config ConfigMap');
	});

	it("kubeadm's ConfigMap wins over EKS's whichever comes first", () => {
		const ours = kubeadm('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\nclusterCIDR: 10.244.0.0/16');
		const theirs = `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy-config, namespace: kube-system}
data:
  config: |-
    kind: KubeProxyConfiguration
    mode: ipvs
---
`;
		for (const yaml of [ours + theirs, theirs + ours]) {
			expect(snapshotOf(yaml).proxyConfig).toMatchObject({ source: 'ConfigMap kube-system/kube-proxy', mode: 'nftables' });
		}
	});
});

describe('a kube-proxy ConfigMap that cannot be parsed', () => {
	const broken = kubeadm('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n  clusterCIDR: [10.244.0.0/16');

	it('is listed as not read, gives no setting and no finding (no KW803 from its mode: ipvs)', () => {
		const snapshot = snapshotOf(broken);
		expect(snapshot.proxyConfig?.unreadable).toContain('its config.conf could not be parsed');
		expect(snapshot.proxyConfig?.mode).toBeUndefined();
		expect(codes(snapshot)).toEqual([]);
		const files = loadFiles([unparseable]);
		expect(files.unreadable.filter((u) => u.resource === 'configmaps')).toEqual([
			{ resource: 'configmaps', namespace: 'kube-system', reason: expect.stringMatching(/^kube-proxy's ConfigMap kube-proxy: its config\.conf could not be parsed: /) as string },
		]);
		expect(files.skipped).toEqual([]);
		expect(codes(files)).toEqual([]);
	});

	it('the rule views say the settings are defaults standing in for it', () => {
		const { notes, modeSource } = proxySettingsFor(snapshotOf(broken));
		expect(notes[0]).toMatch(/^ConfigMap kube-system\/kube-proxy could not be read \(its config\.conf could not be parsed: .*\): the settings below are kube-proxy's defaults/);
		expect(modeSource).toBe("kube-proxy's default; ConfigMap kube-system/kube-proxy could not be read");
	});

	it('healthy twin: the same ConfigMap written right is read', () => {
		const fixed = kubeadm('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nclusterCIDR: 10.244.0.0/16');
		expect(snapshotOf(fixed).proxyConfig).toMatchObject({ mode: 'ipvs', clusterCIDR: '10.244.0.0/16' });
		expect(codes(snapshotOf(fixed))).toEqual(['KW803 ConfigMap kube-system/kube-proxy']);
	});
});

describe('live: both ConfigMaps are asked for, one GET each', () => {
	let fake: FakeApiServer | undefined;
	afterEach(async () => {
		await fake?.close();
		fake = undefined;
	});

	it("reads EKS's kube-proxy-config", async () => {
		fake = await startFake({ fixtures: [eks] });
		const stream = await openLive(liveRequest(kubeconfigFor([fakeContext(fake)])), isolatedEnv);
		const snapshot = stream.current();
		stream.close?.();
		expect(snapshot.proxyConfig).toMatchObject({ source: 'ConfigMap kube-system/kube-proxy-config (config)', mode: 'iptables' });
		for (const name of ['kube-proxy', 'kube-proxy-config']) {
			expect(fake.requests.filter((r) => r.path === `/api/v1/namespaces/kube-system/configmaps/${name}`)).toHaveLength(1);
		}
		expect(snapshot.skipped).toEqual([]);
	});
});
