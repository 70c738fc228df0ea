/**
 * Every packet flow from kube-proxy's nftables tests (flows.tsv of each golden case): the same
 * DNAT targets, DROP/REJECT and masquerade decision as kube-proxy's packet tracer.
 */
import { describe, expect, it } from 'vitest';
import { nftRulesFor, nftTrace } from '../../source/model/nftables/index.js';
import { caseNames, loadCase, nftSettingsOf } from './vector-case.js';

for (const name of caseNames()) {
	const c = loadCase(name);
	if (c.flows.length === 0) continue;
	describe(`${name} flows`, () => {
		const ruleSet = nftRulesFor(c.snapshot, nftSettingsOf(c).settings);
		for (const flow of c.flows) {
			it(flow.name, () => {
				const result = nftTrace(ruleSet, { source: flow.source, destination: flow.destination, port: flow.port, protocol: flow.protocol });
				expect({ output: result.outputs.join(', '), masquerade: result.masquerade }).toEqual({ output: flow.output, masquerade: flow.masquerade });
				const expectedVerdict = flow.output === '' ? 'NONE' : /^(DROP|REJECT)$/.test(flow.output) ? flow.output : 'DNAT';
				expect(result.verdict).toBe(expectedVerdict);
				if (expectedVerdict === 'DNAT') expect(result.targets).toEqual(flow.output.split(', '));
				expect(result.explanation).not.toBe('');
			});
		}
	});
}
