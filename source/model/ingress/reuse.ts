/**
 * What a live update may keep of the previous routing table (see model/carry-over.ts): an
 * Ingress's rows and findings are made from the Ingress, objects that are not pods (classes,
 * Secrets, policies, the list of Services) and the wiring of the Services it routes to, so an
 * Ingress none of whose backends was affected comes out exactly as before.
 */
import type { Ingress } from '../../cluster/snapshot.js';
import type { CarryOver } from '../carry-over.js';
import type { ModelContext } from '../context.js';
import { serviceKey } from '../wiring.js';
import { claimKey, findConflicts } from './conflicts.js';

export interface RoutingReuse {
	/** The context the previous table and findings were made from. */
	previous: ModelContext;
	/** The Ingresses whose rows and findings are made again; every other one keeps the previous ones. */
	redo: ReadonlySet<Ingress>;
}

/** The reuse a carry-over allows for the Ingresses of a snapshot. */
export function routingReuse(carry: CarryOver, ingresses: readonly Ingress[]): RoutingReuse {
	return { previous: carry.previous, redo: ingressesToRedo(ingresses, carry.affected) };
}

/**
 * The Ingresses to judge again: those routing to an affected Service, and every Ingress holding a
 * rule whose host and path another Ingress claims too (KW506 reaches the rows of both by claim,
 * so they are judged together or not at all).
 */
export function ingressesToRedo(ingresses: readonly Ingress[], affectedServices: ReadonlySet<string>): Set<Ingress> {
	const redo = new Set<Ingress>();
	const contested = new Set<string>();
	for (const { shadowed } of findConflicts(ingresses)) contested.add(claimKey(shadowed.host, shadowed.path, shadowed.pathType));
	for (const ingress of ingresses) {
		const backends = ingress.rules.flatMap((rule) => rule.paths.map((p) => p.backend));
		if (ingress.defaultBackend) backends.push(ingress.defaultBackend);
		const routesToAffected = backends.some((b) => b.service !== undefined && affectedServices.has(serviceKey(ingress.namespace, b.service.name)));
		const claimsContested = contested.size > 0 && ingress.rules.some((rule) => rule.paths.some((p) => contested.has(claimKey(rule.host, p.path, p.pathType))));
		if (routesToAffected || claimsContested) redo.add(ingress);
	}
	return redo;
}
