/**
 * The item-by-item JSON list reader must be invisible: for any file, loading it gives exactly
 * what parsing the whole document gives (the same records, the same skipped objects, the same
 * error line). These tests compare the two paths on hand-written edge cases and on seeded
 * random lists, mutated byte by byte so that broken files are covered too.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDocument, addJsonList, dropDuplicates, loadFiles, parseDocuments, requireObjects } from '../../source/cluster/files.js';
import { beginInput, endFile, finishInput } from '../../source/cluster/input-rules.js';
import { walkJsonList } from '../../source/cluster/json-list.js';
import { emptySnapshot, type Snapshot } from '../../source/cluster/snapshot.js';
import { Random, randomObject } from '../support/random-objects.js';
import { scratchDir } from '../support/scratch.js';

const dir = scratchDir('json-list');
let serial = 0;

function write(content: string | Buffer): string {
	const file = path.join(dir, `case-${serial++}.json`);
	writeFileSync(file, content);
	return file;
}

type Outcome = { snapshot: Snapshot } | { error: string };

/** What the loader gives for a file. */
function viaLoader(file: string): Outcome {
	try {
		const snapshot = loadFiles([file]);
		snapshot.takenAt = '';
		return { snapshot };
	} catch (error) {
		return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
	}
}

/** What parsing the whole text at once gives: the reference behaviour. */
function viaWholeDocument(file: string, content: string | Buffer): Outcome {
	try {
		const text = typeof content === 'string' ? content : content.toString('utf8');
		const snapshot = emptySnapshot({ kind: 'files', description: `files: ${file}` }, '');
		beginInput(snapshot);
		for (const doc of parseDocuments(text, file)) addDocument(snapshot, doc, file);
		endFile(snapshot, file);
		dropDuplicates(snapshot);
		finishInput(snapshot);
		requireObjects(snapshot, [file], text.trim() === '' ? 1 : 0);
		return { snapshot };
	} catch (error) {
		return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
	}
}

function expectSameOutcome(content: string | Buffer): Outcome {
	const file = write(content);
	const loaded = viaLoader(file);
	expect(loaded).toEqual(viaWholeDocument(file, content));
	return loaded;
}

const service = (name: string, extra: Record<string, unknown> = {}) => ({
	apiVersion: 'v1',
	kind: 'Service',
	metadata: { name, namespace: 'shop', labels: { app: name } },
	spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
	...extra,
});
const pod = (name: string) => ({
	metadata: { name, namespace: 'shop', labels: { app: 'web' } },
	spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
	status: { podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] },
});

/** What the walker sees in a text: the items, parsed, and the other members; undefined when it declines. */
function walk(text: string): { items: unknown[]; rest: unknown } | undefined {
	const items: unknown[] = [];
	const rest = walkJsonList(Buffer.from(text), 0, { beforeItems: () => true, item: (item) => items.push(item) });
	return rest === undefined ? undefined : { items, rest: JSON.parse(rest) };
}

describe('walkJsonList: the items, one at a time', () => {
	it('finds every item of a compact and of a pretty-printed list, and keeps the rest', () => {
		for (const text of [
			JSON.stringify({ apiVersion: 'v1', items: [service('a'), pod('p'), service('b')], kind: 'List' }),
			JSON.stringify({ apiVersion: 'v1', items: [service('a'), pod('p'), service('b')], kind: 'List' }, null, 4),
		]) {
			expect(walk(text)).toEqual({ items: [service('a'), pod('p'), service('b')], rest: { apiVersion: 'v1', kind: 'List' } });
		}
	});

	it('is not fooled by brackets, quotes and backslashes inside strings', () => {
		const tricky = service('a', { metadata: { name: 'a', annotations: { x: '}]},{"items":[', y: 'end\\', z: '\\"},{"apiVersion":' } } });
		const items = [tricky, 7, 'str', null, [1, [2]], tricky];
		expect(walk(JSON.stringify({ items, kind: 'List' }))?.items).toEqual(items);
	});

	it('is not fooled by nested objects that begin like an item', () => {
		const owners = (name: string) => ({
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name,
				ownerReferences: [
					{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' },
					{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'ss' },
				],
			},
		});
		const items = Array.from({ length: 40 }, (_, k) => owners(`p${k}`));
		for (const space of [undefined, 2]) expect(walk(JSON.stringify({ items, kind: 'List' }, null, space))?.items).toEqual(items);
	});

	it('reads items that begin differently (another first key, other indentation)', () => {
		const items = [{ kind: 'Pod', metadata: { name: 'a' } }, service('b'), { metadata: { name: 'c' } }, service('d'), 5];
		const text = `{"items": [${items.map((item, k) => JSON.stringify(item, null, k % 3)).join(' ,\n')}]}`;
		expect(walk(text)?.items).toEqual(items);
	});

	it('declines what is not one top-level object with one items array of valid JSON', () => {
		for (const text of [
			'[]',
			'{"kind":"List"}',
			'{"items":{}}',
			'{"items":[],"items":[]}',
			'{"items":[1,]}',
			'{"items":[,1]}',
			'{"items":[1 2]}',
			'{"items":[{"a":1} {"a":2}]}',
			'{"items":[{"a":1},,{"a":2}]}',
			'{"items":[{"a":1},{"a":2,}]}',
			'{"items":[1]} x',
			'{"items":[1],}',
			'{"items":[{"a":1}]',
			'{"items":["unterminated]}',
			'{kind:"List","items":[]}',
			'\u00a0{"items":[]}',
		]) {
			expect(walk(text), text).toBeUndefined();
		}
	});

	it('accepts the empty list and JSON whitespace anywhere between tokens', () => {
		expect(walk('{"items":[]}')?.items).toEqual([]);
		expect(walk(' \r\n\t{ "items" :\n[ 1 ,\t2 ] , "kind" : "List" }\n')).toEqual({ items: [1, 2], rest: { kind: 'List' } });
	});

	it('stops when told to before the items, and hands over the members read so far', () => {
		let head: unknown;
		const rest = walkJsonList(Buffer.from('{"kind":"ConfigMap","items":[1]}'), 0, {
			beforeItems: (text) => ((head = JSON.parse(text)), false),
			item: () => expect.unreachable(),
		});
		expect(rest).toBeUndefined();
		expect(head).toEqual({ kind: 'ConfigMap' });
	});
});

describe('loading a JSON list item by item gives what the whole-document reader gives', () => {
	it('kubectl-style lists, typed lists, BOM, nested lists, scalars and unknown kinds', () => {
		const cases: Array<string | Buffer> = [
			JSON.stringify({ apiVersion: 'v1', items: [service('a'), { kind: 'Pod', ...pod('p') }], kind: 'List', metadata: { resourceVersion: '' } }, null, 4),
			JSON.stringify({ kind: 'PodList', items: [pod('p1'), pod('p2')] }),
			JSON.stringify({ items: [pod('p1'), pod('p2')], kind: 'PodList' }),
			`{"kind":"List","items":[${JSON.stringify(pod('p1'))}],"kind":"ServiceList"}`,
			'{"kind":"PodList","items":[{"metadata":{"name":"a"}}],"kind":"ServiceList"}',
			'{"kind":"ConfigMap","items":[{"kind":"Service","metadata":{"name":"a"}}],"kind":"List"}',
			'{"kind":"ConfigMap","metadata":{"name":"cm","namespace":"kube-system"},"items":[1]}',
			JSON.stringify({ items: [service('a'), service('a')] }),
			`\ufeff${JSON.stringify({ kind: 'List', items: [service('bom')] })}`,
			JSON.stringify({ kind: 'List', items: [{ kind: 'List', items: [service('inner')] }, 1, 'x', null, []] }),
			JSON.stringify({ kind: 'List', items: [{ kind: 'Widget', metadata: { name: 'w' } }, { kind: 'Pod', metadata: {} }] }),
			JSON.stringify({
				kind: 'List',
				items: [{ kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': 'mode: iptables\nclusterCIDR: 10.0.0.0/8\n' } }],
			}),
			JSON.stringify({ kind: 'Service', items: [service('not-a-list')], metadata: { name: 'odd' } }),
			JSON.stringify({ kind: 'List', items: [service('日本語'), service('\u001b[2Jevil')] }),
			'{"kind":"List","items":[{"kind":"Service","metadata":{"name":"a"}}],"kind":"ServiceList"}',
			'{"kind":"List","items":[{"kind":"Service","metadata":{"name":"a","name":"b"}}]}',
			'{"kind":"List","items":[{"kind":"Service","metadata":{"name":"a"}},{"kind":"Service","metadata":{"name":"b"},}]}',
			'{"kind":"List","items":[{"kind":"Service","metadata":{"name":"a"}}, {"kind":"Service","metadata":{"name":"b"}}',
			'{"kind":"List","items":[{"kind":"Service","metadata":{"name":"a"}}]} trailing',
			'{"kind":"List","__proto__":{"kind":"x"},"items":[{"kind":"Service","metadata":{"name":"a"}}]}',
			Buffer.concat([Buffer.from('{"kind":"List","items":[{"kind":"Service","metadata":{"name":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}]}')]),
			Buffer.concat([Buffer.from('{"kind":"List","items":['), Buffer.from([0]), Buffer.from(']}')]),
		];
		for (const content of cases) expectSameOutcome(content);
	});

	it('reads the items of a well-formed list (the fast path is really taken and loses nothing)', () => {
		const text = JSON.stringify({ kind: 'List', items: [service('a'), { kind: 'Pod', ...pod('p') }] });
		expect(addJsonList(emptySnapshot({ kind: 'files', description: '' }), Buffer.from(text), 'x.json')).toBe(true);
		const outcome = expectSameOutcome(text);
		expect('snapshot' in outcome && outcome.snapshot.services.map((s) => s.name)).toEqual(['a']);
		expect('snapshot' in outcome && outcome.snapshot.pods.map((p) => p.podIP)).toEqual(['10.0.0.1']);
	});

	it('a list that breaks in its last item adds nothing twice (the whole-document reader starts over)', () => {
		const good = JSON.stringify({ kind: 'List', items: [service('a'), service('b')] });
		const broken = `${good.slice(0, -2)},{"kind":"Service","metadata":{"name":"c"}]}`;
		const snapshot = emptySnapshot({ kind: 'files', description: '' });
		expect(addJsonList(snapshot, Buffer.from(broken), 'x.json')).toBe(false);
		expect(snapshot.services).toEqual([]);
		const outcome = expectSameOutcome(broken);
		expect('error' in outcome).toBe(true);
	});

	it('seeded random lists, pretty or compact, whole or with one byte changed', () => {
		const r = new Random(20250106);
		for (let round = 0; round < 300; round++) {
			const items = Array.from({ length: 1 + r.int(6) }, () => randomObject(r));
			const doc = r.chance(0.8) ? { apiVersion: 'v1', items, kind: r.pick(['List', 'ServiceList', 'PodList', '']) } : { items };
			let text = JSON.stringify(doc, null, r.chance(0.5) ? 2 : undefined);
			if (r.chance(0.6)) {
				const at = r.int(text.length);
				const op = r.int(3);
				const byte = r.pick(['{', '}', '[', ']', '"', ',', ':', '\\', ' ', 'x', '1']);
				text = op === 0 ? text.slice(0, at) + text.slice(at + 1) : op === 1 ? text.slice(0, at) + byte + text.slice(at) : text.slice(0, at) + byte + text.slice(at + 1);
			}
			expectSameOutcome(text);
		}
	});
});
