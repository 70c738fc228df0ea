/**
 * The order in which a controller reads Ingresses, which decides who wins when two claim the
 * same host and path. The spec names no winner; ingress-nginx processes Ingresses oldest first
 * (creationTimestamp ascending, equal timestamps by `namespace/name` descending) and keeps the
 * first rule it sees. kubewire uses the same order everywhere (route answers, KW506), so the
 * Ingress a warning calls shadowed is the one that really gets no traffic.
 */
import type { Ingress } from '../../cluster/snapshot.js';

export function compareIngressAge(a: Ingress, b: Ingress): number {
	const ta = a.creationTimestamp ?? '';
	const tb = b.creationTimestamp ?? '';
	if (ta !== tb) return ta < tb ? -1 : 1;
	const ka = `${a.namespace}/${a.name}`;
	const kb = `${b.namespace}/${b.name}`;
	return ka < kb ? 1 : ka > kb ? -1 : 0;
}

export function oldestFirst(ingresses: readonly Ingress[]): Ingress[] {
	return [...ingresses].sort(compareIngressAge);
}
