/**
 * What answers a request in a routing table: a rule, an Ingress defaultBackend, or nobody (the
 * controller's own 404). Shared by the spec reading (spec-route.ts) and ingress-nginx's
 * (nginx-route.ts), so the two can be compared and their difference shown.
 */
import type { Ingress } from '../../cluster/snapshot.js';
import type { RoutingRow } from './table.js';

export interface RouteAnswer {
	kind: 'rule' | 'default-backend' | 'not-found';
	/** The rule row, or the defaultBackend row, that serves the request. */
	row?: RoutingRow;
	/** ingress-nginx only: a 301 to this path comes first (nginx's trailing-slash redirect). */
	redirect?: string;
	/** Why the answer is what it is, where the spec leaves room or a controller differs. */
	notes: string[];
}

export function answerIngress(answer: RouteAnswer): Ingress | undefined {
	return answer.row?.object;
}

/** Whether two answers send the request to the same place. */
export function sameAnswer(a: RouteAnswer, b: RouteAnswer): boolean {
	if (a.kind !== b.kind || a.redirect !== b.redirect) return false;
	if (a.kind === 'not-found') return true;
	const ra = a.row!;
	const rb = b.row!;
	return ra.object === rb.object && ra.backend.target.service === rb.backend.target.service && ra.backend.target.port === rb.backend.target.port;
}

/** `default/svc:80`, `default-backend default/svc:80` or `404`, for notes and tests. */
export function describeAnswer(answer: RouteAnswer): string {
	const redirect = answer.redirect ? `301 to ${answer.redirect}, then ` : '';
	if (answer.kind === 'not-found') return `${redirect}404`;
	const row = answer.row!;
	const t = row.backend.target;
	const where = t.action ? `ALB action ${t.action}` : t.resource ? `${t.resource.kind} ${t.namespace}/${t.resource.name}` : `${t.namespace}/${t.service}:${t.port ?? '?'}`;
	if (answer.kind === 'default-backend') return `${redirect}the defaultBackend of Ingress ${row.namespace}/${row.ingress} (${where})`;
	return `${redirect}${where} (Ingress ${row.namespace}/${row.ingress}, ${row.host || '*'} ${row.path || '/'} ${row.pathType})`;
}
