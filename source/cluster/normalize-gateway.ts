/**
 * Readers for the Gateway API kinds (gateway.networking.k8s.io v1; v1beta1 and v1alpha2 objects
 * have the same shape for the fields read here): GatewayClass, Gateway, HTTPRoute, GRPCRoute,
 * ReferenceGrant. Like every reader they tolerate missing and mis-typed fields. The API's
 * defaults (group, kind, weight, allowedRoutes `Same`) are left to the model, which says where a
 * default applied; only `weight` is filled in here because the API server always stores it.
 */
import { labelSelector } from './normalize.js';
import { int, isObject, obj, objects, optStr, str, stringMap, strings, type RawObject } from './raw.js';
import type {
	Gateway,
	GatewayClass,
	GatewayListener,
	GatewayRoute,
	Meta,
	ParentRef,
	ReferenceGrant,
	RouteBackendRef,
	RouteFilter,
	RouteMatch,
	RouteRule,
	RouteValueMatch,
	StatusCondition,
	UnmodelledRoute,
} from './snapshot.js';

/**
 * Other projects use the same kind names (Istio's networking.istio.io Gateway): only objects of
 * the Gateway API group are read. Live list items carry no apiVersion and are always of it.
 */
export function isGatewayApi(raw: RawObject): boolean {
	const apiVersion = str(raw['apiVersion']);
	return apiVersion === '' || apiVersion.startsWith('gateway.networking.k8s.io/');
}

function gatewayMeta(raw: RawObject, namespaced: boolean): Meta & { creationTimestamp: string } {
	const m = obj(raw['metadata']);
	return {
		namespace: namespaced ? str(m['namespace']) || 'default' : '',
		name: str(m['name']),
		uid: str(m['uid']),
		labels: stringMap(m['labels']),
		annotations: stringMap(m['annotations']),
		creationTimestamp: str(m['creationTimestamp']),
	};
}

function conditions(value: unknown): StatusCondition[] {
	return objects(value).map((c) => ({ type: str(c['type']), status: str(c['status']), reason: str(c['reason']) }));
}

export function toGatewayClass(raw: RawObject): GatewayClass {
	const { creationTimestamp: _unused, ...m } = gatewayMeta(raw, false);
	const accepted = conditions(obj(raw['status'])['conditions']).find((c) => c.type === 'Accepted');
	return { ...m, controllerName: str(obj(raw['spec'])['controllerName']), ...(accepted ? { accepted } : {}) };
}

function listener(l: RawObject): GatewayListener {
	const allowed = obj(l['allowedRoutes']);
	const namespaces = obj(allowed['namespaces']);
	const tls = obj(l['tls']);
	return {
		name: str(l['name']),
		port: int(l['port']) ?? 0,
		protocol: str(l['protocol']),
		hostname: str(l['hostname']).toLowerCase(),
		allowedFrom: str(namespaces['from']),
		allowedSelector: isObject(namespaces['selector']) ? labelSelector(namespaces['selector']) : undefined,
		allowedKinds: objects(allowed['kinds']).map((k) => ({ group: str(k['group']), kind: str(k['kind']) })),
		certificateRefs: objects(tls['certificateRefs']).map((r) => ({
			group: str(r['group']),
			kind: str(r['kind']),
			namespace: str(r['namespace']),
			name: str(r['name']),
		})),
		tlsMode: str(tls['mode']),
	};
}

export function toGateway(raw: RawObject): Gateway {
	const spec = obj(raw['spec']);
	const status = raw['status'];
	return {
		...gatewayMeta(raw, true),
		gatewayClassName: str(spec['gatewayClassName']),
		listeners: objects(spec['listeners']).map(listener),
		hasStatus: isObject(status),
		conditions: conditions(obj(status)['conditions']),
		listenerStatus: objects(obj(status)['listeners']).map((l) => ({
			name: str(l['name']),
			attachedRoutes: int(l['attachedRoutes']),
			conditions: conditions(l['conditions']),
		})),
	};
}

function parentRef(r: RawObject): ParentRef {
	return {
		group: str(r['group']),
		kind: str(r['kind']),
		namespace: str(r['namespace']),
		name: str(r['name']),
		sectionName: optStr(r['sectionName']),
		port: int(r['port']),
	};
}

function backendRef(r: RawObject): RouteBackendRef {
	const weight = int(r['weight']);
	return {
		group: str(r['group']),
		kind: str(r['kind']),
		namespace: str(r['namespace']),
		name: str(r['name']),
		port: int(r['port']),
		weight: weight === undefined || weight < 0 ? 1 : weight,
	};
}

function valueMatches(value: unknown): RouteValueMatch[] {
	return objects(value).map((m) => ({ type: str(m['type']) || 'Exact', name: str(m['name']), value: str(m['value']) }));
}

function httpMatch(m: RawObject): RouteMatch {
	const path = isObject(m['path']) ? m['path'] : undefined;
	return {
		// The API defaults a path match to PathPrefix "/" when `path` is given without parts.
		path: path ? { type: str(path['type']) || 'PathPrefix', value: str(path['value']) || '/' } : undefined,
		method: optStr(m['method']),
		queryParams: valueMatches(m['queryParams']),
		headers: valueMatches(m['headers']),
	};
}

function grpcMatch(m: RawObject): RouteMatch {
	const method = isObject(m['method']) ? m['method'] : undefined;
	return {
		queryParams: [],
		headers: valueMatches(m['headers']),
		grpc: method ? { type: str(method['type']) || 'Exact', service: str(method['service']), method: str(method['method']) } : undefined,
	};
}

function filter(f: RawObject): RouteFilter {
	const type = str(f['type']);
	if (type !== 'RequestRedirect') return { type };
	const r = obj(f['requestRedirect']);
	const path = isObject(r['path']) ? r['path'] : undefined;
	return {
		type,
		redirect: {
			scheme: optStr(r['scheme']),
			hostname: optStr(r['hostname']),
			port: int(r['port']),
			statusCode: int(r['statusCode']),
			path: path
				? { type: str(path['type']), replaceFullPath: optStr(path['replaceFullPath']), replacePrefixMatch: optStr(path['replacePrefixMatch']) }
				: undefined,
		},
	};
}

function rule(r: RawObject, kind: GatewayRoute['kind']): RouteRule {
	return {
		name: str(r['name']),
		matches: objects(r['matches']).map(kind === 'HTTPRoute' ? httpMatch : grpcMatch),
		filters: objects(r['filters']).map(filter),
		backendRefs: objects(r['backendRefs']).map(backendRef),
	};
}

/** An HTTPRoute or GRPCRoute. */
export function toGatewayRoute(raw: RawObject, kind: GatewayRoute['kind']): GatewayRoute {
	const spec = obj(raw['spec']);
	const status = raw['status'];
	return {
		...gatewayMeta(raw, true),
		kind,
		parentRefs: objects(spec['parentRefs']).map(parentRef),
		hostnames: strings(spec['hostnames']).map((h) => h.toLowerCase()),
		rules: objects(spec['rules']).map((r) => rule(r, kind)),
		hasStatus: isObject(status),
		statusParents: objects(obj(status)['parents']).map((p) => ({ parentRef: parentRef(obj(p['parentRef'])), conditions: conditions(p['conditions']) })),
	};
}

/** The Gateway API route kinds kubewire lists but does not model (see UnmodelledRoute). */
export const unmodelledRouteKinds: ReadonlySet<string> = new Set(['TCPRoute', 'TLSRoute', 'UDPRoute']);

/** A TCPRoute, TLSRoute or UDPRoute: parents, hostnames and backends; `namespace` when it names none. */
export function toUnmodelledRoute(raw: RawObject, kind: string, namespace: string): UnmodelledRoute {
	const spec = obj(raw['spec']);
	const m = obj(raw['metadata']);
	return {
		kind,
		namespace: str(m['namespace']) || namespace,
		name: str(m['name']),
		parentRefs: objects(spec['parentRefs']).map(parentRef),
		hostnames: strings(spec['hostnames']).map((h) => h.toLowerCase()),
		backendRefs: objects(spec['rules']).flatMap((r) => objects(r['backendRefs']).map(backendRef)),
	};
}

export function toReferenceGrant(raw: RawObject): ReferenceGrant {
	const spec = obj(raw['spec']);
	const { creationTimestamp: _unused, ...m } = gatewayMeta(raw, true);
	return {
		...m,
		from: objects(spec['from']).map((f) => ({ group: str(f['group']), kind: str(f['kind']), namespace: str(f['namespace']) })),
		to: objects(spec['to']).map((t) => ({ group: str(t['group']), kind: str(t['kind']), name: str(t['name']) })),
	};
}
