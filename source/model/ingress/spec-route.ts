/**
 * Route resolution as the Ingress specification defines it, over one class's table: pick the
 * host's rules (precise host, else the wildcard covering it, else the rules without host), merge
 * their paths across every Ingress, take the longest match with Exact before Prefix at equal
 * length, and when nothing matches fall back to a defaultBackend, else 404. Where the spec is
 * silent the answer follows the reading in reference/ingress-spec.md §12 and a note says so.
 */
import type { Ingress } from '../../cluster/snapshot.js';
import type { RouteAnswer } from './answer.js';
import { claimKey } from './conflicts.js';
import { isWildcardHost, wildcardCovers } from './host.js';
import { compareIngressAge } from './order.js';
import { pathKind, pathTypeRank, specPaths, type PathReading } from './path.js';
import type { RoutingRow, RoutingTable } from './table.js';

interface HostLevel {
	label: string;
	covers: (ruleHost: string) => boolean;
}

export function hostLevels(host: string): HostLevel[] {
	return [
		{ label: `host ${host}`, covers: (h) => h !== '' && !isWildcardHost(h) && h.toLowerCase() === host },
		{ label: 'the wildcard host', covers: (h) => isWildcardHost(h) && wildcardCovers(h, host) },
		{ label: 'rules without host', covers: (h) => h === '' },
	];
}

/** Longest match first (as the reading measures it), Exact before Prefix at equal length, then the older Ingress. */
function matchOrder(paths: PathReading): (a: RoutingRow, b: RoutingRow) => number {
	return (a, b) =>
		paths.length(b.path, b.pathType) - paths.length(a.path, a.pathType) ||
		pathTypeRank(a.pathType) - pathTypeRank(b.pathType) ||
		compareIngressAge(a.object, b.object);
}

/** The rows that match the path, best first. */
function matchesOf(rows: readonly RoutingRow[], path: string, paths: PathReading): RoutingRow[] {
	return rows.filter((r) => paths.matches(r.path, r.pathType, path)).sort(matchOrder(paths));
}

const who = (i: Ingress) => `Ingress ${i.namespace}/${i.name}`;

/**
 * `paths` is how the controller reads rule paths: the spec's reading (ImplementationSpecific as
 * Prefix) unless the class's controller is known to read them otherwise (GCE).
 */
export function specAnswer(table: RoutingTable, host: string, path: string, paths: PathReading = specPaths): RouteAnswer {
	const notes: string[] = [];
	const ruleRows = table.rows.filter((r) => !r.defaultBackend);
	const levels = hostLevels(host).map((level) => ({
		...level,
		definers: table.ingresses.filter((i) => i.rules.some((r) => level.covers(r.host))),
		rows: ruleRows.filter((r) => level.covers(r.host)),
	}));
	const chosen = levels.find((l) => l.definers.length > 0);
	if (chosen) {
		const matches = matchesOf(chosen.rows, path, paths);
		const win = matches[0];
		if (win) {
			const key = claimKey(win.host, win.path, win.pathType);
			const twins = matches.filter((m) => m !== win && m.object !== win.object && claimKey(m.host, m.path, m.pathType) === key);
			if (twins.length > 0) {
				notes.push(
					`${twins.map((t) => who(t.object)).join(', ')} claim${twins.length === 1 ? 's' : ''} the same host and path; the spec names no winner, the older ${who(win.object)} serves it (as ingress-nginx does)`,
				);
			}
			if (pathKind(win.pathType) === 'ImplementationSpecific') notes.push(paths.implementationSpecificNote(win.path));
			return { kind: 'rule', row: win, notes };
		}
		// ALB and GCE read `*` in an ImplementationSpecific path as a wildcard, ingress-nginx (whose
		// reading the spec reading is) as a character: a miss here may be a hit there. A reading of
		// the controller's own (GCE's) knows.
		const starred = paths.starMayMatch ? chosen.rows.find((r) => pathKind(r.pathType) === 'ImplementationSpecific' && r.path.includes('*')) : undefined;
		if (starred) {
			notes.push(
				`${who(starred.object)}'s path ${starred.path} is ImplementationSpecific: read as a Prefix here, as ingress-nginx does; a controller that reads * as a wildcard (AWS ALB, GCE) may match ${path}`,
			);
		}
		const index = levels.indexOf(chosen);
		for (const later of levels.slice(index + 1)) {
			const would = matchesOf(later.rows, path, paths)[0];
			if (would) {
				notes.push(
					`${later.label === 'rules without host' ? 'a rule without host' : `the wildcard rule ${would.host}`} of ${who(would.object)} would match ${path}, but ${chosen.label} has rules of its own; the spec does not say whether the less specific rule applies (ingress-nginx: it does not)`,
				);
				break;
			}
		}
	}
	return defaultAnswer(table, chosen?.definers ?? [], notes);
}

/**
 * No rule matched: the defaultBackend of the Ingress that defines the host (the oldest, when
 * several do), else that of an Ingress without rules (a catch-all), else the controller's 404.
 */
function defaultAnswer(table: RoutingTable, definers: Ingress[], notes: string[]): RouteAnswer {
	const defaultRow = (i: Ingress) => table.rows.find((r) => r.defaultBackend && r.object === i);
	const own = definers.filter((i) => i.defaultBackend);
	const catchAll = table.ingresses.filter((i) => i.rules.length === 0 && i.defaultBackend);
	const pick = own[0] ?? catchAll[0];
	if (pick) {
		const rivals = [...own, ...catchAll].filter((i) => i !== pick);
		if (rivals.length > 0) {
			notes.push(
				`${rivals.map(who).join(', ')} also ${rivals.length === 1 ? 'has' : 'have'} a defaultBackend that could apply; the spec does not say which wins, so the one of ${own[0] ? 'the Ingress that defines the host' : 'the oldest Ingress without rules'} is used`,
			);
		}
		return { kind: 'default-backend', row: defaultRow(pick), notes };
	}
	const unrelated = table.ingresses.filter((i) => i.defaultBackend && i.rules.length > 0);
	if (unrelated.length > 0) {
		notes.push(
			`${unrelated.map(who).join(', ')} ${unrelated.length === 1 ? 'has' : 'have'} a defaultBackend but no rule for this host; it is taken to serve only its own hosts (as ingress-nginx does)`,
		);
	}
	return { kind: 'not-found', notes };
}
