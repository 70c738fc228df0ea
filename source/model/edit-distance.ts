/**
 * How many single-character edits turn one name into another: insertions, deletions,
 * substitutions, and swaps of two neighbouring characters (`wbe` for `web` is one slip of the
 * fingers, not two). Used to suggest the name a typo meant.
 */
export function editDistance(a: string, b: string): number {
	// Three rows: the one before the previous is needed to recognise a swap.
	let before: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
			current[j] = d;
		}
		before = previous;
		previous = current;
	}
	return previous[b.length]!;
}
