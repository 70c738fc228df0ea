/**
 * The ordered chain of links from a client to a pod for one Service, with each link's state and
 * the first broken one. STUB: the diagnostics issue fills this in.
 */
import type { Finding } from './findings.js';
import type { ServiceWiring } from './wiring.js';

export type LinkState = 'ok' | 'warning' | 'broken' | 'skipped';

export interface ChainLink {
	/** dns, ingress, service-port, kube-proxy, endpoint, pod, container-port */
	kind: string;
	label: string;
	state: LinkState;
	detail: string;
}

export function chainFor(_wiring: ServiceWiring, _findings: readonly Finding[]): ChainLink[] {
	return [];
}
