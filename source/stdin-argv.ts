/**
 * `--fixtures -` means standard input. The flag parser reads a lone `-` as no value, so the pair
 * is joined into `--fixtures=-` before parsing, which it reads as the value `-`.
 */
export function joinStdinFixtures(argv: readonly string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i]!;
		if (token === '--') return [...out, ...argv.slice(i)];
		if (token === '--fixtures' && argv[i + 1] === '-') {
			out.push('--fixtures=-');
			i++;
			continue;
		}
		out.push(token);
	}
	return out;
}
