/**
 * `kubewire gateways`: per Gateway and listener the attached route rules in precedence order →
 * backends (weights) → ready endpoints; then per route and parentRef the computed conditions
 * (Accepted, ResolvedRefs) with their reasons, and the object's own status beside them where it
 * disagrees. As text, or the JSON DESIGN.md fixes.
 */
import type { BackendResolution } from '../model/gateway/backends.js';
import type { ParentStatus, RouteState } from '../model/gateway/index.js';
import { classProblemShort, notProgrammedText } from '../model/gateway/programmed.js';
import { backendText, isMeshParent, isServiceBackend, listenerSetNames, parentKey, parentText } from '../model/gateway/refs.js';
import type { GatewayRow, GatewayTable, ListenerRow } from '../model/gateway/table.js';
import type { UnmodelledRoute } from '../cluster/snapshot.js';
import { nothingMatched, readyAwaitsApply } from '../model/planned-pods.js';
import { renderTable, type Column } from './columns.js';
import { wrapHard } from './ingresses.js';
import { safe } from './safe-text.js';
import { inScope, type Scope } from '../model/scope.js';

export function rowsOf(table: GatewayTable, scope: Scope): GatewayRow[] {
	return table.rows.filter((r) => inScope(scope, r.gateway.gateway.namespace) || inScope(scope, r.state.route.namespace));
}

function routesOf(table: GatewayTable, scope: Scope): RouteState[] {
	return table.routes.filter((r) => inScope(scope, r.route.namespace));
}

function listenersOf(table: GatewayTable, scope: Scope): ListenerRow[] {
	return table.listeners.filter((l) => inScope(scope, l.gateway.gateway.namespace));
}

function unmodelledOf(table: GatewayTable, scope: Scope): UnmodelledRoute[] {
	return table.unmodelled.filter((r) => inScope(scope, r.namespace));
}

/** `default/foo:3001, default/bar:3002`: where an unmodelled route sends, as written. */
export function unmodelledBackendsText(route: UnmodelledRoute): string {
	return route.backendRefs.length > 0 ? route.backendRefs.map((ref) => backendText(route, ref)).join(', ') : '(no backendRefs)';
}

/** `N attached`, or for a listener of kinds kubewire does not model, that it does not, and what the Gateway's status says. */
function attachedText(l: ListenerRow): string {
	if (l.unmodelledKinds.length === 0) return `${l.attachedRoutes} attached`;
	return `${l.unmodelledKinds.join('/')} not modelled${l.statusAttached !== undefined ? ` (status: ${l.statusAttached} attached)` : ''}`;
}

/**
 * `2/3` ready endpoints, `-` when the backend does not resolve, `planned` when its pods come from
 * workload templates or an operator's resource (as in the Services table), `?` when they could not
 * be read.
 */
export function readyOf(b: BackendResolution): string {
	if (b.reason !== 'ResolvedRefs' || !b.endpoints) return '-';
	if (!b.endpoints.known) {
		const unjudged = b.endpoints.unjudged;
		if (readyAwaitsApply(unjudged, b.endpoints.all.length)) return 'planned';
		// Manifests whose pods do not match: counted as the Services table counts them (its KW101 says why).
		if (nothingMatched(unjudged)) return `${b.endpoints.ready.length}/${b.endpoints.all.length}`;
		return '?';
	}
	return `${b.endpoints.ready.length}/${b.endpoints.all.length}`;
}

/** `shop/web:80 w1 2/2`, or the reason it does not resolve. */
export function backendCell(row: GatewayRow, b: BackendResolution): string {
	const weight = row.backends.length > 1 ? ` w${b.ref.weight}` : '';
	const state = b.reason === 'ResolvedRefs' ? ` ${readyOf(b)}` : b.reason ? ` ✗ ${b.reason}` : ' ?';
	// The route's own namespace goes without saying; another one is named.
	const target = b.namespace === row.state.route.namespace && isServiceBackend(b.ref) ? `${b.ref.name}:${b.ref.port ?? '?'}` : backendText(row.state.route, b.ref);
	return `${target}${weight}${state}`;
}

/** The Services a mesh route (GAMMA) names as its parents, `ns/name`; empty for any other route. */
export function meshServices(state: RouteState): string[] {
	return state.route.parentRefs.filter(isMeshParent).map((ref) => parentKey(state.route, ref));
}

/** Why a route has no Gateway parent: a mesh route names Services; anything else names nothing kubewire routes. */
export function noGatewayParentReason(state: RouteState): string {
	const services = meshServices(state);
	// A ListenerSet (Gateway API v1.5; XListenerSet before) adds listeners to a Gateway: its routes are not judged.
	const sets = listenerSetNames(state.route);
	if (services.length === 0 && sets.length > 0) return safe(`its parent is ${sets.join(', ')}, which kubewire does not model: not judged`);
	if (services.length === 0) return 'no parentRef names a Gateway';
	return safe(`a mesh route (GAMMA) for Service ${services.join(', ')}: a service mesh applies it, not kube-proxy or a Gateway, so kubewire does not judge it`);
}

export function backendsCell(row: GatewayRow): string {
	if (row.backends.length === 0) {
		const redirect = row.state.route.rules[row.ruleIndex]?.filters.find((f) => f.type === 'RequestRedirect');
		return redirect ? `redirect ${redirect.redirect?.statusCode ?? 302}` : '(no backendRefs: 500)';
	}
	return row.backends.map((b) => backendCell(row, b)).join(', ');
}

/** Every column: for screens that lay out their own width (the TUI). */
export const gatewayColumns: Column<GatewayRow>[] = [
	{ header: 'GATEWAY', cell: (r) => `${r.gateway.gateway.namespace}/${r.gateway.gateway.name}`, min: 10, flexible: true, dropOrder: 6, identifies: true },
	{ header: 'LISTENER', cell: (r) => r.listener.name, min: 6, flexible: true, dropOrder: 5 },
	{ header: 'HOST', cell: (r) => r.hostname || '*', min: 10, flexible: true },
	{ header: 'MATCH', cell: (r) => r.matchShort, min: 10, flexible: true },
	{ header: 'ROUTE', cell: routeCell, min: 10, flexible: true, identifies: true },
	{ header: 'BACKENDS', cell: backendsCell, min: 14, flexible: true },
];

/** `ns/name#rule`: the route and the index of its rule. */
export function routeCell(r: GatewayRow): string {
	return `${r.state.route.namespace}/${r.state.route.name}#${r.ruleIndex}`;
}

/** Under a listener's heading the Gateway and listener are said once. */
const listenerTableColumns: Column<GatewayRow>[] = gatewayColumns.slice(2);

/** A parentRef's computed conditions: `Accepted=True ResolvedRefs=False/BackendNotFound`. */
export function conditionText(p: ParentStatus): string {
	if (p.notProgrammed) return 'no conditions (no controller writes them)';
	const computed = p.conditions.map((c) => `${c.type}=${c.status}${c.status !== 'True' ? `/${c.reason}` : ''}`);
	const unjudged = p.notJudged.map((n) => `${n.type} not judged`);
	return [...computed, ...unjudged].join(' ');
}

/** A listener in one line: protocol, port, host, who may attach, how many did, what is wrong. */
export function listenerLine(l: ListenerRow): string {
	const allowed = l.listener.allowedFrom || 'Same';
	const missing = l.gateway.missingClass;
	const bad = missing
		? [`not programmed (${classProblemShort(missing)})`]
		: l.conditions.filter((c) => c.status === 'False').map((c) => `${c.type}=False/${c.reason}`);
	return (
		`Gateway ${l.gateway.gateway.namespace}/${l.gateway.gateway.name} listener ${l.listener.name}: ${l.listener.protocol} :${l.listener.port} ` +
		`${l.listener.hostname || '(any host)'}, routes from ${allowed}, ${attachedText(l)}${bad.length > 0 ? `, ${bad.join(' ')}` : ''}`
	);
}

export function gatewaysText(table: GatewayTable, scope: Scope, width: number, tableWidth = width): string {
	const lines: string[] = [];
	const listeners = listenersOf(table, scope);
	const routes = routesOf(table, scope);
	const unmodelled = unmodelledOf(table, scope);
	if (listeners.length === 0 && routes.length === 0 && unmodelled.length === 0) return 'No Gateway API objects (Gateway, HTTPRoute, GRPCRoute) in the input.';
	const rows = rowsOf(table, scope);
	// Prose, not a table row: wrapped at word breaks like the listener lines (at 80 columns the
	// terminal cut it inside a word).
	lines.push(...wrapHard('Routing: each listener, its route rules in precedence order → backends (ready/all endpoints)', width, '  '));
	lines.push('MATCH: /path = PathPrefix, =/path = Exact, ~re = RegularExpression');
	if (listeners.length === 0) lines.push('  no Gateway in scope');
	for (const l of listeners) {
		lines.push('', ...wrapHard(safe(listenerLine(l)), width, '    '));
		const here = rows.filter((r) => r.listener === l.listener && r.gateway === l.gateway);
		if (here.length === 0 && l.unmodelledKinds.length > 0) {
			if (l.unmodelledRoutes.length === 0) lines.push(`    kubewire does not model ${l.unmodelledKinds.join(' or ')}: its routes are not shown`);
			for (const route of l.unmodelledRoutes) lines.push(...wrapHard(safe(`    ${route.kind} ${route.namespace}/${route.name} → ${unmodelledBackendsText(route)} (listed, not judged)`), width, '      '));
		} else if (here.length === 0) lines.push('    no route attached');
		else lines.push(...renderTable(listenerTableColumns, here, tableWidth - 4).split('\n').map((line) => `    ${line}`));
	}
	lines.push('', 'Route attachment (computed from the objects)');
	if (routes.length === 0) lines.push('  no HTTPRoute or GRPCRoute');
	for (const state of routes) {
		lines.push(safe(`  ${state.route.kind} ${state.route.namespace}/${state.route.name}`));
		if (state.parents.length === 0) lines.push(...wrapHard(`    ${noGatewayParentReason(state)}`, width, '      '));
		for (const p of state.parents) {
			lines.push(...wrapHard(safe(`    ${parentText(p.route, p.parentRef)}: ${conditionText(p)}`), width, '      '));
			if (p.notProgrammed) lines.push(...wrapHard(safe(`      why: ${p.notProgrammed}: nothing accepts or serves this route`), width, '           '));
			if (p.detail) lines.push(...wrapHard(safe(`      why: ${p.detail}`), width, '           '));
			for (const n of p.notJudged) lines.push(...wrapHard(safe(`      ${n.type} not judged: ${n.why}`), width, '        '));
			if (p.statusDisagrees) {
				const said = p.observed && p.observed.length > 0 ? p.observed.map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`).join(' ') : 'no condition for this parentRef';
				lines.push(...wrapHard(safe(`      status says: ${said} (the controller disagrees, or is not running)`), width, '        '));
			}
		}
		const failing = state.resolvedRefs.failing;
		if (failing) lines.push(...wrapHard(safe(`    backendRef ${backendText(state.route, failing.ref)}: ${failing.reason}: ${failing.detail}`), width, '      '));
	}
	for (const route of unmodelled) {
		lines.push(safe(`  ${route.kind} ${route.namespace}/${route.name}: not modelled by kubewire, listed only`));
		for (const ref of route.parentRefs) lines.push(...wrapHard(safe(`    parent ${parentText(route, ref)}`), width, '      '));
		lines.push(...wrapHard(safe(`    backends ${unmodelledBackendsText(route)}`), width, '      '));
	}
	return lines.join('\n');
}

function backendJson(b: BackendResolution) {
	return {
		namespace: b.namespace,
		service: b.ref.name,
		port: b.ref.port ?? null,
		weight: b.ref.weight,
		kind: b.ref.kind || 'Service',
		resolved: b.reason ?? null,
		ready: b.reason === 'ResolvedRefs' && b.endpoints?.known ? b.endpoints.ready.length : null,
	};
}

export function gatewaysJson(table: GatewayTable, scope: Scope): object {
	return {
		rows: rowsOf(table, scope).map((r) => ({
			gateway: `${r.gateway.gateway.namespace}/${r.gateway.gateway.name}`,
			listener: r.listener.name,
			hostname: r.hostname,
			route: `${r.state.route.namespace}/${r.state.route.name}`,
			kind: r.state.route.kind,
			rule: r.ruleIndex,
			match: r.matchText,
			backends: r.backends.map(backendJson),
		})),
		routes: routesOf(table, scope).map((state) => ({
			kind: state.route.kind,
			namespace: state.route.namespace,
			name: state.route.name,
			parents: state.parents.map((p) => ({
				gateway: p.gatewayKey,
				sectionName: p.parentRef.sectionName ?? null,
				port: p.parentRef.port ?? null,
				conditions: p.conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason })),
				detail: p.detail || null,
				// Omitted from conditions: what could not be computed from the input, and why.
				notJudged: p.notJudged.map((n) => ({ type: n.type, why: n.why })),
				notProgrammed: p.notProgrammed ?? null,
				listeners: p.listeners.map((l) => l.listener.name),
				status: p.statusDisagrees ? (p.observed ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason })) : null,
			})),
		})),
		listeners: listenersOf(table, scope).map((l) => ({
			gateway: `${l.gateway.gateway.namespace}/${l.gateway.gateway.name}`,
			name: l.listener.name,
			port: l.listener.port,
			protocol: l.listener.protocol,
			hostname: l.listener.hostname,
			allowedRoutes: l.listener.allowedFrom || 'Same',
			// Not a fact for a listener of kinds kubewire does not model: null, and those kinds named.
			attachedRoutes: l.unmodelledKinds.length > 0 ? null : l.attachedRoutes,
			notModelled: l.unmodelledKinds,
			statusAttachedRoutes: l.statusAttached ?? null,
			supportedKinds: l.supportedKinds,
			conditions: l.conditions,
			notProgrammed: l.gateway.missingClass ? notProgrammedText(`${l.gateway.gateway.namespace}/${l.gateway.gateway.name}`, l.gateway.missingClass) : null,
		})),
		notModelled: unmodelledOf(table, scope).map((route) => ({
			kind: route.kind,
			namespace: route.namespace,
			name: route.name,
			parents: route.parentRefs.map((ref) => parentText(route, ref)),
			backends: route.backendRefs.map((ref) => backendText(route, ref)),
		})),
	};
}
