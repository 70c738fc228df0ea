/**
 * The routing table of one IngressClass: one row per (Ingress, host, path), plus one per
 * defaultBackend, each with the Service port its backend resolves to, the ready endpoints behind
 * it and the TLS Secret serving its host. Ingresses of other classes (or of none) are not in it,
 * as their controller would not see them; they are listed with the reason instead.
 */
import type { Ingress, IngressPath } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import type { EndpointView } from '../endpoints.js';
import { compareFindings, type Finding, type Severity } from '../findings.js';
import { runSteps, type Steps } from '../steps.js';
import { resolveBackend, targetText, type BackendResolution } from './backend.js';
import { chooseClass, classOf, disagreementNote, membership, type ClassChoice, type IngressClassRef } from './class.js';
import { claimKey, findConflicts, type Claim } from './conflicts.js';
import { classlessServing, runsOfClassServe, serversOfClass } from './servers.js';
import { carryTaggedFindings, taggedIngressFindingsSteps, type TaggedFinding } from './findings.js';
import { hostsOverlap } from './host.js';
import { compareIngressAge, oldestFirst } from './order.js';
import { pathTypeRank } from './path.js';
import { carriedOver } from '../carry-over.js';
import { routingReuse } from './reuse.js';
import { tlsFor, type TlsBinding } from './tls.js';

/**
 * One row of the table. The flat fields are the ones `kubewire ingresses` and the TUI show
 * (named as DESIGN.md names them); `object`, `backend` and `tlsBinding` hold the details.
 */
export interface RoutingRow {
	/** The Ingress the row comes from. */
	object: Ingress;
	namespace: string;
	/** The Ingress's name. */
	ingress: string;
	/** The class the Ingress names ('' when none: only in a table of every Ingress). */
	className: string;
	/** The rule host as written; '' for a rule without host and for a defaultBackend. */
	host: string;
	/** The rule path as written; '' for a defaultBackend (and an ImplementationSpecific rule without one). */
	path: string;
	/** As written; '' for a defaultBackend. */
	pathType: string;
	/** True for the Ingress's spec.defaultBackend, which answers what no rule matches. */
	defaultBackend: boolean;
	/** The backend Service's name ('' for a resource backend). */
	service: string;
	/** The backend port exactly as written: a number or a name. */
	port?: number | string;
	/** The Secret serving TLS for the host ('' when the host has no TLS, or TLS without a Secret). */
	tls: string;
	/** Ready endpoints behind the backend's Service port: what the controller proxies to. */
	endpoints: EndpointView[];
	backend: BackendResolution;
	tlsBinding?: TlsBinding;
	/** Set when an older Ingress of the class claims the same host and path: this row gets nothing. */
	shadowedBy?: Ingress;
	/** The path object of the rule (undefined for a defaultBackend row). */
	source?: IngressPath;
	/**
	 * The findings about this row, worst first: its own backend's, its host's TLS, its claimed
	 * path's conflict (from either Ingress of the conflict), and its Ingress's as a whole (class,
	 * address). The one answer the TUI's table, `ingresses`, `route` and the chain read.
	 */
	findings: Finding[];
	/** The subset of `findings` about TLS for a host, with that host ('*': every host): `route` shows them for https only. */
	tlsFindings: { host: string; finding: Finding }[];
	/** The worst finding's severity; a shadowed row without findings is a warning; else ok. */
	status: Severity | 'ok';
	/**
	 * Ready addresses and all addresses behind the backend's Service port, from the one endpoint
	 * view (read, or derived from the pods); undefined when the backend names no port of a Service.
	 * `known` is false when they were not read (or are planned): the counts are then no fact.
	 */
	ready?: { ready: number; total: number; derived: boolean; known: boolean };
}

export interface LeftOutIngress {
	ingress: Ingress;
	namespace: string;
	name: string;
	reason: string;
}

export interface RoutingTable {
	/** The IngressClass whose routing this is ('' when none could be chosen, or for every Ingress). */
	className: string;
	choice: ClassChoice;
	/** The Ingresses in the table, oldest first (the order a controller reads them in). */
	ingresses: Ingress[];
	/** Rules by host, then path; defaultBackends last. */
	rows: RoutingRow[];
	leftOut: LeftOutIngress[];
	/** Ingresses of the table whose ingressClassName and legacy annotation disagree, with the note that says so (class.ts). */
	classNotes: Map<Ingress, string>;
	/** KW501–KW509 findings of the Ingresses in the table, tagged with what they are about. */
	findings: Map<Ingress, TaggedFinding[]>;
}

export function buildRoutingTable(ctx: ModelContext, className?: string): RoutingTable {
	return runSteps(routingTableSteps(ctx, className));
}

/**
 * `buildRoutingTable` in steps: a yield after each Ingress's rows, after its findings and while
 * the rows are judged, so a live update that rebuilds the table (model/incremental.ts) can hand
 * the event loop back between them. In a live update that carries over (model/carry-over.ts), an
 * Ingress that reuse.ts does not redo keeps its rows, already judged, from the previous table.
 */
export function* routingTableSteps(ctx: ModelContext, className?: string): Steps<RoutingTable> {
	const choice = chooseClass(ctx.snapshot, ctx.readable, className);
	const carry = carriedOver(ctx);
	// Rows keep the finding objects they were judged with: only a table made from the previous
	// context itself (not one an earlier update kept) goes with the findings that context made.
	const reuse = carry && carry.routing.className === choice.name && madeFrom.get(carry.routing) === carry.previous ? routingReuse(carry, ctx.snapshot.ingresses) : undefined;
	const keptRows = reuse ? rowsByIngress(carry!.routing, reuse.redo) : undefined;
	const view = { classes: ctx.snapshot.ingressClasses, known: ctx.readable.canRead('ingressclasses'), namespaces: ctx.snapshot.namespaces };
	// The class's servers, judged once for the table rather than once per Ingress.
	const classServers = choice.name !== '' ? serversOfClass(ctx.snapshot, choice.name, view) : undefined;
	const classless = classServers ? classlessServing(classServers, view) : undefined;
	const byRuns = classServers ? (ref: IngressClassRef) => runsOfClassServe(classServers, ref, view) : undefined;
	const members: Ingress[] = [];
	const leftOut: LeftOutIngress[] = [];
	for (const ingress of ctx.snapshot.ingresses) {
		const m = membership(ingress, choice, classless, byRuns);
		if (m.member) members.push(ingress);
		else leftOut.push({ ingress, namespace: ingress.namespace, name: ingress.name, reason: m.reason });
	}
	leftOut.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
	const ingresses = oldestFirst(members);
	const classNotes = new Map<Ingress, string>();
	for (const ingress of ingresses) {
		const note = disagreementNote(classOf(ingress));
		if (note) classNotes.set(ingress, note);
	}
	const shadowed = new Map<string, Ingress>();
	for (const c of findConflicts(ingresses)) shadowed.set(claimOf(c.shadowed), c.winner.ingress);
	const rows: RoutingRow[] = [];
	const hostTls = tlsByHost(ctx, ingresses);
	const judged = new Set<RoutingRow>();
	for (const ingress of ingresses) {
		const kept = keptRows?.get(ingress);
		if (kept) {
			for (const row of kept) {
				rows.push(row);
				judged.add(row);
			}
			continue;
		}
		const cls = classOf(ingress).name;
		const base = { object: ingress, namespace: ingress.namespace, ingress: ingress.name, className: cls };
		for (const rule of ingress.rules) {
			for (const p of rule.paths) {
				const claim: Claim = { ingress, host: rule.host, path: p.path, pathType: p.pathType };
				const tls = tlsFor(ctx, ingress, rule.host) ?? hostTls.get(rule.host);
				rows.push({
					...base,
					...backendFields(resolveBackend(ctx, ingress, p.backend)),
					host: rule.host,
					path: p.path,
					pathType: p.pathType,
					defaultBackend: false,
					tls: tls?.secretName ?? '',
					tlsBinding: tls,
					shadowedBy: shadowed.get(claimOf(claim)),
					source: p,
				});
			}
		}
		if (ingress.defaultBackend) {
			rows.push({
				...base,
				...backendFields(resolveBackend(ctx, ingress, ingress.defaultBackend)),
				host: '',
				path: '',
				pathType: '',
				defaultBackend: true,
				...hostlessTls(ctx, ingress),
			});
		}
		yield;
	}
	rows.sort(compareRows);
	yield;
	const all = yield* taggedIngressFindingsSteps(ctx, reuse);
	yield;
	const findings = new Map<Ingress, TaggedFinding[]>();
	for (const ingress of ingresses) findings.set(ingress, all.get(ingress) ?? []);
	const byClaim = new Map<string, Finding[]>();
	for (const tagged of findings.values()) {
		for (const t of tagged) {
			if (t.claim === undefined) continue;
			const list = byClaim.get(t.claim);
			if (list) list.push(t.finding);
			else byClaim.set(t.claim, [t.finding]);
		}
	}
	for (const [i, row] of rows.entries()) {
		if (!judged.has(row)) judgeRow(row, findings.get(row.object) ?? [], byClaim);
		if (i % 64 === 63) yield;
	}
	const table = { className: choice.name, choice, ingresses, rows, leftOut, classNotes, findings };
	madeFrom.set(table, ctx);
	return table;
}

/** The context each table was made from (see the carry-over above), or last kept for (keepRouting). */
const madeFrom = new WeakMap<RoutingTable, ModelContext>();

/**
 * A live update that did not need the table again keeps the previous one: it then stands for the
 * new context too, with its tagged findings, so that the next update that does need it can still
 * remake it Ingress by Ingress. Without this, a table kept once was remade whole the next time
 * (every Ingress, at 10,000 Services a third of such an update).
 */
export function keepRouting(table: RoutingTable, from: ModelContext, to: ModelContext): void {
	if (madeFrom.get(table) !== from) return;
	madeFrom.set(table, to);
	carryTaggedFindings(from, to);
}

/** Sets a row's findings, status and ready count: the one place they are decided. */
function judgeRow(row: RoutingRow, tagged: readonly TaggedFinding[], byClaim: ReadonlyMap<string, Finding[]>): void {
	const target = targetText(row.backend.target);
	const claim = row.defaultBackend ? undefined : claimKey(row.host, row.path, row.pathType);
	const out = new Set<Finding>();
	for (const t of tagged) {
		if (t.backend !== undefined) {
			if (t.backend === target) out.add(t.finding);
		} else if (t.host !== undefined) {
			if (t.host === '*' || (row.host !== '' && hostsOverlap(t.host, row.host))) {
				out.add(t.finding);
				row.tlsFindings.push({ host: t.host, finding: t.finding });
			}
		} else if (t.claim === undefined) {
			out.add(t.finding);
		}
	}
	if (claim !== undefined) for (const f of byClaim.get(claim) ?? []) out.add(f);
	row.findings = [...out].sort(compareFindings);
	row.status = row.findings[0]?.severity ?? (row.shadowedBy ? 'warning' : 'ok');
	const port = row.backend.wiring?.ports.find((pw) => pw.port === row.backend.servicePort);
	row.ready = port && !row.backend.wiring?.externalName ? { ready: port.readyEndpointCount, total: port.endpointCount, derived: row.backend.wiring?.endpointsDerived ?? false, known: row.backend.endpointsKnown } : undefined;
}

/** The previous table's rows of each Ingress that keeps them (see reuse.ts). */
function rowsByIngress(table: RoutingTable, redo: ReadonlySet<Ingress>): Map<Ingress, RoutingRow[]> {
	const byIngress = new Map<Ingress, RoutingRow[]>();
	for (const row of table.rows) {
		if (redo.has(row.object)) continue;
		const list = byIngress.get(row.object);
		if (list) list.push(row);
		else byIngress.set(row.object, [row]);
	}
	return byIngress;
}

const rowsByService = new WeakMap<RoutingTable, Map<string, RoutingRow[]>>();

/** The rows whose backend is the Service `ns/name`: what routes to it in this class (the chain and the detail read this). */
export function rowsToService(table: RoutingTable, key: string): RoutingRow[] {
	let index = rowsByService.get(table);
	if (!index) {
		index = new Map();
		for (const row of table.rows) {
			if (row.service === '') continue;
			const k = `${row.namespace}/${row.service}`;
			const list = index.get(k);
			if (list) list.push(row);
			else index.set(k, [row]);
		}
		rowsByService.set(table, index);
	}
	return index.get(key) ?? [];
}

/** The findings of the table's Ingresses, each once. */
export function tableFindings(table: RoutingTable): Finding[] {
	return [...new Set([...table.findings.values()].flatMap((list) => list.map((t) => t.finding)))];
}

function backendFields(backend: BackendResolution) {
	return {
		backend,
		service: backend.target.service,
		port: backend.target.port,
		endpoints: backend.readyEndpoints,
		// Set by judgeRow once every row and finding is known.
		findings: [] as Finding[],
		tlsFindings: [] as RoutingRow['tlsFindings'],
		status: 'ok' as const,
	};
}

/**
 * TLS is decided per host, not per Ingress: a rule whose own Ingress sets no TLS for its host
 * still gets the Secret of the first (oldest) Ingress of the class that does, as a controller's
 * server block would.
 */
function tlsByHost(ctx: ModelContext, ingresses: readonly Ingress[]): Map<string, TlsBinding> {
	const byHost = new Map<string, TlsBinding>();
	for (const ingress of ingresses) {
		if (ingress.tls.length === 0) continue;
		for (const rule of ingress.rules) {
			if (rule.host === '' || byHost.has(rule.host)) continue;
			const tls = tlsFor(ctx, ingress, rule.host);
			if (tls) byHost.set(rule.host, tls);
		}
	}
	return byHost;
}

function claimOf(c: Claim): string {
	return `${c.ingress.namespace}/${c.ingress.name}\u0000${claimKey(c.host, c.path, c.pathType)}`;
}

/** Hosts alphabetically (rules without host after them), paths alphabetically, Exact first. */
function compareRows(a: RoutingRow, b: RoutingRow): number {
	if (a.defaultBackend !== b.defaultBackend) return a.defaultBackend ? 1 : -1;
	if ((a.host === '') !== (b.host === '')) return a.host === '' ? 1 : -1;
	return (
		cmp(a.host, b.host) ||
		cmp(a.path, b.path) ||
		pathTypeRank(a.pathType) - pathTypeRank(b.pathType) ||
		compareIngressAge(a.object, b.object)
	);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The defaultBackend row's TLS: an entry without hosts, which serves requests no host rule takes. */
function hostlessTls(ctx: ModelContext, ingress: Ingress): { tls: string; tlsBinding?: TlsBinding } {
	const tls = tlsFor(ctx, ingress, '');
	return tls ? { tls: tls.secretName, tlsBinding: tls } : { tls: '' };
}
