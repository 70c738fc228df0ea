/** Small wording helpers shared by the rules, so every message lists and counts the same way. */

export function plural(n: number, word: string, many = `${word}s`): string {
	return `${n} ${n === 1 ? word : many}`;
}

/** `a, b, c and 4 more`: a list that stays one readable line however long the input is. */
export function listNames(names: readonly string[], max = 3): string {
	if (names.length <= max) return names.join(', ');
	return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The `kind/ns/name` handle a finding is about. */
export function subject(kind: string, namespace: string, name: string): { kind: string; namespace: string; name: string } {
	return { kind, namespace, name };
}

/** `the only pod`, `both pods`, `all 5 pods`: the whole of a group, said the way people say it. */
export function allOf(n: number, word = 'pod', many = `${word}s`): string {
	return n === 1 ? `the only ${word}` : n === 2 ? `both ${many}` : `all ${n} ${many}`;
}
