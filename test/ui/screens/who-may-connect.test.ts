/**
 * The Service detail's "who may connect" section on the demo cluster: the Ingress controller,
 * the outside and other namespaces, admitted or not, and by which policy; wrapped to the width.
 */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../../source/cluster/demo.js';
import { analyze } from '../../../source/model/analyze.js';
import { displayWidth, lineText } from '../../../source/ui/lines.js';
import { whoMayConnectLines } from '../../../source/ui/screens/who-may-connect.js';

const analysis = analyze(loadDemo());
const frame = (key: string, width = 80) => whoMayConnectLines(analysis.serviceByKey.get(key)!, analysis.context, width).map(lineText);

describe('who may connect', () => {
	it('says the Ingress controller is not admitted by the policy that admits only the scheduler', () => {
		const text = frame('analytics/reports').join('\n');
		expect(text).toContain('WHO MAY CONNECT');
		expect(text).toMatch(/✗ not admitted: ingress-nginx \(class nginx\) for Ingress reports/);
		expect(text).toContain('isolated by reports-from-scheduler');
		expect(text).toMatch(/✗ not admitted: outside the cluster \(ClusterIP Service/);
	});

	it('says the outside is not admitted to a NodePort whose policy admits only pods, while other namespaces are', () => {
		const text = frame('analytics/collector').join('\n');
		expect(text).toMatch(/✗ not admitted: outside the cluster \(seen as a node's address\)/);
		expect(text).toMatch(/✓ admitted: pods of other namespaces \(admitted by collector-in-cluster\)/);
	});

	it('says no policy isolates the pods of a Service in an open namespace', () => {
		const text = frame('default/whoami').join('\n');
		expect(text).toMatch(/✓ admitted: outside the cluster .*no policy isolates the pods/s);
	});

	it('wraps to a narrow terminal (only a single word longer than the width may overflow)', () => {
		const lines = frame('analytics/reports', 40);
		expect(lines.length).toBeGreaterThan(6);
		for (const line of lines) if (displayWidth(line) > 40) expect(line.trim().replace(/^[✓✗!] /, '').split(' ')).toHaveLength(1);
	});
});
