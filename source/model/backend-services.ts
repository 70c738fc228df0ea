/**
 * The Services that a proxy sends to by name: Ingress backends (rules and defaultBackend) and
 * Gateway route backendRefs (HTTPRoute, GRPCRoute, and the listed-only TCPRoute, TLSRoute,
 * UDPRoute). Such a proxy resolves the Service itself and needs the port the backend names to be
 * a port of that Service, even for an ExternalName Service, whose ports kube-proxy ignores.
 * Each set is made once (the Ingresses' per list, which a live update keeps while no Ingress
 * changes; the routes' per snapshot) and only when a rule asks.
 */
import type { Ingress, Snapshot } from '../cluster/snapshot.js';
import { serviceBackendKeys } from './gateway/refs.js';
import { serviceKey } from './wiring.js';

const ingressKeysOf = new WeakMap<readonly Ingress[], Set<string>>();

/** `namespace/service` of every Service an Ingress routes to (rules and default backend). */
export function ingressBackendKeys(ingresses: readonly Ingress[]): ReadonlySet<string> {
	let keys = ingressKeysOf.get(ingresses);
	if (keys) return keys;
	keys = new Set<string>();
	for (const ingress of ingresses) {
		const name = ingress.defaultBackend?.service?.name;
		if (name) keys.add(serviceKey(ingress.namespace, name));
		for (const rule of ingress.rules) {
			for (const path of rule.paths) {
				const target = path.backend.service?.name;
				if (target) keys.add(serviceKey(ingress.namespace, target));
			}
		}
	}
	ingressKeysOf.set(ingresses, keys);
	return keys;
}

const routeKeysOf = new WeakMap<Snapshot, Set<string>>();

/** `namespace/service` of every Service a Gateway route of any kind names as a backendRef. */
function routeBackendKeys(snapshot: Snapshot): ReadonlySet<string> {
	let keys = routeKeysOf.get(snapshot);
	if (keys) return keys;
	keys = new Set<string>();
	for (const route of [...snapshot.httpRoutes, ...snapshot.grpcRoutes]) {
		for (const rule of route.rules) for (const key of serviceBackendKeys(route, rule.backendRefs)) keys.add(key);
	}
	for (const route of snapshot.unmodelledRoutes ?? []) for (const key of serviceBackendKeys(route, route.backendRefs)) keys.add(key);
	routeKeysOf.set(snapshot, keys);
	return keys;
}

/** Some Ingress backend or Gateway route backendRef names the Service `namespace/name`. */
export function namedAsBackend(snapshot: Snapshot, key: string): boolean {
	return ingressBackendKeys(snapshot.ingresses).has(key) || routeBackendKeys(snapshot).has(key);
}
