/** The names nearest to one that was not found: what a one-line "did you mean" names. */
import { editDistance } from '../edit-distance.js';

export function closestNames(wanted: string, candidates: Iterable<string>, count = 3): string[] {
	const w = wanted.toLowerCase();
	return [...new Set(candidates)]
		.map((c) => ({ c, d: c.toLowerCase().includes(w) || w.includes(c.toLowerCase()) ? 0 : editDistance(w, c.toLowerCase()) }))
		.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
		.slice(0, count)
		.map((x) => x.c);
}

/** `; closest: a, b, c` or '' when there is nothing to suggest. */
export function closestText(wanted: string, candidates: Iterable<string>): string {
	const near = closestNames(wanted, candidates);
	return near.length > 0 ? `; closest: ${near.join(', ')}` : '';
}
