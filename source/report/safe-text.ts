/**
 * Terminal safety: text taken from a cluster or a file (names, labels, annotations, hosts,
 * paths, messages) may carry escape sequences, bells or carriage returns. Everything printed to
 * a terminal passes through `safe` first. JSON output does not: JSON escapes them itself.
 */

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and other two-byte ESC sequences.
const escapeSequences = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[@-Z\\-_]/g;
// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a reader sees.
const controls = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function safe(text: string): string {
	return text.replace(escapeSequences, '').replace(controls, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : ''));
}

/** True when the text holds nothing `safe` would remove. */
export function isSafe(text: string): boolean {
	return safe(text) === text;
}
