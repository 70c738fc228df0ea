/**
 * The live store's snapshots list each kind's records in the order the store holds them, however
 * they got there (a changed object keeps its place, a new one goes last, a relist starts over),
 * and a snapshot once built keeps its records. Seeded random events, so a failure replays.
 */
import { describe, expect, it } from 'vitest';
import { LiveStore } from '../../source/cluster/live/store.js';
import type { Meta, Pod } from '../../source/cluster/snapshot.js';
import { Random } from '../support/random-objects.js';

const record = (name: string, version: number): Meta => ({ kind: 'Pod', namespace: 'ns', name, labels: {}, annotations: {}, version }) as unknown as Meta;

describe('the live store', () => {
	it('lists the records in order after any mix of changes, adds, removals and relists', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const r = new Random(seed * 104729);
			const store = new LiveStore({ kind: 'live', description: 'test', context: 'test', server: 'https://test' });
			// What the store must hold: insertion order, a changed key keeping its place.
			const model = new Map<string, Meta>();
			let version = 0;
			const initial = new Map<string, Meta>();
			for (let i = 0; i < 200; i++) initial.set(`ns/p${i}`, record(`p${i}`, version++));
			store.replace('pods', initial);
			for (const [k, v] of initial) model.set(k, v);
			store.build();
			for (let batch = 0; batch < 60; batch++) {
				for (let n = 1 + r.int(6); n > 0; n--) {
					const roll = r.next();
					const name = `p${r.int(260)}`;
					const key = `ns/${name}`;
					if (roll < 0.8) {
						const value = record(name, version++);
						store.upsert('pods', key, value);
						model.set(key, value);
					} else if (roll < 0.97) {
						store.remove('pods', key);
						model.delete(key);
					} else {
						const all = new Map([...model].filter(() => r.chance(0.9)));
						store.replace('pods', all);
						model.clear();
						for (const [k, v] of all) model.set(k, v);
					}
				}
				const pods = store.build().pods as readonly Pod[];
				expect(pods, `seed ${seed}, batch ${batch}`).toEqual([...model.values()]);
			}
		}
	});

	it('an earlier snapshot keeps the records it was built with', () => {
		const store = new LiveStore({ kind: 'live', description: 'test', context: 'test', server: 'https://test' });
		store.replace('pods', new Map([['ns/a', record('a', 1)], ['ns/b', record('b', 1)]]));
		const first = store.build();
		store.upsert('pods', 'ns/a', record('a', 2));
		const second = store.build();
		store.upsert('pods', 'ns/c', record('c', 1));
		const third = store.build();
		expect(first.pods.map((p) => (p as unknown as { version: number }).version)).toEqual([1, 1]);
		expect(second.pods.map((p) => `${p.name}${(p as unknown as { version: number }).version}`)).toEqual(['a2', 'b1']);
		expect(third.pods.map((p) => p.name)).toEqual(['a', 'b', 'c']);
	});
});
