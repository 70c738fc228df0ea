/**
 * What an Ingress backend leads to: the Service (same namespace as the Ingress, always), the
 * Service port it names (by number: the Service's `port`, not its targetPort; by name: the
 * Service port's name), and the endpoints behind that port. The controller proxies to the ready
 * ones; with none it answers 503.
 */
import type { Ingress, IngressBackend, PodMaker, ServicePort } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { ruleContextFor, type EndpointsUnjudged } from '../diagnostics/rule.js';
import type { EndpointView } from '../endpoints.js';
import type { ServiceWiring } from '../wiring.js';

export interface BackendTarget {
	/** The Ingress's namespace: a backend never reaches into another one. */
	namespace: string;
	/** '' for a resource backend. */
	service: string;
	/** The port exactly as the backend writes it: a number or a name (undefined when it gives neither). */
	port?: number | string;
	resource?: { apiGroup: string; kind: string; name: string };
	/**
	 * The AWS Load Balancer Controller's convention: a backend whose port is named `use-annotation`
	 * is the action in annotation `alb.ingress.kubernetes.io/actions.<service name>` (a redirect, a
	 * fixed response, weighted target groups), not that Service. The action's name; absent otherwise.
	 */
	action?: string;
}

export interface BackendResolution {
	target: BackendTarget;
	/** False when the Service is not in the input; undefined when Services could not be read there. */
	serviceExists?: boolean;
	wiring?: ServiceWiring;
	/** The Service port the backend names, when the Service has it. */
	servicePort?: ServicePort;
	/** Endpoints behind that Service port (all of them; `ready` says which get traffic). */
	endpoints: EndpointView[];
	readyEndpoints: EndpointView[];
	/** False when the Service's endpoints are not judged (not read, or manifests: known once applied). */
	endpointsKnown: boolean;
	/** Why not, in the words the Service's own rules use (RuleContext.endpointsUnjudged). */
	unjudged?: EndpointsUnjudged;
	/** When unjudged is 'operator': the custom resource whose operator makes the pods. */
	podMaker?: PodMaker;
}

/** The port name that makes a backend an ALB action (kubernetes-sigs/aws-load-balancer-controller's ingress annotations guide). */
const albActionPort = 'use-annotation';

/** `alb.ingress.kubernetes.io/actions.NAME`: where an ALB action backend is written. */
export function albActionAnnotation(action: string): string {
	return `alb.ingress.kubernetes.io/actions.${action}`;
}

export function backendTarget(ingress: Ingress, backend: IngressBackend): BackendTarget {
	if (backend.service) {
		const { number, name } = backend.service.port;
		if (number === undefined && name === albActionPort) return { namespace: ingress.namespace, service: '', action: backend.service.name };
		return { namespace: ingress.namespace, service: backend.service.name, port: number ?? (name || undefined) };
	}
	if (backend.resource) return { namespace: ingress.namespace, service: '', resource: backend.resource };
	return { namespace: ingress.namespace, service: '' };
}

/** `80` or `http`, as the backend writes it; `?` when it names no port. */
export function portText(port: number | string | undefined): string {
	return port === undefined ? '?' : String(port);
}

/** `ns/service:port`, or `Kind name` for a resource backend. */
export function targetText(target: BackendTarget): string {
	if (target.action) return `ALB action ${target.action}`;
	if (target.resource) return `${target.resource.kind || 'resource'} ${target.namespace}/${target.resource.name}`;
	return `${target.namespace}/${target.service}:${portText(target.port)}`;
}

export function findServicePort(ports: readonly ServicePort[], port: number | string | undefined): ServicePort | undefined {
	if (port === undefined) return undefined;
	return typeof port === 'number' ? ports.find((p) => p.port === port) : ports.find((p) => p.name === port);
}

export function resolveBackend(ctx: ModelContext, ingress: Ingress, backend: IngressBackend): BackendResolution {
	const target = backendTarget(ingress, backend);
	const endpointsKnown =
		ctx.readable.canRead('endpointslices', target.namespace) ||
		ctx.readable.canRead('endpoints', target.namespace) ||
		ctx.readable.notInInput('endpointslices');
	const none: BackendResolution = { target, endpoints: [], readyEndpoints: [], endpointsKnown };
	if (target.service === '') return none;
	const wiring = ctx.serviceByKey.get(`${target.namespace}/${target.service}`);
	if (!wiring) {
		return { ...none, serviceExists: ctx.readable.canRead('services', target.namespace) ? false : undefined };
	}
	const servicePort = findServicePort(wiring.service.ports, target.port);
	if (!servicePort) return { ...none, serviceExists: true, wiring };
	// The one endpoint view of that Service port (read, or derived from the pods when the input
	// has no slice), so KW503, KW301 and every table count the same endpoints.
	const endpoints = unique(wiring.ports.find((pw) => pw.port === servicePort)?.endpoints ?? []);
	// The same question the Service's rules ask (KW301 and KW503 stand or fall together): planned
	// or operator-made pods have no endpoints until applied, derived ones stand on the pods read.
	const rc = ruleContextFor(ctx);
	const unjudged = rc.endpointsUnjudged(wiring);
	const podMaker = unjudged === 'operator' ? rc.podMakerOf(wiring) : undefined;
	const known = endpointsKnown && unjudged === undefined;
	return {
		target,
		serviceExists: true,
		wiring,
		servicePort,
		endpoints,
		readyEndpoints: endpoints.filter((ep) => ep.ready),
		endpointsKnown: known,
		...(unjudged ? { unjudged } : {}),
		...(podMaker ? { podMaker } : {}),
	};
}

/** One row per address and port, even when two slices (mid-update) list the same endpoint. */
function unique(endpoints: EndpointView[]): EndpointView[] {
	const seen = new Set<string>();
	return endpoints.filter((ep) => {
		const key = `${ep.ip}:${ep.port ?? ''}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
