/**
 * Where the NetworkPolicies were not read (forbidden, not in the files, still loading), nothing
 * is known of any pod's isolation there: "no policy isolates the pod" would be a claim drawn
 * from an absence. Policies select pods of their own namespace only, so the question is asked
 * per namespace of the pods whose isolation a link needs.
 */
import type { Readability } from '../readable.js';

/** Why the NetworkPolicies of `namespaces` are not known, or undefined when all were read. */
export function policiesUnknown(readable: Readability, namespaces: Iterable<string>): string | undefined {
	const unread = [...new Set(namespaces)].filter((ns) => !readable.canRead('networkpolicies', ns)).sort();
	if (unread.length === 0) return undefined;
	if (readable.notInInput('networkpolicies')) return 'the input holds no NetworkPolicy';
	if (readable.state('networkpolicies', unread[0]) === 'loading') return 'the NetworkPolicies are still being read';
	return `the NetworkPolicies of ${unread.length === 1 ? `namespace ${unread[0]}` : `namespaces ${unread.join(', ')}`} could not be read`;
}

/**
 * A service mesh's authorization, which its proxies enforce on every connection to a meshed pod:
 * Linkerd's and Istio's AuthorizationPolicy, Linkerd's older ServerAuthorization, Kuma's
 * MeshTrafficPermission, Consul's ServiceIntentions. Linkerd's viz extension ships its own.
 */
const meshAuthorizationKinds = new Set(['AuthorizationPolicy', 'ServerAuthorization', 'MeshTrafficPermission', 'ServiceIntentions']);

/**
 * Policy kinds of other APIs the files hold (CiliumNetworkPolicy, Calico's NetworkPolicy and
 * GlobalNetworkPolicy, AdminNetworkPolicy, a mesh's authorization…): kubewire does not model them,
 * and they may admit or refuse what NetworkPolicy alone decides. Counted among the kinds not
 * used, by kind (and group when the kind's name is NetworkPolicy's).
 */
export function otherPolicyKinds(unusedKinds: Readonly<Record<string, number>> | undefined): string[] {
	return Object.entries(unusedKinds ?? {})
		.filter(([kind]) => kind.endsWith('NetworkPolicy') || kind.startsWith('NetworkPolicy.') || meshAuthorizationKinds.has(kind))
		.map(([kind, count]) => `${kind} (${count})`)
		.sort();
}
