/**
 * The records cluster DNS serves for a Service (Kubernetes DNS-based service discovery).
 * STUB: the diagnostics issue fills this in; until then no record is computed.
 */
import type { ServiceWiring } from './wiring.js';

export interface DnsRecord {
	name: string;
	type: 'A' | 'AAAA' | 'SRV' | 'CNAME';
	value: string;
}

export function dnsRecords(_wiring: ServiceWiring, _clusterDomain: string): DnsRecord[] {
	return [];
}
