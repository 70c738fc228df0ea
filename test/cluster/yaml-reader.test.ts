/**
 * The item-by-item YAML reader must be invisible: a YAML capture gives exactly what the same
 * capture as JSON gives, and what parsing each document whole gives; errors name the line of the
 * whole file. Edge cases by hand, then seeded random lists written as kubectl writes YAML, whole
 * or with one byte changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { addDocument, dropDuplicates, filesOrigin, listFixtureFiles, loadFiles, loadInputsSteps, parseDocuments, requireObjects } from '../../source/cluster/files.js';
import { runSteps } from '../../source/model/steps.js';
import { beginInput, endFile, finishInput } from '../../source/cluster/input-rules.js';
import { emptySnapshot, type Snapshot } from '../../source/cluster/snapshot.js';
import { readStreamBytes } from '../../source/cluster/stream-bytes.js';
import { splitYaml } from '../../source/cluster/yaml-split.js';
import { clusterFixture } from '../support/live-harness.js';
import { Random, randomObject } from '../support/random-objects.js';
import { scratchDir } from '../support/scratch.js';

const dir = scratchDir('yaml-reader');
let serial = 0;

function write(content: string, ext = 'yaml'): string {
	const file = path.join(dir, `case-${serial++}.${ext}`);
	writeFileSync(file, content);
	return file;
}

/** YAML as `kubectl get -o yaml` writes it: sorted keys, sequences not indented under their key. */
function kubectlYaml(value: unknown): string {
	return jsYaml.dump(value, { sortKeys: true, noArrayIndent: true, lineWidth: -1, noRefs: true });
}

type Outcome = { snapshot: Snapshot } | { error: string };

function viaLoader(file: string): Outcome {
	try {
		const snapshot = loadFiles([file]);
		snapshot.takenAt = '';
		return { snapshot };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** Every document parsed whole, then unwrapped: the reference behaviour. */
function viaWholeDocument(file: string, content: string): Outcome {
	try {
		const snapshot = emptySnapshot({ kind: 'files', description: `files: ${file}` }, '');
		beginInput(snapshot);
		for (const doc of parseDocuments(content, file)) addDocument(snapshot, doc, file);
		endFile(snapshot, file);
		dropDuplicates(snapshot);
		finishInput(snapshot);
		requireObjects(snapshot, [file], content.trim() === '' ? 1 : 0);
		return { snapshot };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

const service = (name: string, extra: Record<string, unknown> = {}) => ({
	apiVersion: 'v1',
	kind: 'Service',
	metadata: { name, namespace: 'shop' },
	spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
	...extra,
});

describe('YAML captures are read item by item', () => {
	it('a kubectl-style List gives the same snapshot as the same objects as JSON', () => {
		const objects: unknown[] = [];
		for (const file of listFixtureFiles([clusterFixture])) {
			for (const doc of parseDocuments(readFileSync(file, 'utf8'), file)) objects.push(doc);
		}
		const list = { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
		const yamlFile = write(kubectlYaml(list));
		const jsonFile = write(JSON.stringify(list, null, 4), 'json');
		const fromYaml = viaLoader(yamlFile);
		const fromJson = viaLoader(jsonFile);
		expect('snapshot' in fromYaml && fromYaml.snapshot.services.length).toBeGreaterThan(3);
		const strip = (o: Outcome) => JSON.parse(JSON.stringify(o).replaceAll(yamlFile, 'F').replaceAll(jsonFile, 'F')) as unknown;
		
		expect(strip(fromYaml)).toEqual(strip(fromJson));
		// And the reader really split it: one piece per object.
		const layout = splitYaml(readFileSync(yamlFile));
		expect(layout?.[0]?.list?.items).toHaveLength(objects.length);
	});

	it('a typed list whose kind comes after its items gives kind-less items that kind', () => {
		const text = 'apiVersion: v1\nitems:\n- metadata:\n    name: a\n    namespace: shop\n  spec:\n    ports:\n    - port: 80\nkind: ServiceList\nmetadata: {}\n';
		const outcome = viaLoader(write(text));
		expect('snapshot' in outcome && outcome.snapshot.services.map((s) => s.name)).toEqual(['a']);
	});

	it('reads indented sequences, comments, CRLF lines, block scalars and several documents', () => {
		const text = [
			'# a capture',
			'---',
			'kind: List',
			'items:',
			'  # the first',
			'  - apiVersion: v1',
			'    kind: Service',
			'    metadata: {name: a, namespace: shop}',
			'    spec:',
			'      ports: [{port: 80}]',
			'  - apiVersion: v1',
			'    kind: ConfigMap',
			'    metadata: {name: c, namespace: shop}',
			'    data:',
			'      text: |',
			'        - not an item',
			'        items:',
			'      other: "a string that goes',
			'        on for two lines"',
			'---',
			'apiVersion: v1',
			'kind: Service',
			'metadata: {name: b, namespace: shop}',
			'...',
			'',
		].join('\r\n');
		const file = write(text);
		const outcome = viaLoader(file);
		expect('snapshot' in outcome && outcome.snapshot.services.map((s) => s.name)).toEqual(['a', 'b']);
		expect(outcome).toEqual(viaWholeDocument(file, text));
		expect(splitYaml(Buffer.from(text))?.[0]?.list?.items).toHaveLength(2);
	});

	it('directives, top-level sequences, anchored and tagged documents are read whole, as before', () => {
		const cases = [
			'%YAML 1.2\n---\nkind: List\nitems:\n- kind: Service\n  metadata: {name: a, namespace: shop}\n',
			'- kind: Service\n  metadata: {name: a, namespace: shop}\n',
			'--- !!map\nkind: List\nitems:\n- kind: Service\n  metadata: {name: a, namespace: shop}\n',
			'kind: List\nitems: []\n---\nkind: List\nitems:\n',
			'kind: List\nitems:\n- kind: Service\n  metadata: {name: a, namespace: shop}\nitems:\n- kind: Service\n  metadata: {name: b, namespace: shop}\n',
		];
		for (const text of cases) {
			const file = write(text);
			expect(viaLoader(file), text).toEqual(viaWholeDocument(file, text));
		}
	});

	it('an error in an item names the line of the whole file', () => {
		const good = kubectlYaml({ apiVersion: 'v1', items: [service('a'), service('b')], kind: 'List' });
		const lines = good.split('\n');
		const at = lines.findIndex((l) => l.includes('name: b'));
		lines[at] = `${lines[at]}: : bad`;
		const file = write(lines.join('\n'));
		const outcome = viaLoader(file);
		expect(outcome).toEqual({ error: expect.stringMatching(new RegExp(`^${file}:${at + 1}: invalid YAML: `)) });
	});

	it('an alias whose anchor is in another item: the document is read whole, nothing twice', () => {
		const text = 'kind: List\nitems:\n- kind: Service\n  metadata: {name: a, namespace: shop, labels: &l {app: web}}\n- kind: Service\n  metadata: {name: b, namespace: shop, labels: *l}\n';
		const outcome = viaLoader(write(text));
		expect('snapshot' in outcome && outcome.snapshot.services.map((s) => [s.name, s.labels])).toEqual([
			['a', { app: 'web' }],
			['b', { app: 'web' }],
		]);
		expect('snapshot' in outcome && outcome.snapshot.skipped).toEqual([]);
	});

	it('an alias bomb inside one item is refused in one line', () => {
		const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`)];
		const text = `kind: List\nitems:\n- kind: ConfigMap\n  metadata: {name: x}\n  data:\n${bomb.map((l) => `    ${l}`).join('\n')}\n`;
		expect(viaLoader(write(text))).toEqual({ error: expect.stringMatching(/too many YAML aliases/) });
	});

	it('nesting beyond reason is refused in one line, not a stack overflow', () => {
		const text = `kind: List\nitems:\n- kind: ConfigMap\n  data: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
		expect(viaLoader(write(text))).toEqual({ error: expect.stringMatching(/invalid YAML: nested too deeply/) });
		// The same with an anchor and an alias in it, which the other parser reads.
		const aliased = `kind: List\nitems:\n- kind: ConfigMap\n  a: &x 1\n  b: *x\n  data: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
		expect(viaLoader(write(aliased))).toEqual({ error: expect.stringMatching(/: invalid YAML: nested too deeply \(refused\)$/) });
	});

	it('seeded random lists written as kubectl does, whole or with one byte changed', () => {
		const r = new Random(20261203);
		for (let round = 0; round < 200; round++) {
			const items = Array.from({ length: 1 + r.int(6) }, () => randomObject(r));
			const doc = { apiVersion: 'v1', items, kind: r.pick(['List', 'ServiceList', 'PodList', '']) };
			let text = kubectlYaml(doc);
			const mutated = r.chance(0.5);
			if (mutated) {
				const at = r.int(text.length);
				const byte = r.pick(['-', ' ', '\n', ':', '#', '"', "'", '[', 'x', '*', '&', '|']);
				text = text.slice(0, at) + byte + text.slice(at + 1);
			}
			const file = write(text);
			const loaded = viaLoader(file);
			const whole = viaWholeDocument(file, text);
			if (!mutated || 'snapshot' in whole) expect(loaded, text).toEqual(whole);
			// A broken document may break at another place when read piece by piece: still one line naming the file.
			else expect('error' in loaded && loaded.error.startsWith(file), text).toBe(true);
		}
	});
});


describe('standard input', () => {
	it('a YAML capture piped in chunks reads as the same file does', async () => {
		const list = { apiVersion: 'v1', items: [service('a'), service('b'), service('c')], kind: 'List' };
		const text = kubectlYaml(list);
		const file = write(text);
		const pieces = [text.slice(0, 17), text.slice(17, 100), text.slice(100)].map((t) => Buffer.from(t));
		const bytes = await readStreamBytes(Readable.from(pieces), '-');
		const snapshot = runSteps(loadInputsSteps([{ name: file, bytes }], filesOrigin([file])));
		snapshot.takenAt = '';
		expect(viaLoader(file)).toEqual({ snapshot });
	});
});

describe('text that starts like JSON', () => {
	it('JSON documents in a YAML stream, and YAML flow style that is not JSON, are read as YAML', () => {
		const stream = `${JSON.stringify(service('a'))}\n---\n${JSON.stringify(service('b'))}\n`;
		const flow = '{"kind": Service, metadata: {name: c, namespace: shop}}\n';
		const a = viaLoader(write(stream, 'json'));
		const c = viaLoader(write(flow));
		expect('snapshot' in a && a.snapshot.services.map((s) => s.name)).toEqual(['a', 'b']);
		expect('snapshot' in c && c.snapshot.services.map((s) => s.name)).toEqual(['c']);
	});

	it('broken JSON is reported where JSON.parse stops: line and byte', () => {
		const text = `{\n  "kind": "Service",\n  "metadata": {"name": "x",, "namespace": "shop"}\n}\n`;
		const file = write(text, 'json');
		expect(viaLoader(file)).toEqual({ error: `${file}:3: invalid JSON at byte ${text.indexOf(',,') + 1}: ${jsonReason(text)}` });
	});
});

describe('JSON values one after another (jq -c output, appended kubectl -o json answers)', () => {
	const a = JSON.stringify(service('a'));
	const b = JSON.stringify(service('b'));
	const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [service('c'), service('d')] }, null, 2);

	it('JSON Lines, pretty values appended, and a list after an object: every object, the same as the YAML stream of them', () => {
		const lines = viaLoader(write(`${a}\n${b}\n`, 'jsonl'));
		const appended = viaLoader(write(`${JSON.stringify(service('a'), null, 2)}\n${JSON.stringify(service('b'), null, 4)}`, 'json'));
		const mixed = viaLoader(write(`${a}${list}\n\n`, 'json'));
		const stream = viaLoader(write(`${a}\n---\n${b}\n`, 'json'));
		const objects = (o: Outcome) => ('snapshot' in o ? { services: o.snapshot.services, skipped: o.snapshot.skipped, unreadable: o.snapshot.unreadable } : o);
		expect('snapshot' in lines && lines.snapshot.services.map((s) => s.name)).toEqual(['a', 'b']);
		expect(objects(lines)).toEqual(objects(stream));
		expect(objects(appended)).toEqual(objects(stream));
		expect('snapshot' in mixed && mixed.snapshot.services.map((s) => s.name)).toEqual(['a', 'c', 'd']);
	});

	it('a broken value is reported at its line and byte in the file; a cut last value as truncated', () => {
		const broken = `${a}\n${b.replace('"metadata":', '"metadata":,')}\n`;
		const file = write(broken, 'jsonl');
		// V8 gives no position for this one: the broken value's own start names line and byte.
		expect(viaLoader(file)).toEqual({ error: `${file}:2: invalid JSON at byte ${a.length + 1}: ${jsonReason(broken.slice(a.length + 1).trim())}` });
		const cut = `${a}\n${b.slice(0, 20)}`;
		const cutFile = write(cut, 'jsonl');
		expect(viaLoader(cutFile)).toEqual({ error: `${cutFile}:2: invalid JSON at byte ${cut.length}: the file ends in the middle of a value (truncated?)` });
	});

	it('text after the values that is neither a value nor `---` (a stray brace) is reported where it stands', () => {
		const text = `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [service('c')] })}\n${a}\n}\n`;
		const file = write(text, 'json');
		expect(viaLoader(file)).toEqual({ error: `${file}:3: invalid JSON at byte ${text.lastIndexOf('}')}: Unexpected non-whitespace character after JSON` });
	});

	it('a directory gives its .jsonl and .ndjson files as fixtures', () => {
		const sub = scratchDir('jsonl-dir');
		writeFileSync(path.join(sub, 'one.jsonl'), `${a}\n`);
		writeFileSync(path.join(sub, 'two.ndjson'), `${b}\n`);
		expect(listFixtureFiles([sub]).map((f) => path.basename(f))).toEqual(['one.jsonl', 'two.ndjson']);
	});
});

function jsonReason(text: string): string {
	try {
		JSON.parse(text);
		return '';
	} catch (error) {
		return (error as Error).message.replace(/ (?:in JSON )?at position \d+.*$/, '');
	}
}

describe('YAML reader: a large capture is scanned in steps', () => {
	it('yields while the lines are scanned, before the first item is parsed, and the result is the same', async () => {
		const { readYamlSteps } = await import('../../source/cluster/yaml-reader.js');
		const items = Array.from({ length: 20_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'shop' }, data: { key: 'x'.repeat(100) } }));
		const bytes = Buffer.from(kubectlYaml({ apiVersion: 'v1', kind: 'List', items }));
		expect(bytes.length).toBeGreaterThan(3_000_000);
		let yieldsBeforeFirst = 0;
		let objects = 0;
		const steps = readYamlSteps(bytes, 0, 'big.yaml', { startDocument: () => undefined, undoDocument: () => undefined, object: () => void objects++ });
		for (let next = steps.next(); !next.done; next = steps.next()) if (objects === 0) yieldsBeforeFirst++;
		// About 3 MB of lines scanned in steps of 1 MB: at least two pauses before any parsing.
		expect(yieldsBeforeFirst).toBeGreaterThanOrEqual(2);
		expect(objects).toBe(20_000);
		expect(splitYaml(bytes)?.[0]?.list?.items).toHaveLength(20_000);
	});
});
