/**
 * The Gateway API's defaults for references, applied in one place: a parentRef is a Gateway of
 * gateway.networking.k8s.io in the route's namespace unless it says otherwise; a backendRef is a
 * core Service in the route's namespace.
 */
import type { GatewayRoute, ParentRef, RouteBackendRef, Service, Snapshot } from '../../cluster/snapshot.js';

export const gatewayGroup = 'gateway.networking.k8s.io';

/** How a removed API version's `removedIn` names a Gateway API release (its CRDs, not Kubernetes, decide what is served). */
export const gatewayApiRelease = 'Gateway API v';

export function parentGroup(ref: ParentRef): string {
	return ref.group || gatewayGroup;
}

export function parentKind(ref: ParentRef): string {
	return ref.kind || 'Gateway';
}

/**
 * A parentRef to a Service: a mesh route (GAMMA), applied by the service mesh's sidecars or
 * waypoints, not by kube-proxy or a Gateway. Samples often omit `group: ""`; the kind decides.
 */
export function isMeshParent(ref: ParentRef): boolean {
	return parentKind(ref) === 'Service';
}

/** A parentRef to a Gateway (Service parents are mesh routing, which kubewire does not judge). */
export function isGatewayParent(ref: ParentRef): boolean {
	return parentGroup(ref) === gatewayGroup && parentKind(ref) === 'Gateway';
}

export function parentNamespace(route: Pick<GatewayRoute, 'namespace'>, ref: ParentRef): string {
	return ref.namespace || route.namespace;
}

/** `ns/name` of the Gateway a parentRef names. */
export function parentKey(route: Pick<GatewayRoute, 'namespace'>, ref: ParentRef): string {
	return `${parentNamespace(route, ref)}/${ref.name}`;
}

/**
 * The HTTPRoutes and GRPCRoutes with the Service as a mesh parent. A scan: asked for a Service
 * behind which several versions run, or for one Service's chain, both rare.
 */
export function meshRoutesOf(snapshot: Pick<Snapshot, 'httpRoutes' | 'grpcRoutes'>, service: Pick<Service, 'namespace' | 'name'>): GatewayRoute[] {
	const key = `${service.namespace}/${service.name}`;
	return [...snapshot.httpRoutes, ...snapshot.grpcRoutes].filter((route) => route.parentRefs.some((ref) => isMeshParent(ref) && parentKey(route, ref) === key));
}

/** ListenerSet (Gateway API v1.5; XListenerSet before it): listeners added to a Gateway, which kubewire does not model. */
export function isListenerSetKind(kind: string): boolean {
	return kind === 'ListenerSet' || kind === 'XListenerSet';
}

/** A parentRef to a ListenerSet. */
export function isListenerSetParent(ref: ParentRef): boolean {
	return parentGroup(ref) === gatewayGroup && isListenerSetKind(ref.kind);
}

/** `ListenerSet ns/name` for each ListenerSet the route names as a parent. */
export function listenerSetNames(route: Pick<GatewayRoute, 'namespace' | 'parentRefs'>): string[] {
	return route.parentRefs.filter(isListenerSetParent).map((ref) => `${ref.kind} ${parentKey(route, ref)}`);
}

/**
 * The HTTPRoutes and GRPCRoutes that send to the Service and attach through a ListenerSet. A
 * scan, as meshRoutesOf: asked once per Service chain.
 */
export function listenerSetRoutesTo(snapshot: Pick<Snapshot, 'httpRoutes' | 'grpcRoutes'>, service: Pick<Service, 'namespace' | 'name'>): GatewayRoute[] {
	const key = `${service.namespace}/${service.name}`;
	return [...snapshot.httpRoutes, ...snapshot.grpcRoutes].filter(
		(route) => route.parentRefs.some(isListenerSetParent) && route.rules.some((rule) => serviceBackendKeys(route, rule.backendRefs).includes(key)),
	);
}

/** `ns/gateway[/section][:port]`, the parentRef as written. */
export function parentText(route: Pick<GatewayRoute, 'namespace'>, ref: ParentRef): string {
	return `${parentKey(route, ref)}${ref.sectionName ? `/${ref.sectionName}` : ''}${ref.port !== undefined ? `:${ref.port}` : ''}`;
}

export function backendNamespace(route: Pick<GatewayRoute, 'namespace'>, ref: RouteBackendRef): string {
	return ref.namespace || route.namespace;
}

export function isServiceBackend(ref: RouteBackendRef): boolean {
	return ref.group === '' && (ref.kind === '' || ref.kind === 'Service');
}

/** `ns/name` of each Service among the backendRefs, in order (other kinds left out). */
export function serviceBackendKeys(route: Pick<GatewayRoute, 'namespace'>, refs: readonly RouteBackendRef[]): string[] {
	return refs.filter(isServiceBackend).map((ref) => `${backendNamespace(route, ref)}/${ref.name}`);
}

/** `ns/service:port` (or `Kind ns/name` for another kind). */
export function backendText(route: Pick<GatewayRoute, 'namespace'>, ref: RouteBackendRef): string {
	const ns = backendNamespace(route, ref);
	if (!isServiceBackend(ref)) return `${ref.group ? `${ref.group}/` : ''}${ref.kind} ${ns}/${ref.name}`;
	return `${ns}/${ref.name}:${ref.port ?? '?'}`;
}

export function routeText(route: GatewayRoute): string {
	return `${route.kind} ${route.namespace}/${route.name}`;
}
