/**
 * A pod as one end of a connection. Its address matters only to ipBlock peers: when the input
 * does not give it (manifests, stand-ins), only a block that covers every address certainly
 * includes it.
 */
import type { Pod } from '../../cluster/snapshot.js';
import type { PolicyEnd } from '../netpol/connection.js';

export function podEnd(pod: Pod): PolicyEnd {
	return pod.podIP ? { pod, ip: pod.podIP } : { pod, anyAddress: true };
}
