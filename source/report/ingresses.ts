/**
 * `kubewire ingresses`: the routing table of one IngressClass, one row per (Ingress, host, path)
 * plus each defaultBackend, readable in 80 columns; the Ingresses left out and why; or the JSON
 * that DESIGN.md fixes.
 */
import type { EndpointView } from '../model/endpoints.js';
import type { RoutingRow, RoutingTable } from '../model/ingress/index.js';
import { portText } from '../model/ingress/index.js';
import { nothingMatched, readyAwaitsApply } from '../model/planned-pods.js';
import { catalogue, compareFindings } from '../model/findings.js';
import { displayWidth, renderTable, type Column } from './columns.js';
import { safe } from './safe-text.js';
import { inScope, routingRowsInScope, type Scope } from '../model/scope.js';
import { wrap } from './wrap.js';

const maxProblems = 20;

/**
 * Word-wraps like wrap(), then cuts any line still wider than `width` (a long object name is
 * one word), so nothing runs past the edge of an 80-column terminal.
 */
export function wrapHard(text: string, width: number, indent = ''): string[] {
	const out: string[] = [];
	for (const line of wrap(text, width, indent)) {
		let rest = line;
		while (displayWidth(rest) > width) {
			let cut = '';
			for (const ch of rest) {
				if (displayWidth(cut + ch) > width) break;
				cut += ch;
			}
			// An indent as wide as the terminal leaves no room: stop rather than loop.
			if (cut.length <= indent.length) break;
			out.push(cut);
			rest = indent + rest.slice(cut.length);
		}
		out.push(rest);
	}
	return out;
}

export const rowsInScope = routingRowsInScope;

/** `*` for a rule without host; `(default)` marks a defaultBackend row. */
export function hostText(row: RoutingRow): string {
	return row.defaultBackend ? '(default)' : row.host || '*';
}

export function pathText(row: RoutingRow): string {
	if (row.defaultBackend) return '-';
	return row.path === '' ? '(all)' : row.path;
}

export function pathTypeText(row: RoutingRow): string {
	if (row.defaultBackend) return '-';
	return row.pathType === 'ImplementationSpecific' ? 'ImplSpec' : row.pathType;
}

export function backendText(row: RoutingRow): string {
	const t = row.backend.target;
	if (t.action) return `ALB action ${t.action}`;
	if (t.resource) return `${t.resource.kind || 'resource'}/${t.resource.name}`;
	if (t.service === '') return '(none)';
	return `${t.service}:${portText(t.port)}`;
}

export function tlsText(row: RoutingRow): string {
	const b = row.tlsBinding;
	if (!b) return '-';
	if (b.secretName === '') return 'SNI';
	return b.exists === false ? `✗ ${b.secretName}` : b.secretName;
}

/**
 * Ready endpoints out of all behind the backend port (the row's own count); `-` when there is no
 * such port; `*` when derived; `planned` or `?` when they are not known (as in the Services table).
 */
export function readyText(row: RoutingRow): string {
	if (row.backend.wiring?.externalName && row.backend.servicePort) return 'ext';
	if (!row.ready) return '-';
	if (!row.ready.known) {
		const unjudged = row.backend.unjudged;
		if (readyAwaitsApply(unjudged, row.ready.total)) return 'planned';
		// Manifests whose pods do not match: the Service's own row counts 0/0* and says why (KW101).
		if (nothingMatched(unjudged)) return `${row.ready.ready}/${row.ready.total}*`;
		return '?';
	}
	return `${row.ready.ready}/${row.ready.total}${row.ready.derived ? '*' : ''}`;
}

/** The row's first finding in a few words (`KW503 backend has no ready endpoints`), or why it is shadowed. */
export function problemText(row: RoutingRow): string {
	const first = row.findings[0];
	if (!first) return row.shadowedBy ? `shadowed by ${row.shadowedBy.namespace}/${row.shadowedBy.name}` : '';
	const more = row.findings.length > 1 ? ` (+${row.findings.length - 1})` : '';
	return `${first.code} ${catalogue[first.code].title}${more}`;
}

/**
 * At 80 columns the host, path, type, backend and readiness must stay legible: the namespace
 * rides in the INGRESS cell, CLASS appears only when the table mixes classes (the title names
 * the class otherwise), and TLS and PROBLEM give way first: the problems are listed in full
 * under the table anyway.
 */
export function reportColumns(rows: readonly RoutingRow[]): Column<RoutingRow>[] {
	const mixed = new Set(rows.map((r) => r.className)).size > 1;
	return [
		{ header: 'INGRESS', cell: (r) => `${r.namespace}/${r.ingress}`, min: 12, flexible: true, identifies: true },
		...(mixed ? [{ header: 'CLASS', cell: (r: RoutingRow) => r.className || '-', min: 5, flexible: true, dropOrder: 5 }] : []),
		{ header: 'HOST', cell: hostText, min: 12, flexible: true },
		{ header: 'PATH', cell: pathText, min: 8, flexible: true },
		{ header: 'TYPE', cell: pathTypeText, min: 6, dropOrder: 3 },
		{ header: 'BACKEND', cell: backendText, min: 12, flexible: true },
		{ header: 'READY', cell: readyText, min: 5, align: 'right' },
		{ header: 'TLS', cell: tlsText, min: 10, flexible: true, dropOrder: 6 },
		{ header: 'PROBLEM', cell: problemText, min: 20, flexible: true, dropOrder: 5 },
	];
}

/** Every column, NAMESPACE and CLASS on their own: for screens that lay out their own width (the TUI). */
export const ingressColumns: Column<RoutingRow>[] = [
	{ header: 'NAMESPACE', cell: (r) => r.namespace, min: 6, flexible: true, dropOrder: 6 },
	{ header: 'INGRESS', cell: (r) => r.ingress, min: 8, flexible: true, identifies: true },
	{ header: 'CLASS', cell: (r) => r.className || '-', min: 5, flexible: true, dropOrder: 5 },
	{ header: 'HOST', cell: hostText, min: 12, flexible: true },
	{ header: 'PATH', cell: pathText, min: 8, flexible: true },
	{ header: 'TYPE', cell: pathTypeText, min: 6, dropOrder: 3 },
	{ header: 'BACKEND', cell: backendText, min: 12, flexible: true },
	{ header: 'READY', cell: readyText, min: 5, align: 'right' },
	{ header: 'TLS', cell: tlsText, min: 3, flexible: true, dropOrder: 4 },
	{ header: 'PROBLEM', cell: problemText, min: 10, flexible: true, dropOrder: 2 },
];

/** `width` wraps the prose; `tableWidth` fits the table (unlimited for a pipe: nothing cut). */
export function ingressesText(table: RoutingTable, scope: Scope, width: number, tableWidth = width): string {
	const lines: string[] = [];
	const title = table.className ? `Routing of class ${table.className}` : 'Routing';
	lines.push(...wrapHard(`${safe(title)}: ${safe(table.choice.reason)}`, width, '  '));
	const rows = rowsInScope(table, scope);
	lines.push('');
	if (rows.length === 0) {
		lines.push(scope.namespace ? `No Ingress rules of this class in namespace ${safe(scope.namespace)}.` : 'No Ingress rules in this table.');
	} else {
		lines.push(renderTable(reportColumns(rows), rows, tableWidth));
	}
	const left = table.leftOut.filter((l) => inScope(scope, l.namespace));
	if (left.length > 0) {
		lines.push('', `Left out (${left.length}): not served by this class's controller`);
		for (const l of left) lines.push(...wrapHard(`  ${safe(`${l.namespace}/${l.name}`)}: ${safe(l.reason)}`, width, '    '));
	}
	const notes = [...table.classNotes].filter(([ingress]) => inScope(scope, ingress.namespace));
	if (notes.length > 0) {
		lines.push('', `Notes (${notes.length})`);
		for (const [ingress, note] of notes) lines.push(...wrapHard(`  ${safe(`${ingress.namespace}/${ingress.name}`)}: ${safe(note)}`, width, '    '));
	}
	const findings = [
		...new Set(
			[...table.findings.entries()].filter(([ingress]) => inScope(scope, ingress.namespace)).flatMap(([, tagged]) => tagged.map((t) => t.finding)),
		),
	].sort(compareFindings);
	if (findings.length > 0) {
		lines.push('', `Problems (${findings.length})`);
		for (const f of findings.slice(0, maxProblems)) lines.push(...wrapHard(`  ${f.code} ${safe(f.message)}`, width, '        '));
		if (findings.length > maxProblems) lines.push(`  … and ${findings.length - maxProblems} more: see kubewire check`);
	}
	return lines.join('\n');
}

function endpointJson(ep: EndpointView) {
	return {
		ip: ep.ip,
		port: ep.port ?? null,
		ready: ep.ready,
		serving: ep.serving,
		terminating: ep.terminating,
		node: ep.node || null,
		pod: ep.pod || null,
		...(ep.derived ? { derived: true } : {}),
	};
}

export function ingressesJson(table: RoutingTable, scope: Scope): object {
	return {
		class: table.className || null,
		classReason: table.choice.reason,
		rows: rowsInScope(table, scope).map((r) => ({
			namespace: r.namespace,
			ingress: r.ingress,
			class: r.className || null,
			host: r.host,
			path: r.path,
			pathType: r.pathType,
			service: r.backend.target.service || null,
			port: r.port ?? null,
			tls: r.tlsBinding ? r.tlsBinding.secretName : null,
			endpoints: r.endpoints.map(endpointJson),
			defaultBackend: r.defaultBackend,
			resource: r.backend.target.resource ?? null,
			...(r.backend.target.action ? { albAction: r.backend.target.action } : {}),
			shadowedBy: r.shadowedBy ? { namespace: r.shadowedBy.namespace, name: r.shadowedBy.name } : null,
		})),
		leftOut: table.leftOut.filter((l) => inScope(scope, l.namespace)).map((l) => ({ namespace: l.namespace, name: l.name, reason: l.reason })),
		notes: [...table.classNotes].filter(([i]) => inScope(scope, i.namespace)).map(([i, note]) => ({ namespace: i.namespace, name: i.name, note })),
	};
}

export { endpointJson };
