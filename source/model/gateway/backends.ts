/**
 * What one route backendRef resolves to, as a conformant implementation decides it for the
 * ResolvedRefs condition (gateway-spec.md §8): a Service of the core group (another core kind is
 * InvalidKind; another group's kind is the implementation's to judge), in its namespace or,
 * across namespaces, only with a ReferenceGrant there (RefNotPermitted), that exists and has the
 * port (BackendNotFound). `port` is the Service port.
 */
import type { GatewayRoute, RouteBackendRef, ServicePort } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import type { ServiceWiring } from '../wiring.js';
import { backendEndpoints, type BackendEndpoints } from './endpoints.js';
import { grantFor, type GrantQuery } from './grants.js';
import { backendNamespace, isServiceBackend } from './refs.js';

export type BackendReason = 'ResolvedRefs' | 'InvalidKind' | 'RefNotPermitted' | 'BackendNotFound';

export interface BackendResolution {
	ref: RouteBackendRef;
	namespace: string;
	/** ResolvedRefs when the reference is good; undefined when what it needs was not given or could not be read. */
	reason?: BackendReason;
	/** One phrase naming what is missing (for messages). */
	detail: string;
	/** The grant query a cross-namespace reference needs (for hints). */
	grant?: GrantQuery;
	wiring?: ServiceWiring;
	servicePort?: ServicePort;
	endpoints?: BackendEndpoints;
}

export function resolveBackendRef(ctx: ModelContext, route: GatewayRoute, ref: RouteBackendRef): BackendResolution {
	const namespace = backendNamespace(route, ref);
	const base = { ref, namespace };
	// A kind of the core API other than Service: no implementation routes to Pods or ConfigMaps.
	if (!isServiceBackend(ref) && ref.group === '') {
		return { ...base, reason: 'InvalidKind', detail: `kind ${ref.kind} is not a Service` };
	}
	const kind = ref.kind || 'Service';
	let grant: GrantQuery | undefined;
	if (namespace !== route.namespace) {
		grant = { fromKind: route.kind, fromNamespace: route.namespace, toGroup: ref.group, toKind: kind, toNamespace: namespace, toName: ref.name };
		if (!ctx.readable.canRead('referencegrants', namespace)) {
			const why = ctx.readable.notInInput('referencegrants') ? 'the input holds no ReferenceGrant' : `ReferenceGrants in ${namespace} could not be read`;
			return { ...base, grant, detail: `${why}, so whether one in ${namespace} permits this cross-namespace reference is not judged (without one the Gateway answers 500)` };
		}
		if (!grantFor(ctx.snapshot.referenceGrants, grant)) {
			return { ...base, grant, reason: 'RefNotPermitted', detail: `no ReferenceGrant in ${namespace} lets ${route.kind}s from ${route.namespace} reach ${kind} ${ref.name}` };
		}
	}
	// Another API group's kind (Envoy Gateway's Backend, multicluster ServiceImport, Istio's
	// Hostname…) is implementation-specific (gateway-spec.md §8): the controller decides whether it
	// supports it (InvalidKind) and kubewire models none of them.
	if (!isServiceBackend(ref)) {
		return { ...base, grant, detail: `kind ${ref.group}/${kind} is implementation-specific: whether the Gateway's controller supports it (else InvalidKind, 500) is not judged` };
	}
	const wiring = ctx.serviceByKey.get(`${namespace}/${ref.name}`);
	if (!wiring) {
		if (!ctx.readable.canRead('services', namespace)) {
			const why = ctx.readable.notInInput('services') ? 'the input holds no Service' : `Services in ${namespace} could not be read`;
			return { ...base, grant, detail: `${why}, so whether Service ${namespace}/${ref.name} exists is not judged` };
		}
		return { ...base, grant, reason: 'BackendNotFound', detail: `Service ${namespace}/${ref.name} does not exist` };
	}
	const servicePort = ref.port === undefined ? undefined : wiring.service.ports.find((p) => p.port === ref.port);
	if (!servicePort) {
		const ports = wiring.service.ports.map((p) => String(p.port)).join(', ') || 'none';
		const asTarget = wiring.service.ports.find((p) => p.targetPort === ref.port);
		const why =
			ref.port === undefined
				? 'the backendRef names no port'
				: asTarget
					? `${ref.port} is the targetPort of Service port ${asTarget.port}; a backendRef names the Service port`
					: `Service ${namespace}/${ref.name} has no port ${ref.port} (its ports: ${ports})`;
		return { ...base, grant, wiring, reason: 'BackendNotFound', detail: why };
	}
	return { ...base, grant, wiring, servicePort, reason: 'ResolvedRefs', detail: '', endpoints: backendEndpoints(ctx, wiring, servicePort) };
}
