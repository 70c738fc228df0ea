/**
 * Whether anyone programs a Gateway: a Gateway whose gatewayClassName names no GatewayClass, or
 * one whose status says no controller accepted it, is taken by no controller, so nothing listens
 * on its address and nothing writes its status or its routes' status (gateway-spec.md §4:
 * conditions come from the Gateway's controller). KW704 and `route` both read this one judgement.
 */
import type { Gateway, GatewayClass } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { editDistance } from '../edit-distance.js';

export interface MissingClass {
	/** The gatewayClassName as written ('' when empty). */
	className: string;
	/** The GatewayClasses the input does hold, sorted. */
	known: string[];
	/** A class its controller makes at run time whose name is one slip from the one written (`istoi` → `istio`). */
	meant?: string;
	/**
	 * Set when the class exists but its status says no controller accepted it: Accepted Unknown
	 * with reason Pending is the API server's default, so no controller for `controllerName` ever
	 * acted on it (none runs); Accepted False is the controller refusing it.
	 */
	notAccepted?: { controllerName: string; status: string; reason: string; accepted: string[] };
}

/**
 * GatewayClasses a controller creates itself once it runs, so files never hold them: istiod makes
 * `istio` and, with their features on, `istio-remote`, `istio-waypoint`, `istio-east-west` and the
 * agentgateway ones (istio/istio pilot/pkg/config/kube/gatewaycommon/classinfo.go,
 * pkg/config/constants/constants.go); GKE installs its `gke-l7-…` classes with the Gateway API.
 */
const istioClasses = ['istio', 'istio-remote', 'istio-waypoint', 'istio-east-west', 'istio-agentgateway', 'istio-agentgateway-waypoint'];

function madeByItsController(className: string): boolean {
	return istioClasses.includes(className) || className.startsWith('gke-l7-');
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
	const own = classes.find((c) => c.name === gateway.gatewayClassName);
	if (own) return notAcceptedClass(own, classes);
	if (!judged) return undefined;
	if (!live && madeByItsController(gateway.gatewayClassName)) return undefined;
	const meant = istioClasses.find((name) => editDistance(name, gateway.gatewayClassName) <= 2);
	return { className: gateway.gatewayClassName, known: classes.map((c) => c.name).sort(), ...(meant ? { meant } : {}) };
}

/**
 * A class whose status (live, or a capture) says no controller accepted it. Without status
 * (manifests) nothing is judged: whether its controller runs is not in the input.
 */
function notAcceptedClass(own: GatewayClass, classes: readonly GatewayClass[]): MissingClass | undefined {
	const c = own.accepted;
	if (!c || c.status === 'True') return undefined;
	const accepted = classes.filter((k) => k.accepted?.status === 'True').map((k) => k.name).sort();
	return { className: own.name, known: classes.map((k) => k.name).sort(), notAccepted: { controllerName: own.controllerName, status: c.status || 'Unknown', reason: c.reason, accepted } };
}

/** What is wrong with the class, in a few words: `no GatewayClass x`, or its Accepted condition. */
export function classProblemShort(missing: MissingClass): string {
	const n = missing.notAccepted;
	return n ? `GatewayClass ${missing.className} Accepted=${n.status}${n.reason ? `/${n.reason}` : ''}` : `no GatewayClass ${missing.className || '(empty)'}`;
}

/** Why the class takes no Gateway, as a clause: it names none, no controller accepted it, or its controller refused it. */
export function classProblemText(missing: MissingClass): string {
	const n = missing.notAccepted;
	if (!n) return `gatewayClassName ${missing.className || '(empty)'} names no GatewayClass (GatewayClasses: ${missing.known.join(', ') || 'none'})`;
	const said = `Accepted=${n.status}${n.reason ? `/${n.reason}` : ''}`;
	return n.status === 'False'
		? `GatewayClass ${missing.className} was refused by its controller (status ${said})`
		: `GatewayClass ${missing.className} was never accepted by a controller (status ${said}, the API server's default: no controller for ${n.controllerName || 'its controllerName'} runs)`;
}

/** Why no controller programs the Gateway, in words (for route answers and the gateways report). */
export function notProgrammedText(key: string, missing: MissingClass): string {
	return `Gateway ${key} is not programmed: ${classProblemText(missing)}, so no controller takes it`;
}
