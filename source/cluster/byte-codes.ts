/**
 * The ASCII bytes the loaders look at while they scan a file's raw bytes (json-list.ts,
 * yaml-split.ts, service-outline.ts), named once: scanning bytes instead of a decoded string is
 * what lets a 400 MB capture be read without holding it as text.
 */
export const byte = {
	tab: 0x09,
	lf: 0x0a,
	cr: 0x0d,
	space: 0x20,
	quote: 0x22,
	hash: 0x23,
	percent: 0x25,
	comma: 0x2c,
	dash: 0x2d,
	dot: 0x2e,
	colon: 0x3a,
	openBracket: 0x5b,
	backslash: 0x5c,
	closeBracket: 0x5d,
	openBrace: 0x7b,
	closeBrace: 0x7d,
} as const;

/** JSON's own whitespace (space, tab, LF, CR); anything else between tokens is not JSON. */
export function isJsonSpace(c: number | undefined): boolean {
	return c === byte.space || c === byte.lf || c === byte.cr || c === byte.tab;
}

/** Where the text of `b` starts: past a UTF-8 byte order mark, when it has one. */
export function textStart(b: Buffer): number {
	return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/** Whether `b` holds nothing but whitespace (after a byte order mark). */
export function isBlank(b: Buffer): boolean {
	for (let i = textStart(b); i < b.length; i++) if (!isJsonSpace(b[i])) return false;
	return true;
}

/**
 * How many bytes a stepped reader (json-list.ts, yaml-reader.ts) reads between two yields: a few
 * milliseconds of parsing, so the TUI opening a large file in slices stays responsive.
 */
export const bytesPerStep = 128 * 1024;
