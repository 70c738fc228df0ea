/**
 * One fixture per catalogue code and its healthy twin (test/fixtures/diagnostics/<code>/). The
 * broken cluster must raise each finding its header expects, on the right object, with a message
 * naming what it must; the healthy twin must raise nothing at all, so a false positive fails as
 * surely as a miss. A code may have more cases beside its first (`broken-gateway.yaml` with its
 * twin `healthy-gateway.yaml`): each is checked the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../source/model/findings.js';
import { codesOf, findingsOf, fixture, fixturesDir } from './support.js';

interface Expectation {
	code: string;
	kind: string;
	namespace: string;
	name: string;
	mentions: string[];
}

function expectations(code: string, broken: string): Expectation[] {
	const text = readFileSync(`${fixturesDir}${code}/${broken}.yaml`, 'utf8');
	return [...text.matchAll(/^# expect: (KW\d{3}) (\w+) ([^/\s]*)\/(\S+)(.*)$/gm)].map((m) => ({
		code: m[1]!,
		kind: m[2]!,
		namespace: m[3]!,
		name: m[4]!,
		mentions: [...m[5]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((q) => q[1]!.replace(/\\"/g, '"')),
	}));
}

const codes = readdirSync(fixturesDir).filter((d) => /^KW\d{3}$/.test(d)).sort();
/** `''`, `-gateway`…: the suffix of every broken case of a code; each has its healthy twin. */
const casesOf = (code: string): string[] =>
	readdirSync(`${fixturesDir}${code}`)
		.map((f) => /^broken(-[\w-]+)?\.yaml$/.exec(f))
		.filter((m) => m !== null)
		.map((m) => m[1] ?? '')
		.sort();
const ingressCodes = new Set(['KW501', 'KW502', 'KW503', 'KW504', 'KW505', 'KW506', 'KW507', 'KW508', 'KW509']);

describe('diagnostics catalogue fixtures', () => {
	it('has a broken and a healthy fixture for every Service-level code of the catalogue', () => {
		const mine = Object.keys(catalogue).filter((c) => !ingressCodes.has(c));
		expect(codes).toEqual(mine);
	});

	for (const code of codes) {
		for (const suffix of casesOf(code)) {
			const broken = `broken${suffix}`;
			const healthy = `healthy${suffix}`;
			describe(`${code}${suffix}`, () => {
				const expected = expectations(code, broken);

				it('declares what its broken fixture must raise, starting with its own code', () => {
					expect(expected[0]?.code).toBe(code);
				});

				it('raises every expected finding on the right object, with a message naming it', () => {
					const findings = findingsOf(fixture(code, broken));
					for (const want of expected) {
						const hit = findings.find(
							(f) => f.code === want.code && f.kind === want.kind && f.namespace === want.namespace && f.name === want.name,
						);
						expect(hit, `${want.code} on ${want.kind} ${want.namespace}/${want.name}; got ${codesOf(findings).join(', ')}`).toBeDefined();
						expect(hit!.severity).toBe(want.code === 'KW105' ? 'error' : catalogue[want.code as keyof typeof catalogue].severity);
						for (const text of want.mentions) expect(hit!.message).toContain(text);
						expect(hit!.message).not.toMatch(/\n/);
						expect(hit!.hint.length).toBeGreaterThan(10);
					}
				});

				it('raises nothing it does not expect', () => {
					const findings = findingsOf(fixture(code, broken));
					const wanted = expected.map((e) => `${e.code} ${e.kind} ${e.namespace}/${e.name}`).sort();
					expect(codesOf(findings)).toEqual(wanted);
				});

				it('raises nothing on the healthy twin', () => {
					expect(codesOf(findingsOf(fixture(code, healthy)))).toEqual([]);
				});
			});
		}
	}
});
