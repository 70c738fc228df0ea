/**
 * Which of two conflicting Services came second. The API server refuses the second claim on a
 * nodePort or a ClusterIP, so when both appear (a merged capture, hand-written manifests) the
 * newer one is the one that cannot be as written: it gets the finding, the older one keeps its
 * claim. Without timestamps the order is by namespace/name, and the message says so.
 */
import type { Service } from '../../cluster/snapshot.js';

export function olderFirst(a: Service, b: Service): number {
	const ta = a.creationTimestamp;
	const tb = b.creationTimestamp;
	if (ta !== '' && tb !== '' && ta !== tb) return ta < tb ? -1 : 1;
	if (ta !== '' && tb === '') return -1;
	if (ta === '' && tb !== '') return 1;
	const ka = `${a.namespace}/${a.name}`;
	const kb = `${b.namespace}/${b.name}`;
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** "created earlier", or how the order was chosen when the input does not say. */
export function orderNote(holder: Service, claimant: Service): string {
	if (holder.creationTimestamp !== '' && claimant.creationTimestamp !== '' && holder.creationTimestamp !== claimant.creationTimestamp) {
		return 'created earlier';
	}
	if (holder.creationTimestamp !== '' && claimant.creationTimestamp === '') return 'already created; this one has no creationTimestamp';
	return 'first by name; the input gives no creation times';
}
