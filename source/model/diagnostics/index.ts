/**
 * Every Service-level rule of the diagnostics catalogue (KW1xx–KW4xx, KW601).
 * STUB: the diagnostics issue fills this in.
 */
import type { Finding } from '../findings.js';
import type { ModelContext } from '../context.js';

export function diagnose(_ctx: ModelContext): Finding[] {
	return [];
}
