/**
 * The Service detail in a terminal frame when the node runs nftables mode: the kube-proxy section
 * is the nftables tree (verdict map → service chain → endpoint chain with its numgen share), drawn
 * within the terminal's width.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { displayWidth } from '../../source/ui/lines.js';
import { controlledStream, frameWhere, keys, press, shopSnapshot } from './support.js';

afterEach(() => cleanup());

test('Enter on a Service, End: the nftables path on the node, 80 columns at most', async () => {
	const proxy = { node: 'node-a', nodeIPs: ['192.168.1.10'], clusterCIDRs: ['10.244.0.0/16'], mode: 'nftables' };
	const r = render(
		<App stream={controlledStream(shopSnapshot())} options={{ clusterDomain: 'cluster.local', color: false }} proxy={proxy} size={{ columns: 80, rows: 24 }} now={() => Date.parse('2025-01-01T00:00:10Z')} updateDelayMs={0} onQuit={() => {}} />,
	);
	await frameWhere(r, /✓ OK/);
	await press(r, 'j', 'j', keys.enter);
	await frameWhere(r, /CHAIN/);
	const frame = await press(r, keys.end);
	expect(frame).toMatch(/KUBE-PROXY on node node-a\s+nftables maps and chains/);
	expect(frame).toMatch(/service-ips 10\.96\.0\.10 \. tcp \. 80\s+cluster IP/);
	expect(frame).toMatch(/service-[A-Z2-7]{8}-shop\/web\/tcp\/http/);
	expect(frame).toMatch(/100% endpoint-[A-Z2-7]{8}-shop\/web\/tcp\/http__10\.244\.1\.5\/8080/);
	expect(frame).toMatch(/service-nodeports tcp \. 30080\s+NodePort/);
	expect(frame).not.toMatch(/KUBE-SVC-|probability/);
	for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
});
