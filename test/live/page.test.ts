/**
 * A list page read from its bytes: the continue token is handed over before the items (the API
 * server writes metadata first), pages in other shapes still read whole, and what is not JSON
 * is told apart from an empty page. The token is also read from the first bytes of an answer
 * whose rest is still on its way.
 */
import { describe, expect, it } from 'vitest';
import { metadataBeforeItems, readListPage } from '../../source/cluster/live/page.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('readListPage', () => {
	it('hands over the metadata before any item is read, then every item in order', () => {
		const seen: string[] = [];
		const text = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '42', continue: 'tok-2' }, items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] });
		const page = readListPage(bytes(text), (metadata) => seen.push(`early ${String(metadata['continue'])}`));
		expect(seen).toEqual(['early tok-2']);
		expect(page?.metadata).toEqual({ resourceVersion: '42', continue: 'tok-2' });
		expect(page?.items).toEqual([{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }]);
	});

	it('reads metadata written after the items, without an early token', () => {
		const seen: unknown[] = [];
		const page = readListPage(bytes('{"items":[{"a":1}],"metadata":{"continue":"late"}}'), (m) => seen.push(m));
		expect(seen).toEqual([]);
		expect(page).toEqual({ metadata: { continue: 'late' }, items: [{ a: 1 }], streamed: false });
	});

	it('reads a page past a byte order mark and with no items array as an empty page', () => {
		expect(readListPage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('{"metadata":{"resourceVersion":"7"}}')]), () => undefined)).toEqual({
			metadata: { resourceVersion: '7' },
			items: [],
			streamed: false,
		});
	});

	it('hands each item to `each` as it is parsed, keeping none', () => {
		const text = JSON.stringify({ metadata: { continue: 'tok' }, items: [{ n: 1 }, { n: 2 }, { n: 3 }] });
		const seen: unknown[] = [];
		const page = readListPage(bytes(text), () => undefined, (item) => seen.push(item));
		expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(page).toEqual({ metadata: { continue: 'tok' }, items: [], streamed: true });
	});

	it('when the answer must be read whole, says the items handed to `each` are void and gives them all', () => {
		// Two items arrays: the walk hands over the first, then gives up; a whole parse keeps the last.
		const seen: unknown[] = [];
		const page = readListPage(bytes('{"metadata":{},"items":[{"a":1}],"items":[{"b":2}]}'), () => undefined, (item) => seen.push(item));
		expect(seen).toEqual([{ a: 1 }]);
		expect(page).toEqual({ metadata: {}, items: [{ b: 2 }], streamed: false });
	});

	it('says undefined for an answer that is not JSON, even when its head was', () => {
		expect(readListPage(bytes('<html>bad gateway</html>'), () => undefined)).toBeUndefined();
		expect(readListPage(bytes('{"metadata":{"continue":"x"},"items":[{"a":1},'), () => undefined)).toBeUndefined();
	});
});

describe('metadataBeforeItems', () => {
	const whole = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '42', continue: 'tok-2' }, items: [{ metadata: { name: 'a' } }] });
	const upTo = (marker: string) => bytes(whole.slice(0, whole.indexOf(marker)));

	it('reads the metadata once the bytes reach the items, however little of them has arrived', () => {
		expect(metadataBeforeItems(upTo('{"metadata":{"name"'))).toEqual({ resourceVersion: '42', continue: 'tok-2' });
		expect(metadataBeforeItems(bytes(whole))).toEqual({ resourceVersion: '42', continue: 'tok-2' });
	});

	it('wants more bytes while the members before the items are cut off', () => {
		for (const cut of [0, 1, 10, whole.indexOf('tok-2'), whole.indexOf('"items"'), whole.indexOf('[')]) {
			expect(metadataBeforeItems(bytes(whole.slice(0, cut)))).toBeUndefined();
		}
		expect(metadataBeforeItems(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('  {"kind":"PodList","meta')]))).toBeUndefined();
	});

	it('says the metadata is empty when the items come first, and null for what is no list', () => {
		expect(metadataBeforeItems(bytes('{"items":[{"a":1}'))).toEqual({});
		expect(metadataBeforeItems(bytes('{"kind":"PodList","items":['))).toEqual({});
		expect(metadataBeforeItems(bytes('<html>bad gateway'))).toBeNull();
		expect(metadataBeforeItems(bytes('["not", "a list"'))).toBeNull();
	});
});
