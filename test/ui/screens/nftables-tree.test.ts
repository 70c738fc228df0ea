/**
 * The detail screen's kube-proxy section follows the node's mode: nftables draws the verdict map →
 * service chain → endpoint chains with numgen's equal shares (where iptables shows its cascade of
 * probabilities), and IPVS mode gets a note instead of invented rules.
 */
import { describe, expect, test } from 'vitest';
import { loadDemo } from '../../../source/cluster/demo.js';
import { analyze } from '../../../source/model/analyze.js';
import { displayWidth, lineText } from '../../../source/ui/lines.js';
import { buildScreen, type ScreenData } from '../../../source/ui/screens/index.js';
import { modeProxyTreeProvider } from '../../../source/ui/screens/mode-proxy-tree.js';
import { view } from '../../../source/ui/state/ui-state.js';

const analysis = analyze(loadDemo());

function kubeProxy(key: string, over: Partial<ScreenData>): string {
	const model = buildScreen(view('detail', { subject: key }), { analysis, width: 80, ...over });
	if (model.kind !== 'text') throw new Error('not text');
	const t = model.lines.map(lineText).join('\n');
	return t.slice(t.indexOf('KUBE-PROXY'));
}

describe('kube-proxy section by mode (demo, worker-1)', () => {
	test('nftables: service-ips → service chain → endpoint chains, each exactly 1/3 by numgen', () => {
		const t = kubeProxy('shop/api', { proxyTrees: modeProxyTreeProvider({ node: 'worker-1', mode: 'nftables' }) });
		expect(t).toMatch(/KUBE-PROXY on node worker-1\s+nftables maps and chains; share = 1\/N by numgen/);
		expect(t).toMatch(/└─ service-ips 10\.96\.\d+\.\d+ \. tcp \. 80\s+cluster IP/);
		expect(t).toMatch(/service-[A-Z2-7]{8}-shop\/api\/tcp\/http/);
		expect(t).toMatch(/numgen random mod 3/);
		expect(t.match(/33% endpoint-[A-Z2-7]{8}-shop\/api\/tcp\/http__10\.244\.\d+\.\d+\/8080/g)).toHaveLength(3);
		expect(t).toMatch(/numgen 2 of mod 3/);
		expect(t).not.toMatch(/probability/);
		for (const l of t.split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(80);
	});

	test('iptables on the same Service: the cascade of probabilities, same shares', () => {
		const t = kubeProxy('shop/api', { proxyTrees: modeProxyTreeProvider({ node: 'worker-1', mode: 'iptables' }) });
		expect(t).toMatch(/iptables chains/);
		expect(t).toMatch(/probability 0\.3333333333/);
		expect(t).toMatch(/probability 0\.5000000000/);
		expect(t).toMatch(/the rest/);
		expect(t.match(/33% KUBE-SEP-/g)).toHaveLength(3);
	});

	test('nftables: a Service without ready endpoints shows the reject element', () => {
		const t = kubeProxy('shop/checkout', { proxyTrees: modeProxyTreeProvider({ node: 'worker-1', mode: 'nftables' }) });
		expect(t).toMatch(/no-endpoint-services 10\.96\.\d+\.\d+ \. tcp \. 80\s+cluster IP → reject \(goto reject-chain\)/);
	});

	test('IPVS from the configuration: a note (KW803), no rules', () => {
		const t = kubeProxy('shop/api', {
			proxyTrees: modeProxyTreeProvider({ node: 'worker-1', proxyConfig: { source: 'ConfigMap kube-system/kube-proxy', mode: 'ipvs' } }),
		});
		expect(t.replace(/\s+/g, ' ')).toContain('kube-proxy runs in IPVS mode (ConfigMap kube-system/kube-proxy; KW803)');
		expect(t).not.toMatch(/KUBE-SVC-|service-ips|endpoint-/);
	});

	test('a node whose kube-proxy is not Ready says so above its rules, in either mode (as iptables and trace do)', () => {
		for (const mode of ['iptables', 'nftables']) {
			const t = kubeProxy('shop/api', { proxyTrees: modeProxyTreeProvider({ node: 'worker-2', mode }) }).replace(/\s+/g, ' ');
			expect(t).toContain('kube-proxy is not Ready on node worker-2 (KW801)');
		}
		const healthy = kubeProxy('shop/api', { proxyTrees: modeProxyTreeProvider({ node: 'worker-1', mode: 'iptables' }) });
		expect(healthy).not.toContain('not Ready');
	});
});
