/**
 * What `check` could not judge of the Gateway API routes: conditions that depend on what the
 * input does not hold (a cross-namespace backendRef when no ReferenceGrant is given, a Gateway not
 * read), the routes of kinds kubewire lists without modelling, and the routes a service mesh
 * applies (a Service parent) or a ListenerSet carries. "No problems found" must not
 * read as if these were checked.
 */
import type { ModelContext } from '../context.js';
import { gatewayModel } from './index.js';
import { isListenerSetParent, isMeshParent } from './refs.js';

export interface GatewayUnjudged {
	/** HTTPRoutes/GRPCRoutes with a condition not judged, and the first reason. */
	routes: number;
	firstWhy?: string;
	/** TCPRoutes, TLSRoutes and UDPRoutes in the input, by kind ("TCPRoute (2)"). */
	unmodelled: string[];
	/** HTTPRoutes/GRPCRoutes with a Service parent (GAMMA): a service mesh applies them, kubewire does not judge them. */
	mesh: number;
	/** HTTPRoutes/GRPCRoutes attached through a ListenerSet, which kubewire does not model. */
	listenerSets: number;
}

export function gatewayUnjudged(ctx: ModelContext, inScope: (namespace: string) => boolean): GatewayUnjudged {
	const routes = gatewayModel(ctx).routes.filter((r) => inScope(r.route.namespace) && r.parents.some((p) => p.notJudged.length > 0));
	const firstWhy = routes[0]?.parents.find((p) => p.notJudged.length > 0)?.notJudged[0]?.why;
	const kinds = new Map<string, number>();
	for (const route of ctx.snapshot.unmodelledRoutes ?? []) if (inScope(route.namespace)) kinds.set(route.kind, (kinds.get(route.kind) ?? 0) + 1);
	const own = [...ctx.snapshot.httpRoutes, ...ctx.snapshot.grpcRoutes].filter((r) => inScope(r.namespace));
	const mesh = own.filter((r) => r.parentRefs.some(isMeshParent)).length;
	const listenerSets = own.filter((r) => r.parentRefs.some(isListenerSetParent)).length;
	return { routes: routes.length, firstWhy, unmodelled: [...kinds].sort().map(([kind, n]) => `${kind} (${n})`), mesh, listenerSets };
}
