/**
 * Cilium replaces kube-proxy only when its kube-proxy-replacement says so, and that setting lives
 * in the ConfigMap cilium-config (Helm's kubeProxyReplacement lands there; the agent reads it from
 * its config directory, not from a flag). A cluster whose kube-system shows no kube-proxy and no
 * replacement gets a line saying so above the rules, not a claim either way.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubeProxyPresence } from '../../source/model/kube-proxy.js';
import { kubeProxyNodeLine } from '../../source/report/kube-proxy-presence.js';
import { snapshotOf } from './support.js';

const cilium = readFileSync(fileURLToPath(new URL('../fixtures/kube-proxy/cilium.yaml', import.meta.url)), 'utf8');
const ciliumConfig = (value: string) => `---
apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data:
  kube-proxy-replacement: "${value}"
  routing-mode: tunnel
`;

describe('cilium-config kube-proxy-replacement', () => {
	it('true: Cilium replaces kube-proxy, and the evidence names the ConfigMap', () => {
		const presence = kubeProxyPresence(snapshotOf(cilium + ciliumConfig('true')));
		expect(presence.state).toBe('absent');
		expect(presence.evidence).toContain('Cilium replaces kube-proxy (kube-proxy-replacement true in ConfigMap kube-system/cilium-config)');
	});

	it('broken twin: false with no kube-proxy in kube-system is not called a replacement; the views say none shows', () => {
		const presence = kubeProxyPresence(snapshotOf(cilium + ciliumConfig('false')));
		expect(presence.state).toBe('unknown');
		expect(presence.unseen).toBe(true);
		expect(kubeProxyNodeLine(presence, 'node-a')).toMatch(
			/^no kube-proxy DaemonSet or pod in the input \(Cilium runs with kube-proxy-replacement false \(ConfigMap kube-system\/cilium-config\), which leaves Services to kube-proxy/,
		);
	});

	it('without cilium-config in the input, the agent is taken to replace kube-proxy as before', () => {
		expect(kubeProxyPresence(snapshotOf(cilium)).state).toBe('absent');
	});

	it('an input without any kube-system object says nothing of kube-proxy', () => {
		const presence = kubeProxyPresence(snapshotOf('apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: monitoring}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a:1}]\n'));
		expect(presence.state).toBe('unknown');
		expect(kubeProxyNodeLine(presence, 'node-a')).toBeUndefined();
	});
});
