/**
 * A listener's own conditions as a conformant controller sets them, from the objects: ResolvedRefs
 * False with InvalidRouteKinds when allowedRoutes.kinds names a kind the protocol cannot carry,
 * or InvalidCertificateRef when a certificateRef names a Secret that does not exist (then the
 * listener is not Programmed either). Secrets are judged only where they were read.
 */
import type { Gateway, GatewayListener, Secret } from '../../cluster/snapshot.js';
import type { Readability } from '../readable.js';
import { invalidKinds } from './listeners.js';
import type { Condition } from './status.js';

export interface ListenerCondition {
	type: 'Accepted' | 'ResolvedRefs' | 'Programmed';
	status: Condition['status'];
	reason: string;
}

/** certificateRefs of a Secret in the Gateway's namespace (or the ref's) that the input lacks. */
export function missingCertificates(gateway: Gateway, listener: GatewayListener, secrets: readonly Secret[], readable: Readability): string[] {
	return listener.certificateRefs
		.filter((r) => r.group === '' && (r.kind === '' || r.kind === 'Secret'))
		.map((r) => ({ ns: r.namespace || gateway.namespace, name: r.name }))
		.filter(({ ns, name }) => readable.canRead('secrets', ns) && !secrets.some((s) => s.namespace === ns && s.name === name))
		.map(({ ns, name }) => `${ns}/${name}`);
}

export function listenerConditions(gateway: Gateway, listener: GatewayListener, secrets: readonly Secret[], readable: Readability): ListenerCondition[] {
	const badKinds = invalidKinds(listener).length > 0;
	const badCert = !badKinds && missingCertificates(gateway, listener, secrets, readable).length > 0;
	const resolved: ListenerCondition = badKinds
		? { type: 'ResolvedRefs', status: 'False', reason: 'InvalidRouteKinds' }
		: badCert
			? { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef' }
			: { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' };
	return [
		{ type: 'Accepted', status: 'True', reason: 'Accepted' },
		resolved,
		resolved.status === 'True' ? { type: 'Programmed', status: 'True', reason: 'Programmed' } : { type: 'Programmed', status: 'False', reason: 'Invalid' },
	];
}
