/**
 * The Gateway API route kinds kubewire does not model (TCPRoute, TLSRoute, UDPRoute): which
 * listeners carry only those, and which such routes in the input name a listener or a Service.
 * Listed so that a TCP listener does not read "no route attached" and a Service behind a TCPRoute
 * does not read "no Gateway route" when the route is simply of a kind kubewire does not judge.
 * Nothing here is judged: attachment rules, hostnames and ports of these kinds are not checked.
 */
import type { Gateway, GatewayListener, Service, Snapshot, UnmodelledRoute } from '../../cluster/snapshot.js';
import { supportedKinds } from './listeners.js';
import { isGatewayParent, parentKey, serviceBackendKeys } from './refs.js';

const modelledKinds: ReadonlySet<string> = new Set(['HTTPRoute', 'GRPCRoute']);

/** The route kinds the listener carries when none of them is modelled (TCPRoute on a TCP listener); empty otherwise. */
export function unmodelledKindsOf(listener: GatewayListener): string[] {
	const kinds = supportedKinds(listener);
	return kinds.some((kind) => modelledKinds.has(kind)) ? [] : kinds;
}

/** The input's unmodelled routes of a kind the listener carries whose parentRefs pick it (by name, and by sectionName and port when given). */
export function unmodelledRoutesOn(snapshot: Pick<Snapshot, 'unmodelledRoutes'>, gateway: Gateway, listener: GatewayListener): UnmodelledRoute[] {
	const kinds = unmodelledKindsOf(listener);
	const key = `${gateway.namespace}/${gateway.name}`;
	return (snapshot.unmodelledRoutes ?? []).filter(
		(route) =>
			kinds.includes(route.kind) &&
			route.parentRefs.some(
				(ref) => isGatewayParent(ref) && parentKey(route, ref) === key && (ref.sectionName === undefined || ref.sectionName === listener.name) && (ref.port === undefined || ref.port === listener.port),
			),
	);
}

/** The input's unmodelled routes with a backendRef to the Service. A scan: asked once per Service chain, and such routes are few. */
export function unmodelledRoutesTo(snapshot: Pick<Snapshot, 'unmodelledRoutes'>, service: Pick<Service, 'namespace' | 'name'>): UnmodelledRoute[] {
	const key = `${service.namespace}/${service.name}`;
	return (snapshot.unmodelledRoutes ?? []).filter((route) => serviceBackendKeys(route, route.backendRefs).includes(key));
}

/** The attachedRoutes the controller wrote in the Gateway's status for this listener, when it wrote one. */
export function statusAttachedRoutes(gateway: Gateway, listener: GatewayListener): number | undefined {
	return gateway.listenerStatus.find((l) => l.name === listener.name)?.attachedRoutes;
}
