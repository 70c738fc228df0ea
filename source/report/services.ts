/**
 * `kubewire services`: one row per Service, the same rows the TUI's Services screen shows, as an
 * 80-column text table or as the JSON that DESIGN.md fixes.
 */
import type { Analysis, ServiceAnalysis } from '../model/analyze.js';
import { catalogue } from '../model/findings.js';
import type { ReadState } from '../model/readable.js';
import { formatServicePort } from '../model/ports.js';
import { readyAwaitsApply } from '../model/planned-pods.js';
import { renderTable, type Column } from './columns.js';
import { servicesInScope, type Scope } from '../model/scope.js';
import { statusLabel } from './status.js';
import { wrap } from './wrap.js';

export { servicesInScope };

export function portsText(s: ServiceAnalysis): string {
	if (s.wiring.externalName) return s.wiring.service.externalName ?? '';
	return s.wiring.ports.map((p) => formatServicePort(p.port, p.containerPorts.length === 1 ? p.containerPorts[0] : undefined)).join(',');
}

/**
 * READY says `planned`: the pods are planned from workload templates, or made by a custom
 * resource's operator once applied; neither ready nor unready.
 */
function readyPlanned(s: ServiceAnalysis): boolean {
	return readyAwaitsApply(s.endpointsUnjudged, s.wiring.endpointCount);
}

/** READY counts endpoints derived from the pods (the input has no EndpointSlice): marked `*`, explained under the table. */
function readyDerived(s: ServiceAnalysis): boolean {
	return !s.wiring.externalName && !readyPlanned(s) && s.wiring.endpointsDerived && s.known.endpoints === 'read';
}

/**
 * A count that does not stand on what was read: `…` while it is still being read, `?` when it
 * cannot be (forbidden, or not in the files). Zero would read like a broken Service.
 */
function unknownMark(state: ReadState): string | undefined {
	return state === 'loading' ? '…' : state === 'unread' ? '?' : undefined;
}

export function endpointsText(s: ServiceAnalysis): string {
	if (s.wiring.externalName) return '-';
	if (readyPlanned(s)) return 'planned';
	return unknownMark(s.known.endpoints) ?? `${s.wiring.readyEndpointCount}/${s.wiring.endpointCount}${readyDerived(s) ? '*' : ''}`;
}

export function podsText(s: ServiceAnalysis): string {
	if (!s.wiring.service.selector) return '-';
	return unknownMark(s.known.pods) ?? (byOperator(s) ? 'op' : String(s.wiring.pods.length));
}

/** No pod of the input, planned or given, but a custom resource whose operator makes them once applied. */
export function byOperator(s: ServiceAnalysis): boolean {
	return s.wiring.pods.length === 0 && s.podMaker !== undefined;
}

/** Says what `op` in PODS means. */
export const operatorNote = "op: the pods come from a custom resource's operator once applied: kubewire does not plan them, so none is counted";

export function clusterIPText(s: ServiceAnalysis): string {
	const svc = s.wiring.service;
	if (svc.type === 'ExternalName') return '-';
	if (svc.clusterIP === 'None') return 'None';
	return svc.clusterIPs.join(',') || (svc.clusterIP === '' ? 'on apply' : '-');
}

/** The first finding in a few words: `KW101 selector matches no pod`. */
export function problemText(s: ServiceAnalysis): string {
	const first = s.findings[0];
	if (!first) return '';
	const more = s.findings.length > 1 ? ` (+${s.findings.length - 1})` : '';
	return `${first.code} ${catalogue[first.code].title}${more}`;
}

export const serviceColumns: Column<ServiceAnalysis>[] = [
	{ header: 'STATUS', cell: (s) => statusLabel(s.status), min: 7 },
	{ header: 'SERVICE', cell: (s) => s.wiring.key, min: 20, flexible: true, identifies: true },
	{ header: 'TYPE', cell: (s) => s.wiring.service.type, min: 9, flexible: true, dropOrder: 3 },
	{ header: 'CLUSTER-IP', cell: clusterIPText, min: 10, dropOrder: 5 },
	{ header: 'PORTS', cell: portsText, min: 10, flexible: true, dropOrder: 2 },
	{ header: 'READY', cell: endpointsText, min: 5, align: 'right' },
	{ header: 'PODS', cell: podsText, min: 4, align: 'right', dropOrder: 4 },
	{ header: 'PROBLEM', cell: problemText, min: 20, flexible: true, dropOrder: 1 },
];

export function servicesText(analysis: Analysis, scope: Scope, width: number): string {
	const rows = servicesInScope(analysis, scope);
	if (rows.length === 0) return scope.namespace ? `No Services in namespace ${scope.namespace}.` : 'No Services found.';
	const table = renderTable(serviceColumns, rows, width);
	const notes: string[] = [];
	const derived = rows.filter(readyDerived).length;
	if (derived > 0) notes.push(derivedNote(derived));
	if (rows.some((s) => s.known.pods === 'unread' || s.known.endpoints === 'unread')) notes.push(unreadNote);
	if (rows.some((s) => s.wiring.service.selector && s.known.pods !== 'unread' && byOperator(s))) notes.push(operatorNote);
	if (notes.length === 0) return table;
	const text = notes.map((note) => (Number.isFinite(width) ? wrap(note, width, '  ').join('\n') : note));
	return `${table}\n\n${text.join('\n')}`;
}

/** Says what `?` in READY or PODS means. */
export const unreadNote = '? the pods or endpoints were not read (forbidden, or not in the input): no count is shown';

/** Says that READY counts computed endpoints for the Services marked `*`. */
export function derivedNote(count: number): string {
	return `* ${count === 1 ? '1 Service has' : `${count} Services have`} no EndpointSlice in the input: READY counts the endpoints the controller would publish for its pods`;
}

export function servicesJson(analysis: Analysis, scope: Scope): object {
	return {
		services: servicesInScope(analysis, scope).map(({ wiring, dns }) => {
			const svc = wiring.service;
			return {
				namespace: svc.namespace,
				name: svc.name,
				type: svc.type,
				clusterIP: svc.type === 'ExternalName' ? null : svc.clusterIP || null,
				ports: svc.ports.map((p) => ({
					name: p.name,
					protocol: p.protocol,
					port: p.port,
					targetPort: p.targetPort,
					nodePort: p.nodePort ?? null,
				})),
				endpoints: wiring.endpoints.map((ep) => ({
					ip: ep.ip,
					port: ep.port ?? null,
					// kube-dns's 53/UDP and 53/TCP rows differ only here.
					name: ep.portName,
					protocol: ep.protocol,
					ready: ep.ready,
					serving: ep.serving,
					terminating: ep.terminating,
					node: ep.node || null,
					pod: ep.pod || null,
					...(ep.derived ? { derived: true } : {}),
				})),
				pods: wiring.pods.map((pod) => ({
					name: pod.name,
					ip: pod.podIP || null,
					// A planned pod, or a pod written without status, is neither Ready nor unready.
					ready: pod.planned || !pod.hasStatus ? null : pod.ready,
					node: pod.nodeName || null,
					...(pod.planned ? { planned: true } : {}),
				})),
				dns: dns.map((r) => ({ name: r.name, type: r.type, value: r.value })),
			};
		}),
	};
}
