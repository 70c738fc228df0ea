/**
 * Whether a Service's pods and endpoints were read, so that a count of them is a fact. While a
 * live cluster's pods are still being listed, or where RBAC forbids them, "0 pods" and "0/0
 * ready" would read like a broken Service; the screens show "…" or "?" instead, and the chain
 * leaves those links unjudged. Findings ask the same questions through RuleContext.
 */
import { weaker, type Readability, type ReadState } from './readable.js';
import type { ServiceWiring } from './wiring.js';

export interface ServiceKnowledge {
	/** The pods the selector matches (`read` when there is no selector to match with). */
	pods: ReadState;
	/** The endpoints, read from EndpointSlices or Endpoints, or derived from pods that were read. */
	endpoints: ReadState;
}

/**
 * One frozen object per pair of states: a live update assembles every Service's knowledge
 * again, and 10,000 equal little objects per update are garbage for nothing.
 */
const pairs = (pods: ReadState): Record<ReadState, ServiceKnowledge> => ({
	read: Object.freeze({ pods, endpoints: 'read' }),
	loading: Object.freeze({ pods, endpoints: 'loading' }),
	unread: Object.freeze({ pods, endpoints: 'unread' }),
});
const knowledge: Record<ReadState, Record<ReadState, ServiceKnowledge>> = { read: pairs('read'), loading: pairs('loading'), unread: pairs('unread') };

export function serviceKnowledge(wiring: ServiceWiring, readable: Readability): ServiceKnowledge {
	if (wiring.externalName) return knowledge.read.read;
	const { namespace, selector } = wiring.service;
	const pods = selector ? readable.state('pods', namespace) : 'read';
	// Endpoints the input holds for this Service were read. Derived ones stand on the pods, and on
	// there being no EndpointSlice for it: a fact only when the slices were read (or the files hold none).
	if (!wiring.endpointsDerived) {
		// No selector: only EndpointSlices (or Endpoints) someone wrote back it, and nothing can be
		// derived in their place. None in the input is a fact only where they could be read (the
		// question KW104 asks); else "0/0" would call a Service empty that may well be backed.
		if (!selector && wiring.endpoints.length === 0) return knowledge[pods][readable.state('endpointslices', namespace)];
		return knowledge[pods].read;
	}
	const slices = readable.notInInput('endpointslices') ? 'read' : readable.state('endpointslices', namespace);
	return knowledge[pods][weaker(slices, pods)];
}
