/**
 * A label selector written as text, as `kubectl -l` and flags such as ingress-nginx's
 * --watch-namespace-selector take it (apimachinery labels.Parse): requirements joined by commas,
 * each `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` or `!k`. Undefined for text this
 * reader does not understand: the caller then knows nothing, rather than a wrong selection.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../cluster/snapshot.js';

const key = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const value = String.raw`[-A-Za-z0-9_.]*`;
const setForm = new RegExp(String.raw`^(${key})\s+(in|notin)\s+\(\s*(${value}(?:\s*,\s*${value})*)\s*\)$`);
const equalityForm = new RegExp(String.raw`^(${key})\s*(==|=|!=)\s*(${value})$`);
const existsForm = new RegExp(String.raw`^(!?)\s*(${key})$`);

export function parseSelectorText(text: string): LabelSelector | undefined {
	const expressions: LabelSelectorRequirement[] = [];
	const parts = splitRequirements(text.trim());
	if (parts === undefined) return undefined;
	for (const part of parts) {
		const requirement = parseRequirement(part.trim());
		if (!requirement) return undefined;
		expressions.push(requirement);
	}
	return { matchLabels: {}, matchExpressions: expressions };
}

/** Commas inside `( … )` belong to a set: split only at the others. */
function splitRequirements(text: string): string[] | undefined {
	if (text === '') return [];
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (ch === ',' && depth === 0) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
		if (depth < 0 || depth > 1) return undefined;
	}
	parts.push(text.slice(start));
	return parts;
}

function parseRequirement(part: string): LabelSelectorRequirement | undefined {
	const set = setForm.exec(part);
	if (set) return { key: set[1]!, operator: set[2] === 'in' ? 'In' : 'NotIn', values: set[3]!.split(',').map((v) => v.trim()) };
	const eq = equalityForm.exec(part);
	// k!=v selects objects without k too: NotIn, as apimachinery reads it.
	if (eq) return { key: eq[1]!, operator: eq[2] === '!=' ? 'NotIn' : 'In', values: [eq[3]!] };
	const exists = existsForm.exec(part);
	if (exists) return { key: exists[2]!, operator: exists[1] === '!' ? 'DoesNotExist' : 'Exists', values: [] };
	return undefined;
}
