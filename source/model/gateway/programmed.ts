/**
 * Whether anyone programs a Gateway: a Gateway whose gatewayClassName names no GatewayClass is
 * taken by no controller, so nothing listens on its address and nothing writes its status or its
 * routes' status (gateway-spec.md §4: conditions come from the Gateway's controller). KW704 and
 * `route` both read this one judgement.
 */
import type { Gateway } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { editDistance } from '../edit-distance.js';

export interface MissingClass {
	/** The gatewayClassName as written ('' when empty). */
	className: string;
	/** The GatewayClasses the input does hold, sorted. */
	known: string[];
	/** A class its controller makes at run time whose name is one slip from the one written (`istoi` → `istio`). */
	meant?: string;
}

const controllerMade = ['istio', 'istio-remote', 'istio-waypoint', 'istio-east-west'];

/**
 * GatewayClasses a controller creates itself once it runs, so files never hold them: istiod makes
 * `istio` and, with their features on, `istio-remote`, `istio-waypoint`, `istio-east-west` and the
 * agentgateway ones (istio/istio pilot/pkg/config/kube/gatewaycommon/classinfo.go,
 * pkg/config/constants/constants.go); GKE installs its `gke-l7-…` classes with the Gateway API.
 */
function madeByItsController(className: string): boolean {
	return /^istio(-remote|-waypoint|-east-west|-agentgateway|-agentgateway-waypoint)?$/.test(className) || className.startsWith('gke-l7-');
}

/**
 * The class a Gateway names but the input lacks. An app's manifests rarely carry the GatewayClass
 * (the controller installs it): judged only when the input holds GatewayClasses at all, or was
 * read live, and GatewayClasses could be read; in files, not for a class its controller makes
 * at run time (files with another controller's class beside Istio's samples are not a cluster
 * without Istio).
 */
export function missingGatewayClass(ctx: ModelContext, gateway: Gateway): MissingClass | undefined {
	const classes = ctx.snapshot.gatewayClasses;
	const live = ctx.snapshot.origin.kind === 'live';
	const judged = ctx.readable.canRead('gatewayclasses') && (classes.length > 0 || live);
	if (!judged || classes.some((c) => c.name === gateway.gatewayClassName)) return undefined;
	if (!live && madeByItsController(gateway.gatewayClassName)) return undefined;
	const meant = controllerMade.find((name) => editDistance(name, gateway.gatewayClassName) <= 2);
	return { className: gateway.gatewayClassName, known: classes.map((c) => c.name).sort(), ...(meant ? { meant } : {}) };
}

/** Why no controller programs the Gateway, in words (for route answers and the gateways report). */
export function notProgrammedText(key: string, missing: MissingClass): string {
	return `Gateway ${key} is not programmed: gatewayClassName ${missing.className || '(empty)'} names no GatewayClass (GatewayClasses: ${missing.known.join(', ') || 'none'}), so no controller takes it`;
}
