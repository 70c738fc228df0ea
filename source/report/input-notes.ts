/** How a report speaks about what the files did not hold, and what they held but kubewire does not use. */

/** "not used: 40 objects of 12 kinds: CustomResourceDefinition (12), ClusterRole (8), …" */
export function unusedLine(unused: Record<string, number>): string {
	const entries = Object.entries(unused).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	const total = entries.reduce((n, [, c]) => n + c, 0);
	const shown = entries.slice(0, 8).map(([kind, n]) => `${kind} (${n})`);
	const more = entries.length > 8 ? `, … (${entries.length - 8} more kinds)` : '';
	return `not used: ${total} object${total === 1 ? '' : 's'} of ${entries.length} kind${entries.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}`;
}
