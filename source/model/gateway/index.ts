/**
 * The Gateway API view of a snapshot, computed once per model context: for every HTTPRoute and
 * GRPCRoute its parent attachments and backend resolutions, and per Gateway the route
 * attachments by listener. Routing (route.ts), the table (table.ts), the findings (findings.ts)
 * and the chain link (chain-link.ts) all read this one computation.
 */
import type { Gateway, GatewayClass, GatewayListener, GatewayRoute, StatusCondition } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { attachParent, type ParentAttachment } from './attachment.js';
import { resolveBackendRef, type BackendResolution } from './backends.js';
import { certificateProblems, listenerConditions, type CertificateProblem, type ListenerCondition } from './listener-status.js';
import { secretExists } from '../secrets.js';
import { missingGatewayClass, notProgrammedText, type MissingClass } from './programmed.js';
import { backendNamespace, isGatewayParent } from './refs.js';
import { carriedOver } from '../carry-over.js';
import { serviceKey } from '../wiring.js';
import { conditionsOf, disagrees, observedConditions, resolvedRefs, type Condition, type NotJudged, type ResolvedRefs } from './status.js';

export interface ParentStatus extends ParentAttachment {
	/** The conditions computed from the objects (True or False, with a reason the spec defines). */
	conditions: Condition[];
	/** Conditions not computed because what they depend on is not in the input. */
	notJudged: NotJudged[];
	/** What the object's status says for this parentRef, when it has one. */
	observed?: StatusCondition[];
	/** The object's status disagrees with the computed conditions. */
	statusDisagrees: boolean;
	/**
	 * Set when no controller programs the Gateway (programmed.ts): then no one writes this
	 * parentRef's conditions, so `conditions` is empty and this says why.
	 */
	notProgrammed?: string;
}

export interface RouteState {
	route: GatewayRoute;
	/** One per rule, one per backendRef, in order. */
	rules: BackendResolution[][];
	resolvedRefs: ResolvedRefs;
	/** One per parentRef that names a Gateway. */
	parents: ParentStatus[];
}

export interface GatewayState {
	gateway: Gateway;
	/** The GatewayClass, when the input has it; undefined also when GatewayClasses were not read. */
	gatewayClass?: GatewayClass;
	/** Accepted attachments on this Gateway (a route appears once per parentRef that attaches). */
	attachments: ParentStatus[];
	/** The GatewayClass it names and the input lacks: then no controller programs it. */
	missingClass?: MissingClass;
	/** Per listener, its computed conditions and the certificateRefs it cannot use. */
	listenerStatus: Map<GatewayListener, ListenerStatus>;
}

export interface ListenerStatus {
	/** Empty when no controller programs the Gateway: no one writes them. */
	conditions: ListenerCondition[];
	/** certificateRefs the listener cannot use (RefNotPermitted, InvalidCertificateRef): it cannot terminate TLS. */
	certificates: CertificateProblem[];
}

export interface GatewayModel {
	gateways: GatewayState[];
	gatewayByKey: Map<string, GatewayState>;
	routes: RouteState[];
	stateOf: Map<GatewayRoute, RouteState>;
}

const cache = new WeakMap<ModelContext, GatewayModel>();

export function gatewayModel(ctx: ModelContext): GatewayModel {
	const done = cache.get(ctx);
	if (done) return done;
	const s = ctx.snapshot;
	const gateways = new Map(s.gateways.map((g) => [`${g.namespace}/${g.name}`, g] as const));
	const input = {
		gateways,
		namespaces: s.namespaces,
		gatewaysReadable: (ns: string) => ctx.readable.canRead('gateways', ns),
		gatewaysGiven: !ctx.readable.notInInput('gateways'),
	};
	const states: GatewayState[] = s.gateways.map((gateway) => gatewayState(ctx, gateway));
	const gatewayByKey = new Map<string, GatewayState>(states.map((st) => [`${st.gateway.namespace}/${st.gateway.name}`, st]));
	// A live update that carries over (model/carry-over.ts): a route none of whose backendRefs names
	// an affected Service resolves and attaches as it did, so it keeps its state (and findings).
	const carry = carriedOver(ctx);
	const before = carry ? cache.get(carry.previous) : undefined;
	const routes: RouteState[] = [];
	for (const route of [...s.httpRoutes, ...s.grpcRoutes]) {
		const kept = before && !namesAffected(route, carry!.affected) ? before.stateOf.get(route) : undefined;
		if (kept) {
			for (const p of kept.parents) if (p.listeners.length > 0) gatewayByKey.get(p.gatewayKey)?.attachments.push(p);
			routes.push(kept);
			continue;
		}
		const rules = route.rules.map((rule) => rule.backendRefs.map((ref) => resolveBackendRef(ctx, route, ref)));
		const refs = resolvedRefs(rules.flat());
		const parents = route.parentRefs.filter(isGatewayParent).map((parentRef): ParentStatus => {
			const attachment = attachParent(route, parentRef, input);
			const missing = gatewayByKey.get(attachment.gatewayKey)?.missingClass;
			// No controller takes the Gateway, so none writes this parentRef's status: no conditions.
			const { conditions, notJudged } = missing ? { conditions: [], notJudged: [] } : conditionsOf(attachment, refs);
			const observed = route.hasStatus ? observedConditions(route, parentRef) : undefined;
			const notProgrammed = missing ? notProgrammedText(attachment.gatewayKey, missing) : undefined;
			return { ...attachment, conditions, notJudged, observed, statusDisagrees: disagrees(conditions, observed, route.hasStatus), ...(notProgrammed ? { notProgrammed } : {}) };
		});
		for (const p of parents) if (p.listeners.length > 0) gatewayByKey.get(p.gatewayKey)?.attachments.push(p);
		routes.push({ route, rules, resolvedRefs: refs, parents });
	}
	const model = { gateways: states, gatewayByKey, routes, stateOf: new Map(routes.map((r) => [r.route, r] as const)) };
	cache.set(ctx, model);
	return model;
}

function gatewayState(ctx: ModelContext, gateway: Gateway): GatewayState {
	const s = ctx.snapshot;
	const missingClass = missingGatewayClass(ctx, gateway);
	const input = {
		referenceGrants: s.referenceGrants,
		readable: ctx.readable,
		secretExists: (namespace: string, name: string, g: Gateway) => secretExists(ctx, namespace, name, { kind: 'Gateway', namespace: g.namespace, name: g.name, annotations: g.annotations }),
	};
	const listenerStatus = new Map<GatewayListener, ListenerStatus>();
	for (const listener of gateway.listeners) {
		const certificates = certificateProblems(gateway, listener, input);
		listenerStatus.set(listener, { conditions: missingClass ? [] : listenerConditions(listener, certificates), certificates });
	}
	return {
		gateway,
		gatewayClass: s.gatewayClasses.find((c) => c.name === gateway.gatewayClassName),
		attachments: [],
		...(missingClass ? { missingClass } : {}),
		listenerStatus,
	};
}

/** status.listeners[].attachedRoutes as a conformant controller counts it: routes Accepted on the listener. */
export function attachedRoutes(state: GatewayState, listenerName: string): number {
	const routes = new Set<GatewayRoute>();
	for (const a of state.attachments) if (a.listeners.some((l) => l.listener.name === listenerName)) routes.add(a.route);
	return routes.size;
}

/**
 * The backendRefs of a route that carry traffic: resolved to a Service port (across namespaces
 * only with a ReferenceGrant) and with a weight above 0. What the Gateway's pods send to.
 */
export function carryingBackends(state: RouteState): BackendResolution[] {
	return state.rules.flat().filter((b) => b.reason === 'ResolvedRefs' && b.wiring !== undefined && b.servicePort !== undefined && b.ref.weight > 0);
}

/** Whether a backendRef of the route names one of the Services (`ns/name`). */
function namesAffected(route: GatewayRoute, services: ReadonlySet<string>): boolean {
	return route.rules.some((rule) => rule.backendRefs.some((ref) => services.has(serviceKey(backendNamespace(route, ref), ref.name))));
}
