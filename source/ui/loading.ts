/**
 * While a live cluster is first read, the screens draw what has arrived; this says what has not,
 * so a half-read cluster never reads like a result ("Services 0 ✗ 0 error").
 */
import type { StreamHealth } from '../cluster/snapshot.js';
import { safe } from '../report/safe-text.js';

/** "pods 1200…, endpointslices 0…": the kinds still being listed and how far each got; '' when none. */
export function loadingText(health: StreamHealth): string {
	if (health.state !== 'loading') return '';
	const pending = Object.entries(health.progress ?? {}).filter(([, text]) => text.endsWith('…'));
	if (pending.length === 0) return 'the cluster…';
	return pending.map(([kind, text]) => progressEntry(kind, text)).join(', ');
}

/** One entry of a progress line: "pods 1200…"; the text alone when what it is about needs no name (a single file). */
export function progressEntry(kind: string, text: string): string {
	return kind === '' ? safe(text) : `${safe(kind)} ${safe(text)}`;
}
