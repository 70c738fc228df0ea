/**
 * Whether anyone programs a Gateway: a Gateway whose gatewayClassName names no GatewayClass is
 * taken by no controller, so nothing listens on its address and nothing writes its status or its
 * routes' status (gateway-spec.md §4: conditions come from the Gateway's controller). KW704 and
 * `route` both read this one judgement.
 */
import type { Gateway } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';

export interface MissingClass {
	/** The gatewayClassName as written ('' when empty). */
	className: string;
	/** The GatewayClasses the input does hold, sorted. */
	known: string[];
}

/**
 * The class a Gateway names but the input lacks. An app's manifests rarely carry the GatewayClass
 * (the controller installs it): judged only when the input holds GatewayClasses at all, or was
 * read live, and GatewayClasses could be read.
 */
export function missingGatewayClass(ctx: ModelContext, gateway: Gateway): MissingClass | undefined {
	const classes = ctx.snapshot.gatewayClasses;
	const judged = ctx.readable.canRead('gatewayclasses') && (classes.length > 0 || ctx.snapshot.origin.kind === 'live');
	if (!judged || classes.some((c) => c.name === gateway.gatewayClassName)) return undefined;
	return { className: gateway.gatewayClassName, known: classes.map((c) => c.name).sort() };
}

/** Why no controller programs the Gateway, in words (for route answers and the gateways report). */
export function notProgrammedText(key: string, missing: MissingClass): string {
	return `Gateway ${key} is not programmed: gatewayClassName ${missing.className || '(empty)'} names no GatewayClass (GatewayClasses: ${missing.known.join(', ') || 'none'}), so no controller takes it`;
}
