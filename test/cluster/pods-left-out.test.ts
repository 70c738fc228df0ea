/**
 * A capture that holds the pods of some namespaces only: where the EndpointSlices name pods the
 * input does not hold, those pods were left out, not deleted, and no "selector matches no pod"
 * or "stale endpoints" is drawn from their absence. The twin, with the namespace's pod given
 * under the wrong label, is judged as before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { checkText } from '../../source/report/check.js';
import { scratchDir } from '../support/scratch.js';

const file = 'test/fixtures/basic/capture-pods-left-out.yaml';

describe('pods a capture left out of a namespace', () => {
	it('are not in the input there: no KW101 or KW302 for b/api, its pods unread, and the report says so', () => {
		const snapshot = loadFiles([file]);
		expect(snapshot.unreadable).toContainEqual({ resource: 'pods', namespace: 'b', reason: 'not in the input: its EndpointSlices name pods there' });
		const analysis = analyze(snapshot);
		expect(analysis.findings).toEqual([]);
		expect(analysis.serviceByKey.get('b/api')!.known.pods).toBe('unread');
		const text = checkText(analysis, {}, 100);
		expect(text).toContain('could not read pods in namespace b (not in the input: its EndpointSlices name pods there)');
		expect(text).toContain('No problems found in what was read; the pods of 1 namespace were not (see NOT READ).');
	});

	it('twin: with a pod of b in the input under another label, the selector is judged (KW101, and KW103 names the near miss), and the endpoint of the missing pod is stale (KW302)', () => {
		const text = readFileSync(file, 'utf8').replace(
			'- apiVersion: discovery.k8s.io/v1',
			`- apiVersion: v1
  kind: Pod
  metadata: {name: api-2, namespace: b, labels: {app: apii}}
  spec: {nodeName: n1, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
  status: {phase: Running, podIP: 10.244.1.10, conditions: [{type: Ready, status: "True"}]}
- apiVersion: discovery.k8s.io/v1`,
		);
		const twin = path.join(scratchDir('pods-left-out'), 'twin.yaml');
		writeFileSync(twin, text);
		const analysis = analyze(loadFiles([twin]));
		expect(analysis.context.snapshot.unreadable.filter((u) => u.resource === 'pods')).toEqual([]);
		expect(analysis.findings.map((f) => `${f.code} ${f.namespace}/${f.name}`).sort()).toEqual(['KW101 b/api', 'KW103 b/api', 'KW302 b/api']);
	});
});
