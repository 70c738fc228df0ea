/**
 * Every golden case from kube-proxy's own unit tests: the generated rules, put in the tests' sort
 * order, must equal kube-proxy's text; once with the test's exact kernel facts, once with a
 * current node's defaults folded as the vectors README says.
 */
import { describe, expect, it } from 'vitest';
import { iptablesSave, normaliseDump, proxySettingsFor, rulesFor } from '../../source/model/iptables/index.js';
import { caseNames, fold, loadCase, nodeIPsOf, proxyConfigOf, settingsOf } from './vector-case.js';

const withText = caseNames().filter((name) => loadCase(name).expected !== undefined);

describe('kube-proxy golden rule text', () => {
	it('has the cases the shared vectors hold', () => {
		expect(withText.length).toBeGreaterThanOrEqual(6);
	});

	for (const name of withText) {
		it(`${name}: equals kube-proxy's rules exactly, with the test's kernel facts`, () => {
			const c = loadCase(name);
			const ruleSet = rulesFor(c.snapshot, settingsOf(c).settings);
			expect(iptablesSave(ruleSet)).toBe(normaliseDump(c.expected!));
		});

		it(`${name}: equals them with a real node's defaults, once kernel facts are folded`, () => {
			const c = loadCase(name);
			const { settings } = proxySettingsFor(c.snapshot, {
				node: c.env['NODE_NAME'],
				nodeIPs: nodeIPsOf(c.env),
				proxyConfig: proxyConfigOf(c.env),
			});
			const text = iptablesSave(rulesFor(c.snapshot, settings));
			expect(text).toContain('0x00004000');
			expect(fold(text)).toBe(fold(normaliseDump(c.expected!)));
		});
	}
});
