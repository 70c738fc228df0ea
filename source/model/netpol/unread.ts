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
