/**
 * A listener's own conditions as a conformant controller sets them, from the objects: ResolvedRefs
 * False with InvalidRouteKinds when allowedRoutes.kinds names a kind the protocol cannot carry;
 * RefNotPermitted when a certificateRef points into another namespace without a ReferenceGrant
 * there; InvalidCertificateRef when a certificateRef names a Secret that does not exist. A listener
 * whose certificate cannot be used is not Programmed: it cannot terminate TLS (conformance
 * GatewaySecretMissingReferenceGrant). Secrets and grants are judged only where they were read.
 */
import type { Gateway, GatewayListener, ReferenceGrant } from '../../cluster/snapshot.js';
import type { Readability } from '../readable.js';
import { grantFor, type GrantQuery } from './grants.js';
import { invalidKinds, protocolKinds } from './listeners.js';
import type { Condition } from './status.js';

export interface ListenerCondition {
	type: 'Accepted' | 'ResolvedRefs' | 'Programmed';
	status: Condition['status'];
	reason: string;
}

/** A certificateRef the listener cannot use, and why. */
export interface CertificateProblem {
	/** `ns/name` of the Secret. */
	secret: string;
	reason: 'RefNotPermitted' | 'InvalidCertificateRef';
	/** For RefNotPermitted: the grant that would permit it (for hints). */
	grant?: GrantQuery;
}

/** What the certificate checks read: the input's Secrets and ReferenceGrants, and what could be read. */
export interface CertificateInput {
	referenceGrants: readonly ReferenceGrant[];
	readable: Readability;
	/** model/secrets.ts: false only when judged missing (read, and nothing in the input makes it). */
	secretExists: (namespace: string, name: string, gateway: Gateway) => boolean | undefined;
}

/** certificateRefs of a Secret in the Gateway's namespace (or the ref's) that the input lacks. */
function missingCertificates(gateway: Gateway, listener: GatewayListener, input: Pick<CertificateInput, 'secretExists'>): string[] {
	return listener.certificateRefs
		.filter((r) => r.group === '' && (r.kind === '' || r.kind === 'Secret'))
		.map((r) => ({ ns: r.namespace || gateway.namespace, name: r.name }))
		.filter(({ ns, name }) => input.secretExists(ns, name, gateway) === false)
		.map(({ ns, name }) => `${ns}/${name}`);
}

/** Cross-namespace certificateRefs no ReferenceGrant permits, where the grants there were read. */
function unpermittedCertificates(gateway: Gateway, listener: GatewayListener, grants: readonly ReferenceGrant[], readable: Readability): CertificateProblem[] {
	const out: CertificateProblem[] = [];
	for (const ref of listener.certificateRefs) {
		if (ref.namespace === '' || ref.namespace === gateway.namespace) continue;
		if (!readable.canRead('referencegrants', ref.namespace)) continue;
		const grant: GrantQuery = { fromKind: 'Gateway', fromNamespace: gateway.namespace, toGroup: '', toKind: 'Secret', toNamespace: ref.namespace, toName: ref.name };
		if (!grantFor(grants, grant)) out.push({ secret: `${ref.namespace}/${ref.name}`, reason: 'RefNotPermitted', grant });
	}
	return out;
}

/** Every certificateRef of a TLS-terminating listener that it cannot use: not permitted first, then missing. */
export function certificateProblems(gateway: Gateway, listener: GatewayListener, input: CertificateInput): CertificateProblem[] {
	if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') return [];
	const unpermitted = unpermittedCertificates(gateway, listener, input.referenceGrants, input.readable);
	const missing = missingCertificates(gateway, listener, input).map((secret): CertificateProblem => ({ secret, reason: 'InvalidCertificateRef' }));
	return [...unpermitted, ...missing];
}

/** The listener's conditions, given its certificate problems (certificateProblems). */
export function listenerConditions(listener: GatewayListener, certificates: readonly CertificateProblem[]): ListenerCondition[] {
	// A protocol outside HTTP, HTTPS, TLS, TCP and UDP (Istio's HBONE on a waypoint, a domain-prefixed
	// one) is the implementation's: whether it accepts and programs the listener is not computed.
	if (protocolKinds(listener.protocol).length === 0) return [];
	const badKinds = invalidKinds(listener).length > 0;
	const badCert = badKinds ? undefined : certificates[0];
	const resolved: ListenerCondition = badKinds
		? { type: 'ResolvedRefs', status: 'False', reason: 'InvalidRouteKinds' }
		: badCert
			? { type: 'ResolvedRefs', status: 'False', reason: badCert.reason }
			: { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' };
	return [
		{ type: 'Accepted', status: 'True', reason: 'Accepted' },
		resolved,
		resolved.status === 'True' ? { type: 'Programmed', status: 'True', reason: 'Programmed' } : { type: 'Programmed', status: 'False', reason: 'Invalid' },
	];
}

/** The certificate problem that keeps a listener from terminating TLS, in words. */
export function certificateProblemText(p: CertificateProblem): string {
	return p.reason === 'RefNotPermitted'
		? `certificateRef ${p.secret} is in another namespace and no ReferenceGrant there permits it (RefNotPermitted)`
		: `certificateRef Secret ${p.secret} does not exist (InvalidCertificateRef)`;
}
