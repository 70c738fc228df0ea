/**
 * Which TLS entry serves a host, and whether its Secret is there. The Secret is looked up in the
 * Ingress's own namespace only. A `tls` entry without hosts covers whatever the controller's
 * wildcard setting covers, so it is taken to cover every host of its Ingress.
 */
import type { Ingress, IngressTLS } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { secretExists } from '../secrets.js';
import { hostsOverlap } from './host.js';

export interface TlsBinding {
	/** '' when the entry terminates TLS on SNI alone, without a Secret. */
	secretName: string;
	/** The namespace the Secret must be in (the Ingress's). */
	namespace: string;
	/** Undefined when Secrets could not be read in that namespace, or the input holds what will make it (cert-manager). */
	exists?: boolean;
	/** The Ingress whose tls entry this is. */
	ingress: Ingress;
}

export function tlsEntryCovers(entry: IngressTLS, host: string): boolean {
	if (entry.hosts.length === 0) return true;
	return host !== '' && entry.hosts.some((h) => hostsOverlap(h, host));
}

/**
 * The first tls entry of the Ingress that covers the host, as a binding. A request with no host
 * rule to match (a rule without host, the defaultBackend) is served with an entry that lists no
 * hosts: such an entry takes the controller's wildcard host setting (the Ingress API's words).
 */
export function tlsFor(ctx: ModelContext, ingress: Ingress, host: string): TlsBinding | undefined {
	const entry = host === '' ? ingress.tls.find((t) => t.hosts.length === 0) : ingress.tls.find((t) => tlsEntryCovers(t, host));
	if (!entry) return undefined;
	return {
		secretName: entry.secretName,
		namespace: ingress.namespace,
		exists: entry.secretName === '' ? true : secretExists(ctx, ingress.namespace, entry.secretName, ingressRequester(ingress)),
		ingress,
	};
}

/** The Ingress as the one that names a Secret: cert-manager's annotation on it makes the Secret. */
export function ingressRequester(ingress: Ingress): { kind: string; namespace: string; name: string; annotations: Ingress['annotations'] } {
	return { kind: 'Ingress', namespace: ingress.namespace, name: ingress.name, annotations: ingress.annotations };
}
