/**
 * The ready endpoints behind a route backend (a Service port). This is the one place the Gateway
 * code reads endpoints, through the same served-endpoint view the Ingress code and KW301 use, so
 * the three never disagree; when that view moves, only this function changes.
 */
import type { ServicePort } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { ruleContextFor, type EndpointsUnjudged } from '../diagnostics/rule.js';
import { servesPort, type ServedEndpoint } from '../diagnostics/served-endpoints.js';
import type { ServiceWiring } from '../wiring.js';

export interface BackendEndpoints {
	/** False when the endpoints (or the pods they would come from) could not be read, or the pods are only planned. */
	known: boolean;
	/** Why they are not known, as RuleContext.endpointsUnjudged says. */
	unjudged?: EndpointsUnjudged;
	/** Whether they were derived from pods (the input has no EndpointSlice for the Service). */
	derived: boolean;
	all: ServedEndpoint[];
	ready: ServedEndpoint[];
}

export function backendEndpoints(ctx: ModelContext, wiring: ServiceWiring, port: ServicePort): BackendEndpoints {
	const rc = ruleContextFor(ctx);
	const served = rc.served(wiring);
	const all = served.list.filter((ep) => servesPort(ep, port));
	// The Service rules' own question (KW301, KW503 and KW706 stand or fall together): planned or
	// operator-made pods are neither ready nor unready, and unread ones say nothing.
	const unjudged = wiring.externalName ? undefined : rc.endpointsUnjudged(wiring);
	return {
		known: unjudged === undefined && !wiring.externalName,
		...(unjudged ? { unjudged } : {}),
		derived: served.derived,
		all,
		ready: all.filter((ep) => ep.ready),
	};
}
