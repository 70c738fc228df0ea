import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze, compareServices, completeAnalysis, completionSteps, outlineAnalysis } from '../../source/model/analyze.js';

const demoLike = fileURLToPath(new URL('../fixtures/basic/shop.yaml', import.meta.url));

describe('analysis in two steps', () => {
	it('an outline has every Service, pending, and no findings', () => {
		const outline = outlineAnalysis(loadFiles([demoLike]));
		expect(outline.pending).toBe(true);
		expect(outline.findings).toEqual([]);
		expect(outline.services.every((s) => s.status === 'pending')).toBe(true);
		expect(outline.services).toHaveLength(3);
	});

	it('completing an outline gives what analyze gives, on the same context', () => {
		const snapshot = loadFiles([demoLike]);
		const outline = outlineAnalysis(snapshot);
		const done = completeAnalysis(outline);
		const direct = analyze(snapshot);
		expect(done.context).toBe(outline.context);
		expect(done.pending).toBeUndefined();
		expect(done.findings).toEqual(direct.findings);
		expect(done.services.map((s) => [s.wiring.key, s.status])).toEqual(direct.services.map((s) => [s.wiring.key, s.status]));
	});

	it('sorts broken Services first and pending ones last', () => {
		const direct = analyze(loadFiles([demoLike]));
		const sorted = [...direct.services].sort(compareServices).map((s) => s.status);
		expect(sorted[0]).toBe('error');
		const pending = outlineAnalysis(loadFiles([demoLike])).services[0]!;
		expect(compareServices(direct.services[0]!, pending)).toBeLessThan(0);
	});
});

describe('completion in steps', () => {
	it('yields after every Service and ends with what completeAnalysis gives', () => {
		const snapshot = loadFiles([demoLike]);
		const outline = outlineAnalysis(snapshot);
		const steps = completionSteps(outline);
		let yields = 0;
		let step = steps.next();
		while (!step.done) {
			yields++;
			step = steps.next();
		}
		// One per Service, one for the Ingress rules, one per rule across Services.
		expect(yields).toBeGreaterThan(outline.services.length + 1);
		expect(step.value.findings).toEqual(analyze(snapshot).findings);
		expect(step.value.context).toBe(outline.context);
	});
});
