/**
 * Which custom resource of a manifest set makes the pods a selector asks for (see
 * cluster/pod-makers.ts). Asked only when no pod, planned or given, matches: a handful of
 * resources, scanned.
 *
 * A maker answers a selector in one of two ways. It carries the selector's labels (kube-prometheus
 * labels its Prometheus as its pods are labelled; an Argo Rollout has a pod template). Or the
 * selector names it in the operator's own words: operators label their pods under their own
 * domain with the resource's name (CloudNativePG `cnpg.io/cluster: NAME`, Strimzi
 * `strimzi.io/cluster: NAME`, the Prometheus Operator `alertmanager: NAME`), and add labels of
 * that domain only they decide (`cnpg.io/instanceRole: primary`). Those are taken on trust; any
 * other label of the selector must still be the resource's, and a name that is not the
 * resource's (a typo) ties nothing.
 */
import type { Labels, LabelSelector, PodMaker, Snapshot } from '../cluster/snapshot.js';
import { editDistance } from './edit-distance.js';
import { matchesLabelSelector } from './selectors.js';
import { apiGroupOf } from './api-group.js';

/** The first pod maker in the namespace that answers the selector (a Service's, or a NetworkPolicy's podSelector); one the selector names first. */
export function podMakerFor(snapshot: Snapshot, namespace: string, selector: LabelSelector): PodMaker | undefined {
	const makers = snapshot.podMakers?.filter((m) => m.namespace === namespace) ?? [];
	return makers.find((m) => carriesSelector(m, selector)) ?? makers.find((m) => namedBy(m, selector) !== undefined);
}

/** How the maker answers the selector, for the words that show it: the operator labels taken on trust, or undefined when it carries them all. */
export function podMakerTie(maker: PodMaker, selector: LabelSelector): { anchor: string; trusted: string[] } | undefined {
	return carriesSelector(maker, selector) ? undefined : namedBy(maker, selector);
}

/** The label sets a maker's pods may carry: its main one, then those of its other templates. */
function labelSetsOf(maker: PodMaker): Labels[] {
	const sets = maker.otherLabels.length === 0 ? [maker.labels] : [maker.labels, ...maker.otherLabels];
	// A resource with no labels at all carries no selector's (an empty podSelector aside, which selects every pod).
	return sets.filter((labels) => Object.keys(labels).length > 0);
}

function carriesSelector(maker: PodMaker, selector: LabelSelector): boolean {
	const empty = Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
	return empty || labelSetsOf(maker).some((labels) => matchesLabelSelector(selector, labels));
}

/**
 * The selector names the maker when each of its labels is either the maker's own (same value) or
 * one of the operator's (below), and one of the operator's labels anchors it to this very
 * resource: its value is the resource's name (or NAME-… , as Strimzi's `NAME-kafka`), or the
 * resource itself carries that label and value (a Strimzi KafkaNodePool's `strimzi.io/cluster`).
 * Expressions are not read: a selector with any is left to the label match.
 */
function namedBy(maker: PodMaker, selector: LabelSelector): { anchor: string; trusted: string[] } | undefined {
	if (selector.matchExpressions.length > 0) return undefined;
	const own = labelSetsOf(maker);
	const carried = (key: string, value: string) => own.some((labels) => labels[key] === value);
	let anchor: string | undefined;
	const trusted: string[] = [];
	for (const [key, value] of Object.entries(selector.matchLabels)) {
		const operators = isOperatorKey(maker, key);
		if (operators && anchor === undefined && (value === maker.name || value.startsWith(`${maker.name}-`) || carried(key, value))) anchor = `${key}=${value}`;
		else if (operators && !carried(key, value)) trusted.push(key);
		else if (!carried(key, value)) return undefined;
	}
	return anchor === undefined ? undefined : { anchor, trusted };
}

/**
 * A label key the operator of the maker's API sets: under a domain of its API group
 * (`cnpg.io/…` for postgresql.cnpg.io, `strimzi.io/…` for kafka.strimzi.io), or, without a
 * prefix, the kind's own name (`prometheus`, `alertmanager`).
 */
function isOperatorKey(maker: PodMaker, key: string): boolean {
	const slash = key.indexOf('/');
	if (slash < 0) return key === maker.kind.toLowerCase();
	const domain = key.slice(0, slash);
	const group = apiGroupOf(maker.apiVersion);
	return domain.includes('.') && (group === domain || group.endsWith(`.${domain}`));
}


/**
 * A maker the selector would name but for a slip in the resource's name (`cnpg.io/cluster:
 * cluster-exmaple` beside a Cluster cluster-example): the label as it should read. Asked only
 * when nothing answers the selector.
 */
export function podMakerMisnamed(snapshot: Snapshot, namespace: string, selector: LabelSelector): { maker: PodMaker; key: string; value: string } | undefined {
	for (const maker of snapshot.podMakers ?? []) {
		if (maker.namespace !== namespace) continue;
		for (const [key, value] of Object.entries(selector.matchLabels)) {
			if (value === maker.name || !isOperatorKey(maker, key) || editDistance(value, maker.name) > 2) continue;
			const corrected = { ...selector, matchLabels: { ...selector.matchLabels, [key]: maker.name } };
			if (namedBy(maker, corrected)) return { maker, key, value: maker.name };
		}
	}
	return undefined;
}

export function podMakerName(maker: PodMaker): string {
	return `${maker.kind} ${maker.namespace}/${maker.name}`;
}
