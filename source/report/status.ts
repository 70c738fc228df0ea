/** How a status reads without colour: a symbol and a word, so NO_COLOR loses nothing. */
import type { ServiceStatus } from '../model/analyze.js';

export const statusSymbol: Record<ServiceStatus, string> = { error: '✗', warning: '!', info: 'i', ok: '✓', pending: '…' };
export const statusWord: Record<ServiceStatus, string> = { error: 'ERROR', warning: 'WARN', info: 'INFO', ok: 'OK', pending: 'CHECK' };

export function statusLabel(status: ServiceStatus): string {
	return `${statusSymbol[status]} ${statusWord[status]}`;
}
