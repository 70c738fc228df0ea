/**
 * A capture without EndpointSlices: KW503 must agree with KW301, which judges such a Service by
 * the endpoints the controller would publish for its pods. Healthy pods → neither finding.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';

const file = fileURLToPath(new URL('../fixtures/basic/ingress-without-slices.yaml', import.meta.url));

describe('Ingress backends in an input without EndpointSlices', () => {
	it('raises neither KW503 nor KW301 when the matched pod is Ready', () => {
		const codes = analyze(loadFiles([file])).findings.map((f) => f.code);
		expect(codes).not.toContain('KW503');
		expect(codes).not.toContain('KW301');
	});

	it('raises both when the only matched pod is not Ready', () => {
		const snapshot = loadFiles([file]);
		snapshot.pods[0]!.ready = false;
		const codes = analyze(snapshot).findings.map((f) => f.code);
		expect(codes).toContain('KW503');
		expect(codes).toContain('KW301');
	});
});
