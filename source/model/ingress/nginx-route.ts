/**
 * Route resolution as ingress-nginx does it, where it departs from the spec (reference/
 * ingress-spec.md §6, §10): a request goes to ONE server (the precise host, else the wildcard
 * host, else the catch-all `_`) and only that server's locations are searched; rules without a
 * host live only in `_`; ImplementationSpecific is Prefix; a `use-regex` or `rewrite-target`
 * annotation on any Ingress of a host turns every path of that host into a case-insensitive
 * regex prefix, first match by descending path length; a request one slash short of a
 * slash-terminated location gets a 301; a defaultBackend serves only the hosts its Ingress is the
 * first to define, and the oldest Ingress without rules is the catch-all.
 */
import type { Ingress } from '../../cluster/snapshot.js';
import type { RouteAnswer } from './answer.js';
import { isWildcardHost, wildcardCovers } from './host.js';
import { pathKind } from './path.js';
import type { RoutingRow, RoutingTable } from './table.js';

export const useRegexAnnotation = 'nginx.ingress.kubernetes.io/use-regex';
export const rewriteTargetAnnotation = 'nginx.ingress.kubernetes.io/rewrite-target';

interface Location {
	match: 'exact' | 'prefix' | 'regex';
	/** What nginx compares the URI with (the regex source without `^` for regex locations). */
	text: string;
	/** Length of the rule path, which orders regex locations. */
	order: number;
	row: RoutingRow;
}

interface Server {
	label: string;
	/** Ingresses with a rule for this server, oldest first. */
	definers: Ingress[];
	rows: RoutingRow[];
	/** The row of the defaultBackend that answers what no location matches. */
	fallback?: RoutingRow;
	/** The Ingress whose annotation put the host in regex mode. */
	regexBecause?: Ingress;
}

const who = (i: Ingress) => `Ingress ${i.namespace}/${i.name}`;

function regexCause(ingress: Ingress): boolean {
	return ingress.annotations[useRegexAnnotation] === 'true' || (ingress.annotations[rewriteTargetAnnotation] ?? '') !== '';
}

/** The rows of the table in the order ingress-nginx reads them: oldest Ingress first, then as written. */
function rowsInReadOrder(table: RoutingTable): RoutingRow[] {
	const bySource = new Map(table.rows.filter((r) => r.source).map((r) => [r.source!, r] as const));
	const out: RoutingRow[] = [];
	for (const ingress of table.ingresses) {
		for (const rule of ingress.rules) for (const p of rule.paths) out.push(bySource.get(p)!);
	}
	return out;
}

function serverFor(table: RoutingTable, host: string, notes: string[]): Server {
	const rows = rowsInReadOrder(table);
	const defaultRow = (i: Ingress) => table.rows.find((r) => r.defaultBackend && r.object === i && r.backend.target.service !== '');
	const levels: { label: string; covers: (h: string) => boolean }[] = [
		{ label: `server ${host}`, covers: (h) => h !== '' && !isWildcardHost(h) && h.toLowerCase() === host },
		{ label: 'the wildcard server', covers: (h) => isWildcardHost(h) && wildcardCovers(h, host) },
	];
	for (const level of levels) {
		const definers = table.ingresses.filter((i) => i.rules.some((r) => level.covers(r.host)));
		if (definers.length === 0) continue;
		// Only the first Ingress to define the host gives it a fallback.
		const first = definers[0]!;
		return {
			label: level.label,
			definers,
			rows: dedupe(rows.filter((r) => level.covers(r.host)), notes),
			fallback: defaultRow(first),
			regexBecause: definers.find(regexCause),
		};
	}
	const catchAll = table.ingresses.find((i) => i.rules.length === 0 && defaultRow(i));
	let hostless = dedupe(rows.filter((r) => r.host === ''), notes);
	if (catchAll) {
		const root = hostless.filter((r) => rootPath(r));
		if (root.length > 0) notes.push(`the defaultBackend of ${who(catchAll)} takes / of the catch-all server before the rule without host of ${who(root[0]!.object)}`);
		hostless = hostless.filter((r) => !rootPath(r));
	}
	const definers = table.ingresses.filter((i) => i.rules.some((r) => r.host === ''));
	return {
		label: 'the catch-all server',
		definers,
		rows: hostless,
		fallback: catchAll ? defaultRow(catchAll) : undefined,
		regexBecause: definers.find(regexCause),
	};
}

function rootPath(row: RoutingRow): boolean {
	return (row.path === '' || row.path === '/') && pathKind(row.pathType) !== 'Exact';
}

/** The first (path, pathType) a server sees is kept; later copies are dropped. */
function dedupe(rows: RoutingRow[], notes: string[]): RoutingRow[] {
	const seen = new Map<string, RoutingRow>();
	const kept: RoutingRow[] = [];
	for (const row of rows) {
		const key = `${nginxPath(row)}\u0000${nginxType(row)}`;
		const first = seen.get(key);
		if (first) {
			if (first.object !== row.object) notes.push(`ingress-nginx drops ${row.path} (${row.pathType}) of ${who(row.object)}: ${who(first.object)} configured it first`);
			continue;
		}
		seen.set(key, row);
		kept.push(row);
	}
	return kept;
}

const nginxPath = (row: RoutingRow) => (row.path === '' ? '/' : row.path);
const nginxType = (row: RoutingRow) => (pathKind(row.pathType) === 'Exact' ? 'Exact' : 'Prefix');

/** The nginx locations ingress-nginx writes for a server's paths. */
function locations(server: Server): Location[] {
	const exactPaths = new Set(server.rows.filter((r) => nginxType(r) === 'Exact').map(nginxPath));
	const out: Location[] = [];
	for (const row of server.rows) {
		const path = nginxPath(row);
		const order = path.length;
		if (nginxType(row) === 'Exact') {
			out.push({ match: 'exact', text: path, order, row });
			continue;
		}
		if (path === '/') {
			out.push({ match: 'prefix', text: '/', order, row });
			continue;
		}
		// Prefix /x is written as `location = /x` plus `location /x/`, so /xyz is not matched.
		if (!path.endsWith('/') && !exactPaths.has(path)) out.push({ match: 'exact', text: path, order, row });
		out.push({ match: 'prefix', text: path.endsWith('/') ? path : `${path}/`, order, row });
	}
	if (!server.regexBecause) return out;
	return out.map((l) => ({ ...l, match: 'regex' as const })).sort((a, b) => b.order - a.order);
}

export function nginxAnswer(table: RoutingTable, host: string, path: string): RouteAnswer {
	const notes: string[] = [];
	const server = serverFor(table, host, notes);
	const locs = locations(server);
	const fallback = (): RouteAnswer =>
		server.fallback ? { kind: 'default-backend', row: server.fallback, notes } : { kind: 'not-found', notes };
	if (server.regexBecause) {
		notes.push(
			`on ingress-nginx ${who(server.regexBecause)} sets ${server.regexBecause.annotations[useRegexAnnotation] === 'true' ? useRegexAnnotation : rewriteTargetAnnotation}, so every path of ${server.label} is a case-insensitive regex prefix, tried longest first`,
		);
		for (const loc of locs) {
			let re: RegExp;
			try {
				re = new RegExp(`^${loc.text}`, 'i');
			} catch {
				notes.push(`path ${loc.text} of ${who(loc.row.object)} is not a regular expression kubewire can read; it was skipped`);
				continue;
			}
			if (re.test(path)) return { kind: 'rule', row: loc.row, notes };
		}
		return fallback();
	}
	const exact = locs.find((l) => l.match === 'exact' && l.text === path);
	if (exact) return { kind: 'rule', row: exact.row, notes };
	const slashed = locs.find((l) => l.text === `${path}/`);
	if (slashed) {
		notes.push(`ingress-nginx answers ${path} with a 301 redirect to ${path}/ (nginx's redirect for a location that ends in a slash)`);
		return { kind: 'rule', row: slashed.row, redirect: `${path}/`, notes };
	}
	const prefix = locs
		.filter((l) => l.match === 'prefix' && path.startsWith(l.text))
		.sort((a, b) => b.text.length - a.text.length)[0];
	if (prefix) return { kind: 'rule', row: prefix.row, notes };
	return fallback();
}
