/**
 * The check report's handling of what could not be read: no finding is drawn from it, the JSON
 * `unreadable` list says what was missing, and the text says so in words.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { checkJson, checkText, hasErrors } from '../../source/report/check.js';
import { pod, service, snapshotOf } from './support.js';

const yaml = service('web', { app: 'web' }) + service('api', { app: 'api' }, { namespace: 'other', clusterIP: '10.96.0.11' }) + pod('x', { app: 'x' }, { namespace: 'other' });
const analysis = analyze(snapshotOf(yaml, [{ resource: 'pods', namespace: 'shop', reason: 'forbidden' }]));

describe('check report and unreadable resources', () => {
	it('raises nothing about pods where pods could not be read, and still judges the namespaces that were read', () => {
		const json = checkJson(analysis, {}) as { findings: { code: string; namespace: string }[]; unreadable: unknown[] };
		expect(json.findings.filter((f) => f.namespace === 'shop')).toEqual([]);
		expect(json.findings.map((f) => `${f.code} ${f.namespace}`)).toContain('KW101 other');
		expect(json.unreadable).toEqual([{ resource: 'pods', namespace: 'shop', reason: 'forbidden' }]);
	});

	it('says in the text what was not read, within the scope', () => {
		expect(checkText(analysis, {}, 80)).toContain('could not read pods in namespace shop (forbidden)');
		expect(checkText(analysis, { namespace: 'other' }, 80)).not.toContain('could not read');
		expect(checkJson(analysis, { namespace: 'shop' })).toEqual({ findings: [], unreadable: [{ resource: 'pods', namespace: 'shop', reason: 'forbidden' }] });
	});

	it('bases the exit status on the findings in scope', () => {
		expect(hasErrors(analysis, {})).toBe(true);
		expect(hasErrors(analysis, { namespace: 'shop' })).toBe(false);
	});
});
