/**
 * Label selector matching, as apimachinery defines it. A Service selector is a plain map (every
 * pair must match); NetworkPolicies and others use a LabelSelector with matchLabels and
 * matchExpressions. An invalid requirement (unknown operator, In/NotIn without values) makes the
 * selector match nothing, as a selector that fails to parse selects nothing in Kubernetes.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../cluster/snapshot.js';

export function matchesLabels(selector: Labels, labels: Labels): boolean {
	for (const key in selector) {
		if (labels[key] !== selector[key]) return false;
	}
	return true;
}

/**
 * One requirement against a set of labels. Gt and Lt (integers compared) exist only in node
 * selector terms (node-placement.ts): a label selector refuses them first (isValidRequirement).
 */
export function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
	const has = Object.prototype.hasOwnProperty.call(labels, req.key);
	switch (req.operator) {
		case 'In':
			return has && req.values.includes(labels[req.key]!);
		case 'NotIn':
			return !has || !req.values.includes(labels[req.key]!);
		case 'Exists':
			return has;
		case 'DoesNotExist':
			return !has;
		case 'Gt':
		case 'Lt': {
			const value = has ? labels[req.key]! : undefined;
			const [bound] = req.values;
			if (value === undefined || bound === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(bound)) return false;
			return req.operator === 'Gt' ? Number(value) > Number(bound) : Number(value) < Number(bound);
		}
		default:
			return false;
	}
}

function isValidRequirement(req: LabelSelectorRequirement): boolean {
	if (req.key === '') return false;
	if (req.operator === 'In' || req.operator === 'NotIn') return req.values.length > 0;
	if (req.operator === 'Exists' || req.operator === 'DoesNotExist') return req.values.length === 0;
	return false;
}

export function isEmptySelector(selector: LabelSelector): boolean {
	return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** An empty LabelSelector matches every object. */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
	if (!selector.matchExpressions.every(isValidRequirement)) return false;
	return (
		matchesLabels(selector.matchLabels, labels) &&
		selector.matchExpressions.every((req) => matchesRequirement(req, labels))
	);
}

/** `app=web,tier=backend`, keys sorted as kubectl prints them. */
export function formatLabels(labels: Labels): string {
	return Object.keys(labels)
		.sort()
		.map((key) => `${key}=${labels[key]}`)
		.join(',');
}

export function formatLabelSelector(selector: LabelSelector): string {
	const parts = [formatLabels(selector.matchLabels)].filter(Boolean);
	for (const req of selector.matchExpressions) {
		if (req.operator === 'Exists') parts.push(req.key);
		else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
		else parts.push(`${req.key} ${req.operator.toLowerCase()} (${req.values.join(',')})`);
	}
	return parts.length > 0 ? parts.join(',') : '(all)';
}
