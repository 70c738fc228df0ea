/**
 * Route attachment (gateway-spec.md §4): for each parentRef that names a Gateway, the listeners
 * it selects (sectionName, port), which of those admit the route (kind, namespace) and what
 * hostnames it serves on each (§5). The Accepted condition follows, with the first reason a
 * conformant controller would give in the order NoMatchingParent, NotAllowedByListeners,
 * NoMatchingListenerHostname. Computed from the objects, never copied from their status.
 */
import type { Gateway, GatewayListener, GatewayRoute, Namespace, ParentRef } from '../../cluster/snapshot.js';
import { formatLabels, formatLabelSelector } from '../selectors.js';
import { intersectHostnames } from './hostnames.js';
import { allowsKind, allowsNamespace, listenerText } from './listeners.js';
import { parentKey, parentNamespace } from './refs.js';

export type AcceptedReason = 'Accepted' | 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname';

export interface ListenerAttachment {
	listener: GatewayListener;
	/** The hostnames the route serves on this listener; [''] = every host. */
	hostnames: string[];
}

export interface ParentAttachment {
	route: GatewayRoute;
	parentRef: ParentRef;
	/** `ns/name` of the Gateway. */
	gatewayKey: string;
	gateway?: Gateway;
	/** undefined when it cannot be judged (the Gateway's namespace could not be read, a Selector on an unknown namespace). */
	accepted?: boolean;
	reason?: AcceptedReason;
	/** What is missing, in words, for KW701 (empty when accepted). */
	detail: string;
	/** What to change, for KW701's hint. */
	fix: string;
	/** Why acceptance is not judged, when the Gateway could not be read or was not given. */
	unjudged?: string;
	/** Listeners that took the route. */
	listeners: ListenerAttachment[];
}

export interface AttachmentInput {
	gateways: Map<string, Gateway>;
	namespaces: readonly Namespace[];
	/** Whether Gateways in a namespace were read. */
	gatewaysReadable(namespace: string): boolean;
	/** False when the input (files) holds no Gateway at all: an app's routes without the platform's Gateway. */
	gatewaysGiven: boolean;
}

export function attachParent(route: GatewayRoute, parentRef: ParentRef, input: AttachmentInput): ParentAttachment {
	const gatewayKey = parentKey(route, parentRef);
	const base = { route, parentRef, gatewayKey, listeners: [] as ListenerAttachment[] };
	const gateway = input.gateways.get(gatewayKey);
	if (!gateway) {
		const ns = parentNamespace(route, parentRef);
		if (!input.gatewaysReadable(ns)) {
			return { ...base, detail: '', fix: '', unjudged: input.gatewaysGiven ? `Gateways in namespace ${ns} were not read` : 'the input holds no Gateway' };
		}
		// Most often the route sits in another namespace than its Gateway and the parentRef names none.
		const sameName = [...input.gateways.values()].filter((g) => g.name === parentRef.name).map((g) => `${g.namespace}/${g.name}`).sort();
		const others = sameName.length > 0 ? sameName : [...input.gateways.keys()].sort();
		return {
			...base,
			accepted: false,
			reason: 'NoMatchingParent',
			detail: `Gateway ${gatewayKey} does not exist${others.length > 0 ? `; Gateways in the input: ${others.slice(0, 4).join(', ')}${others.length > 4 ? ', …' : ''}` : ''}`,
			fix:
				sameName.length > 0
					? `set the parentRef's namespace to ${sameName[0]!.split('/')[0]} (its listeners must allow routes from ${route.namespace}), or create Gateway ${gatewayKey}`
					: `create Gateway ${gatewayKey} or point the parentRef at an existing Gateway`,
		};
	}
	const withGateway = { ...base, gateway };
	const selected = gateway.listeners.filter(
		(l) => (parentRef.sectionName === undefined || l.name === parentRef.sectionName) && (parentRef.port === undefined || l.port === parentRef.port),
	);
	if (selected.length === 0) {
		const wanted = [parentRef.sectionName !== undefined ? `sectionName ${parentRef.sectionName}` : '', parentRef.port !== undefined ? `port ${parentRef.port}` : '']
			.filter(Boolean)
			.join(' and ');
		const names = gateway.listeners.map(listenerText).join(', ') || 'none';
		return {
			...withGateway,
			accepted: false,
			reason: 'NoMatchingParent',
			detail: `no listener of Gateway ${gatewayKey} has ${wanted || 'a listener at all'} (listeners: ${names})`,
			fix: gateway.listeners[0]
				? `set sectionName to one of ${gateway.listeners.map((l) => l.name).join(', ')}, or add a listener named ${parentRef.sectionName ?? '…'} to the Gateway`
				: `add a listener to Gateway ${gatewayKey}`,
		};
	}
	let unknown = false;
	const kindOk = selected.filter((l) => allowsKind(l, route.kind));
	const admitted = kindOk.filter((l) => {
		const ok = allowsNamespace(gateway, l, route.namespace, input.namespaces);
		if (ok === undefined) unknown = true;
		return ok !== false;
	});
	if (admitted.length === 0) {
		const first = selected[0]!;
		const byKind = kindOk.length === 0;
		return {
			...withGateway,
			accepted: false,
			reason: 'NotAllowedByListeners',
			detail: byKind
				? `listener ${listenerText(first)} does not allow ${route.kind}s (allowedRoutes.kinds)`
				: `listener ${listenerText(first)} allows routes from ${fromText(first, gateway)} only, not from namespace ${route.namespace}`,
			fix: byKind
				? `add kind ${route.kind} to allowedRoutes.kinds of listener ${first.name}`
				: namespaceFix(first, gateway, gatewayKey, route.namespace),
		};
	}
	const listeners: ListenerAttachment[] = [];
	for (const listener of admitted) {
		const hostnames = intersectHostnames(listener.hostname, route.hostnames);
		if (hostnames.length > 0) listeners.push({ listener, hostnames });
	}
	if (listeners.length === 0) {
		const names = admitted.map((l) => `${l.name}: ${l.hostname || '(any host)'}`).join(', ');
		const suggestion = admitted.find((l) => l.hostname !== '')?.hostname ?? '';
		return {
			...withGateway,
			accepted: false,
			reason: 'NoMatchingListenerHostname',
			detail: `route hostnames ${route.hostnames.join(', ')} do not intersect the listener hostnames (${names})`,
			fix: suggestion
				? `add a hostname the listener covers (e.g. ${suggestion.startsWith('*.') ? `app${suggestion.slice(1)}` : suggestion}) to the route, or widen listener ${admitted[0]!.name}'s hostname`
				: 'make the route hostnames fit a listener hostname',
		};
	}
	return { ...withGateway, accepted: unknown ? undefined : true, reason: unknown ? undefined : 'Accepted', detail: '', fix: '', listeners };
}

function fromText(listener: GatewayListener, gateway: Gateway): string {
	const from = listener.allowedFrom || 'Same';
	if (from === 'Same') return `its own namespace ${gateway.namespace} (allowedRoutes defaults to Same)`;
	if (from === 'Selector') return listener.allowedSelector ? `namespaces matching ${formatLabelSelector(listener.allowedSelector)}` : 'namespaces matching its selector';
	return `${from}`;
}

/**
 * What lets the route's namespace in. Under `Same`, moving the route beside the Gateway does; under
 * a Selector, it does only if the Gateway's namespace matches, so the fix is the namespace's
 * labels (or, for a selector on kubernetes.io/metadata.name, which the API server sets, the selector).
 */
function namespaceFix(listener: GatewayListener, gateway: Gateway, gatewayKey: string, namespace: string): string {
	const where = `listener ${listener.name} of Gateway ${gatewayKey}`;
	const selector = listener.allowedSelector;
	if ((listener.allowedFrom || 'Same') !== 'Selector' || !selector) {
		return `set allowedRoutes.namespaces.from: All (or a Selector matching namespace ${namespace}) on ${where}, or move the route into namespace ${gateway.namespace}`;
	}
	const byName = Object.keys(selector.matchLabels).includes(nameLabel) || selector.matchExpressions.some((e) => e.key === nameLabel);
	if (byName) return `add namespace ${namespace} to the allowedRoutes selector of ${where} (it selects by ${nameLabel}), or move the route into a namespace it selects`;
	const labels = formatLabels(selector.matchLabels);
	return labels && selector.matchExpressions.length === 0
		? `label namespace ${namespace} ${labels} (the allowedRoutes selector of ${where}), or move the route into a namespace that carries it`
		: `label namespace ${namespace} to match the allowedRoutes selector of ${where} (${formatLabelSelector(selector)})`;
}

/** The label the API server sets on every namespace to its own name. */
const nameLabel = 'kubernetes.io/metadata.name';
