/**
 * The Gateway routing table: per Gateway and listener, the attached route rules in precedence
 * order (§7: hostname specificity, then the match's own specificity, then route age and name,
 * then rule order) with their backends and ready endpoints; and per listener its computed status.
 * One row per (listener, hostname, route, rule, match): what `kubewire gateways` and the TUI show.
 */
import type { GatewayListener, RouteMatch, UnmodelledRoute } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import type { BackendResolution } from './backends.js';
import { compareKeys, hostSpecificity } from './hostnames.js';
import { attachedRoutes, gatewayModel, type GatewayState, type RouteState } from './index.js';
import type { ListenerCondition } from './listener-status.js';
import { supportedKinds } from './listeners.js';
import { everything, grpcSpecificity, httpSpecificity, matchText } from './match.js';
import { statusAttachedRoutes, unmodelledKindsOf, unmodelledRoutesOn } from './unmodelled.js';

export interface GatewayRow {
	gateway: GatewayState;
	listener: GatewayListener;
	/** The hostname the rule serves on this listener ('' = every host). */
	hostname: string;
	state: RouteState;
	ruleIndex: number;
	match: RouteMatch;
	/** The match in words. */
	matchText: string;
	/** The same, short, for narrow tables. */
	matchShort: string;
	backends: BackendResolution[];
}

export interface ListenerRow {
	gateway: GatewayState;
	listener: GatewayListener;
	attachedRoutes: number;
	supportedKinds: string[];
	/** Empty when no controller programs the Gateway (GatewayState.missingClass). */
	conditions: ListenerCondition[];
	/**
	 * The route kinds it carries when kubewire models none of them (TCPRoute on a TCP listener):
	 * then `attachedRoutes` is not a fact, and the routes below are listed, not judged.
	 */
	unmodelledKinds: string[];
	/** The input's routes of those kinds whose parentRefs pick this listener. */
	unmodelledRoutes: UnmodelledRoute[];
	/** attachedRoutes as the Gateway's status gives it for this listener, when it does. */
	statusAttached: number | undefined;
}

export interface GatewayTable {
	rows: GatewayRow[];
	listeners: ListenerRow[];
	routes: RouteState[];
	/** The input's TCPRoutes, TLSRoutes and UDPRoutes (see model/gateway/unmodelled.ts). */
	unmodelled: UnmodelledRoute[];
}

const computed = new WeakMap<ModelContext, GatewayTable>();

export function gatewayTable(ctx: ModelContext): GatewayTable {
	const done = computed.get(ctx);
	if (done) return done;
	const model = gatewayModel(ctx);
	const rows: GatewayRow[] = [];
	const listeners: ListenerRow[] = [];
	for (const gateway of model.gateways) {
		for (const listener of gateway.gateway.listeners) {
			listeners.push({
				gateway,
				listener,
				attachedRoutes: attachedRoutes(gateway, listener.name),
				supportedKinds: supportedKinds(listener),
				conditions: gateway.listenerStatus.get(listener)?.conditions ?? [],
				unmodelledKinds: unmodelledKindsOf(listener),
				unmodelledRoutes: unmodelledRoutesOn(ctx.snapshot, gateway.gateway, listener),
				statusAttached: statusAttachedRoutes(gateway.gateway, listener),
			});
			const here: GatewayRow[] = [];
			const seen = new Set<RouteState>();
			for (const attachment of gateway.attachments) {
				const on = attachment.listeners.find((l) => l.listener === listener);
				const state = model.stateOf.get(attachment.route);
				if (!on || !state || seen.has(state)) continue;
				seen.add(state);
				for (const hostname of on.hostnames) {
					state.route.rules.forEach((rule, ruleIndex) => {
						const matches = rule.matches.length > 0 ? rule.matches : [state.route.kind === 'GRPCRoute' ? { queryParams: [], headers: [] } : everything];
						for (const match of matches) {
							here.push({
								gateway,
								listener,
								hostname,
								state,
								ruleIndex,
								match,
								matchText: matchText(rule.matches.length > 0 ? match : undefined, state.route.kind),
								matchShort: matchText(rule.matches.length > 0 ? match : undefined, state.route.kind, true),
								backends: state.rules[ruleIndex] ?? [],
							});
						}
					});
				}
			}
			rows.push(...here.sort(precedence));
		}
	}
	const table = { rows, listeners, routes: model.routes, unmodelled: ctx.snapshot.unmodelledRoutes ?? [] };
	computed.set(ctx, table);
	return table;
}

function precedence(a: GatewayRow, b: GatewayRow): number {
	const spec = (r: GatewayRow) => (r.state.route.kind === 'GRPCRoute' ? [0, ...grpcSpecificity(r.match)] : [1, ...httpSpecificity(r.match)]);
	const ta = a.state.route.creationTimestamp || '\uffff';
	const tb = b.state.route.creationTimestamp || '\uffff';
	const ka = `${a.state.route.namespace}/${a.state.route.name}`;
	const kb = `${b.state.route.namespace}/${b.state.route.name}`;
	return (
		compareKeys(hostSpecificity(a.hostname), hostSpecificity(b.hostname)) ||
		(a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0) ||
		compareKeys(spec(a), spec(b)) ||
		(ta < tb ? -1 : ta > tb ? 1 : 0) ||
		(ka < kb ? -1 : ka > kb ? 1 : 0) ||
		a.ruleIndex - b.ruleIndex
	);
}
