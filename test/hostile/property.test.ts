/**
 * Property: whatever shape the objects have, the loader and the model neither throw nor let a
 * control character reach the text reports. Seeded, so a failing seed can be replayed.
 */
import { describe, expect, it } from 'vitest';
import { addDocument, dropDuplicates } from '../../source/cluster/files.js';
import { emptySnapshot } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import { checkText } from '../../source/report/check.js';
import { servicesText } from '../../source/report/services.js';
import { Random, randomObject, randomValue } from '../support/random-objects.js';

const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe('random object shapes', () => {
	it.each(Array.from({ length: 40 }, (_, i) => 1000 + i))('seed %i: no throw, no control character in reports', (seed) => {
		const r = new Random(seed);
		const snapshot = emptySnapshot({ kind: 'files', description: `seed ${seed}` });
		for (let i = 0; i < 60; i++) {
			const doc = r.chance(0.9) ? randomObject(r) : randomValue(r, 3);
			addDocument(snapshot, doc, `random-${seed}.yaml`);
		}
		dropDuplicates(snapshot);
		const analysis = analyze(snapshot);
		const text = `${servicesText(analysis, {}, 80)}\n${checkText(analysis, {}, 80)}`;
		expect(text).not.toMatch(control);
		expect(analysis.services).toHaveLength(snapshot.services.length);
	});
});
