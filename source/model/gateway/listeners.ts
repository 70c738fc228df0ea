/**
 * What a listener admits (gateway-spec.md §3): route kinds (allowedRoutes.kinds, or the kinds its
 * protocol implies) and route namespaces (allowedRoutes.namespaces.from: Same by default, All, or
 * Selector on the namespace's labels).
 */
import type { Gateway, GatewayListener, Labels, Namespace, RouteGroupKind } from '../../cluster/snapshot.js';
import { matchesLabelSelector } from '../selectors.js';
import { gatewayGroup } from './refs.js';

/** The route kinds a protocol carries; HTTP and HTTPS carry GRPCRoute too where it is supported. */
export function protocolKinds(protocol: string): string[] {
	switch (protocol) {
		case 'HTTP':
		case 'HTTPS':
			return ['HTTPRoute', 'GRPCRoute'];
		case 'TLS':
			return ['TLSRoute'];
		case 'TCP':
			return ['TCPRoute'];
		case 'UDP':
			return ['UDPRoute'];
		default:
			return [];
	}
}

/**
 * status.supportedKinds as a conformant controller computes it: the allowed kinds the protocol
 * carries. Without allowedRoutes.kinds that is the Core kind (HTTPRoute for HTTP/HTTPS); GRPCRoute
 * is admitted too (allowsKind) but reported only by implementations that support it.
 */
export function supportedKinds(listener: GatewayListener): string[] {
	const carried = protocolKinds(listener.protocol);
	if (listener.allowedKinds.length === 0) return carried.slice(0, 1);
	return listener.allowedKinds.filter((k) => (k.group || gatewayGroup) === gatewayGroup && carried.includes(k.kind)).map((k) => k.kind);
}

/** Kinds the listener names that it cannot carry (InvalidRouteKinds). */
export function invalidKinds(listener: GatewayListener): RouteGroupKind[] {
	const carried = protocolKinds(listener.protocol);
	return listener.allowedKinds.filter((k) => (k.group || gatewayGroup) !== gatewayGroup || !carried.includes(k.kind));
}

export function allowsKind(listener: GatewayListener, kind: string): boolean {
	// A domain-prefixed protocol is implementation-specific: do not judge its kinds.
	if (protocolKinds(listener.protocol).length === 0 && listener.protocol.includes('/')) return true;
	if (listener.allowedKinds.length === 0) return protocolKinds(listener.protocol).includes(kind);
	return supportedKinds(listener).includes(kind);
}

/** The label set the API server gives a namespace: its own labels plus kubernetes.io/metadata.name. */
function namespaceLabels(name: string, namespaces: readonly Namespace[]): Labels | undefined {
	const ns = namespaces.find((n) => n.name === name);
	if (!ns) return undefined;
	return { ...ns.labels, 'kubernetes.io/metadata.name': name };
}

/**
 * Whether the listener admits routes from `namespace`. undefined when that cannot be judged: a
 * Selector, and the Namespace object is not in the input (unless the selector asks only for the
 * name label, which the API server always sets).
 */
export function allowsNamespace(gateway: Gateway, listener: GatewayListener, namespace: string, namespaces: readonly Namespace[]): boolean | undefined {
	const from = listener.allowedFrom || 'Same';
	if (from === 'All') return true;
	if (from === 'Same') return namespace === gateway.namespace;
	if (from !== 'Selector' || !listener.allowedSelector) return false;
	const selector = listener.allowedSelector;
	let labels = namespaceLabels(namespace, namespaces);
	if (!labels) {
		const onlyName =
			Object.keys(selector.matchLabels).every((k) => k === 'kubernetes.io/metadata.name') &&
			selector.matchExpressions.every((e) => e.key === 'kubernetes.io/metadata.name');
		if (!onlyName) return undefined;
		labels = { 'kubernetes.io/metadata.name': namespace };
	}
	return matchesLabelSelector(selector, labels);
}

/** `http (HTTP :80, *.example.com)` for messages. */
export function listenerText(listener: GatewayListener): string {
	return `${listener.name} (${listener.protocol} :${listener.port}${listener.hostname ? `, ${listener.hostname}` : ''})`;
}
