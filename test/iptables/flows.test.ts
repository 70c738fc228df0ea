/**
 * Every packet flow from kube-proxy's own tests (flows.tsv of each golden case): the same
 * endpoints, verdict and masquerade decision as kube-proxy's packet tracer.
 */
import { describe, expect, it } from 'vitest';
import { rulesFor, trace } from '../../source/model/iptables/index.js';
import { caseNames, loadCase, settingsOf } from './vector-case.js';

for (const name of caseNames()) {
	const c = loadCase(name);
	if (c.flows.length === 0) continue;
	describe(`${name} flows`, () => {
		const ruleSet = rulesFor(c.snapshot, settingsOf(c).settings);
		for (const flow of c.flows) {
			it(flow.name, () => {
				const result = trace(ruleSet, {
					source: flow.source,
					destination: flow.destination,
					port: flow.port,
					protocol: flow.protocol,
				});
				expect(result.outputs.join(', ')).toBe(flow.output);
				expect(result.masquerade).toBe(flow.masquerade);
				const expectedVerdict = flow.output === '' ? 'NONE' : /^(ACCEPT|DROP|REJECT)$/.test(flow.output) ? flow.output : 'DNAT';
				expect(result.verdict).toBe(expectedVerdict);
				if (expectedVerdict === 'DNAT') expect(result.targets).toEqual(flow.output.split(', '));
				expect(result.explanation).not.toBe('');
			});
		}
	});
}
