/**
 * kube-proxy's own nftables expectations (test/nftables/vectors): the full rulesets of
 * TestOverallNFTablesRules and TestSyncProxyRulesRepeated compared in the tests' canonical order,
 * the verdict-map elements of TestLoadBalancerIngressRouteTypeProxy and the chain-name table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalNft, endpointChainBase, nftRulesFor, nftText, servicePortChainBase } from '../../source/model/nftables/index.js';
import { caseNames, loadCase, nftSettingsOf, vectorsDir } from './vector-case.js';

describe('full rulesets equal kube-proxy test expectations (canonical order)', () => {
	for (const name of caseNames()) {
		const c = loadCase(name);
		if (c.expected === undefined) continue;
		it(name, () => {
			const ruleSet = nftRulesFor(c.snapshot, nftSettingsOf(c).settings);
			expect(canonicalNft(nftText(ruleSet))).toEqual(canonicalNft(c.expected!));
		});
	}
});

describe('verdict-map elements', () => {
	for (const name of caseNames()) {
		const c = loadCase(name);
		if (c.mapElements.length === 0) continue;
		it(name, () => {
			const ruleSet = nftRulesFor(c.snapshot, nftSettingsOf(c).settings);
			for (const row of c.mapElements) {
				const found = ruleSet.elements.some((e) => e.set === row.map && e.key === row.key);
				expect({ ...row, found }).toEqual({ ...row, found: row.present });
			}
		});
	}
});

describe('chain-name bases', () => {
	const rows = readFileSync(`${vectorsDir}chain-names/names.tsv`, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => line.split('\t'));
	for (const [name = '', kind, namespace = '', service = '', portName = '', protocol = '', endpoint = '', expected] of rows) {
		it(name, () => {
			const key = `${namespace}/${service}`;
			if (kind === 'service') {
				expect(servicePortChainBase(key, protocol, portName)).toBe(expected);
				return;
			}
			const match = /^\[?(.*?)\]?:(\d+)$/.exec(endpoint)!;
			expect(endpointChainBase(key, protocol, portName, match[1]!, Number(match[2]))).toBe(expected);
		});
	}
});
