/**
 * The Ingress routing table and its findings (KW501–KW509).
 * STUB: the Ingress routing issue fills this in.
 */
import type { Finding } from '../findings.js';
import type { ModelContext } from '../context.js';

export interface RoutingTable {
	/** The IngressClass whose routing this is ('' when none could be chosen). */
	className: string;
	rows: unknown[];
}

export function buildRouting(_ctx: ModelContext, className?: string): RoutingTable {
	return { className: className ?? '', rows: [] };
}

export function ingressFindings(_ctx: ModelContext): Finding[] {
	return [];
}
