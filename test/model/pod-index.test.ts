/**
 * The pod index: selections through label postings, and an index derived from the previous one
 * (a live update) answering exactly as one built fresh, while it shares the postings of the
 * namespaces whose pods did not change.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../source/cluster/snapshot.js';
import { PodIndex } from '../../source/model/pod-index.js';
import { templatePod } from '../../source/model/planned-pods.js';

const pod = (namespace: string, name: string, labels: Record<string, string>): Pod =>
	templatePod(namespace, name, { labels, annotations: {}, hostname: '', subdomain: '', hostNetwork: false, containers: [], readinessGates: [] });

const before = [
	pod('shop', 'web-1', { app: 'web', tier: 'front' }),
	pod('shop', 'api-1', { app: 'api' }),
	pod('pay', 'api-1', { app: 'api' }),
	pod('pay', 'ledger-1', { app: 'ledger' }),
	pod('ops', 'web-9', { app: 'web' }),
];

/** Everything an index answers, as names, for the selectors the rules use. */
function answers(index: PodIndex) {
	const names = (pods: readonly Pod[]) => pods.map((p) => `${p.namespace}/${p.name}`);
	return {
		namespaces: index.namespaces(),
		shop: names(index.inNamespace('shop')),
		pay: names(index.inNamespace('pay')),
		webAnywhere: names(index.selectAnywhere({ app: 'web' })),
		apiAnywhere: names(index.selectAnywhere({ app: 'api' })),
		shopApi: names(index.select('shop', { app: 'api' })),
		matchingExpr: names(index.matching('shop', { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] })),
		byName: index.get('pay', 'ledger-1')?.name,
	};
}

describe('the pod index', () => {
	it('selects across namespaces namespace by namespace, in the order they first appear', () => {
		const index = new PodIndex(before);
		expect(index.selectAnywhere({ app: 'api' }).map((p) => `${p.namespace}/${p.name}`)).toEqual(['shop/api-1', 'pay/api-1']);
		expect(index.matching('shop', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }] }).map((p) => p.name)).toEqual(['web-1']);
	});

	it('derived after a change in one namespace, answers as a fresh index and keeps the other namespaces', () => {
		const old = new PodIndex(before);
		const oldAnswers = answers(old); // builds postings in every namespace
		const pay = old.withLabel('pay', 'app', 'api');
		// shop/api-1 is relabelled, shop/cart-1 added; pay and ops are untouched (same records).
		const after = [before[0]!, pod('shop', 'api-1', { app: 'cart' }), before[2]!, before[3]!, before[4]!, pod('shop', 'cart-1', { app: 'cart' })];
		const derived = new PodIndex(after, { index: old, changed: new Set(['shop']) });
		expect(answers(derived)).toEqual(answers(new PodIndex(after)));
		expect(answers(derived)).not.toEqual(oldAnswers);
		expect(derived.select('shop', { app: 'cart' }).map((p) => p.name)).toEqual(['api-1', 'cart-1']);
		// The untouched namespace's postings are the very lists of the index before.
		expect(derived.withLabel('pay', 'app', 'api')).toBe(pay);
	});

	it('a derived index answers a LabelSelector of an untouched namespace with the list matched before', () => {
		const old = new PodIndex(before);
		const apis = { matchLabels: { app: 'api' }, matchExpressions: [] };
		const payApis = old.matching('pay', apis);
		const shopApis = old.matching('shop', apis);
		expect(old.matching('pay', apis)).toBe(payApis);
		const after = [before[0]!, pod('shop', 'api-2', { app: 'api' }), before[2]!, before[3]!, before[4]!];
		const derived = new PodIndex(after, { index: old, changed: new Set(['shop']) });
		// The same selector object in pay (no pod changed there) costs no second match; shop's is new.
		expect(derived.matching('pay', apis)).toBe(payApis);
		expect(derived.matching('shop', apis)).not.toBe(shopApis);
		expect(derived.matching('shop', apis).map((p) => p.name)).toEqual(['api-2']);
		expect(derived.matching('nowhere', apis)).toEqual([]);
	});

	it('a namespace whose last pod went away is gone from the derived index', () => {
		const old = new PodIndex(before);
		const after = before.filter((p) => p.namespace !== 'ops');
		const derived = new PodIndex(after, { index: old, changed: new Set(['ops']) });
		expect(derived.namespaces()).toEqual(['shop', 'pay']);
		expect(derived.selectAnywhere({ app: 'web' }).map((p) => p.name)).toEqual(['web-1']);
	});
});
