/**
 * What each Service rule is handed: the model context plus the few things several rules need,
 * computed once per snapshot (the NetworkPolicy index, each Service's served endpoints) and the
 * readability questions every rule must ask before it speaks.
 */
import type { ModelContext } from '../context.js';
import type { Finding } from '../findings.js';
import { NetworkPolicyIndex } from '../netpol/policy-index.js';
import { kubeProxyNamespace, kubeProxyPresence, type KubeProxyPresence } from '../kube-proxy.js';
import type { LabelSelector, PodMaker } from '../../cluster/snapshot.js';
import { endpointsAwaitApply } from '../planned-pods.js';
import { podMakerFor, podMakerMisnamed } from '../pod-makers.js';
import type { ServiceWiring } from '../wiring.js';
import { isApiServerService, servedEndpoints, type ServedEndpoints } from './served-endpoints.js';

export interface RuleContext {
	model: ModelContext;
	policies: NetworkPolicyIndex;
	/** The Service's endpoints, from its slices or, when the input has none, from its pods. */
	served(wiring: ServiceWiring): ServedEndpoints;
	/** Pods in the namespace were read. */
	podsReadable(namespace: string): boolean;
	/** The Service's endpoints are known: read from objects, or derived from pods that were read. */
	endpointsKnown(wiring: ServiceWiring): boolean;
	/** Why they are not (endpointsKnown is false exactly when this says why), for the chain's words. */
	endpointsUnjudged(wiring: ServiceWiring): EndpointsUnjudged | undefined;
	/**
	 * In a manifest set, the custom resource whose operator makes the pods a Service selects, when
	 * no pod in the input matches: its selector is not judged to match nothing.
	 */
	podMakerOf(wiring: ServiceWiring): PodMaker | undefined;
	/** The same for a NetworkPolicy's podSelector in a namespace. */
	podMakerFor(namespace: string, selector: LabelSelector): PodMaker | undefined;
	/** A pod maker the selector would name but for a slip in its name (manifests only). */
	podMakerMisnamed(namespace: string, selector: LabelSelector): { maker: PodMaker; key: string; value: string } | undefined;
	/** Whether and how the cluster runs kube-proxy (KW801, KW803), found once per snapshot. */
	kubeProxy(): KubeProxyPresence;
}

/**
 * Why no rule judges a Service's endpoints:
 * - 'api-server': the API server publishes its own, and the input holds none;
 * - 'on-apply': the matched pods are planned or carry no status (manifests);
 * - 'operator': a manifest set whose matching pods a custom resource's operator makes;
 * - 'none-selected': a manifest set that holds pods or workloads of the Service's namespace, none
 *   matching its selector: once applied the Service has no endpoints (KW101's to say, so no
 *   endpoint rule repeats it; the proxies in front of it answer 503);
 * - 'nothing-to-derive': a manifest set that holds no pod or workload of the Service's namespace:
 *   they may simply have been left out, so whether any will match is known once applied;
 * - 'unread': the endpoints, or the pods they would be derived from, were not read.
 */
export type EndpointsUnjudged = 'api-server' | 'on-apply' | 'operator' | 'none-selected' | 'nothing-to-derive' | 'unread';

export type ServiceRule = (wiring: ServiceWiring, rc: RuleContext) => Finding[];

const cache = new WeakMap<ModelContext, RuleContext>();

/**
 * A Service's served endpoints depend on its wiring alone, so they are kept per wiring record:
 * a live update keeps the wiring of the Services it did not touch, and with it this view.
 */
const served = new WeakMap<ServiceWiring, ServedEndpoints>();

/** One RuleContext per ModelContext, shared by the diagnostics and the chain view. */
export function ruleContextFor(model: ModelContext): RuleContext {
	let rc = cache.get(model);
	if (rc) return rc;
	const readable = model.readable;
	const capturedByNamespace = new Map<string, boolean>();
	// Is this namespace a capture (its pods carry status) rather than manifests? A namespace with
	// no pod at all is judged by the rest of the input: a capture shows status somewhere. A live
	// cluster, or a `kubewire capture` (which lists pods completely), is never manifests, even
	// where it has no pod at all.
	const wholeCluster = model.snapshot.origin.kind === 'live' || model.snapshot.captured !== undefined;
	const captured = (namespace: string): boolean => {
		if (wholeCluster) return true;
		let hit = capturedByNamespace.get(namespace);
		if (hit === undefined) {
			const pods = model.pods.inNamespace(namespace);
			hit = pods.length > 0 ? pods.some((p) => p.hasStatus) : model.podsCarryStatus;
			capturedByNamespace.set(namespace, hit);
		}
		return hit;
	};
	let presence: KubeProxyPresence | undefined;
	rc = {
		model,
		policies: new NetworkPolicyIndex(model.snapshot),
		kubeProxy() {
			return (presence ??= kubeProxyPresence(model.snapshot, readable, model.pods.inNamespace(kubeProxyNamespace)));
		},
		served(wiring) {
			let hit = served.get(wiring);
			if (!hit) {
				hit = servedEndpoints(wiring);
				served.set(wiring, hit);
			}
			return hit;
		},
		podsReadable: (namespace) => readable.canRead('pods', namespace),
		endpointsKnown: (wiring) => rc!.endpointsUnjudged(wiring) === undefined,
		endpointsUnjudged(wiring) {
			const { namespace, name } = wiring.service;
			if (isApiServerService(wiring.service) && !model.endpoints.hasAny(namespace, name)) return 'api-server';
			// Planned pods (and Pod manifests) get their endpoints when applied: nothing to judge yet.
			if (endpointsAwaitApply(wiring.pods, model.endpoints.hasAny(namespace, name))) return 'on-apply';
			if (rc!.served(wiring).derived) {
				const slices = readable.canRead('endpointslices', namespace) || readable.notInInput('endpointslices');
				if (!slices || !readable.canRead('pods', namespace)) return 'unread';
				// A manifest set (no pod of the namespace carries a status) publishes endpoints only when
				// applied: a selector that matches nothing is KW101's to say, not a missing endpoint yet.
				if (wiring.pods.length > 0 || captured(namespace)) return undefined;
				if (rc!.podMakerOf(wiring)) return 'operator';
				// The input's pods of the namespace (read or planned) are what will run there: a selector
				// that matches none of them gets none once applied. Without any, they were left out.
				return model.pods.inNamespace(namespace).length > 0 ? 'none-selected' : 'nothing-to-derive';
			}
			const read =
				readable.canRead('endpointslices', namespace) ||
				(model.endpoints.legacyFor(namespace, name) !== undefined && readable.canRead('endpoints', namespace));
			return read ? undefined : 'unread';
		},
		podMakerOf(wiring) {
			const { namespace, selector } = wiring.service;
			if (!selector || wiring.pods.length > 0 || captured(namespace)) return undefined;
			return podMakerFor(model.snapshot, namespace, { matchLabels: selector, matchExpressions: [] });
		},
		podMakerFor: (namespace, selector) => (captured(namespace) ? undefined : podMakerFor(model.snapshot, namespace, selector)),
		podMakerMisnamed: (namespace, selector) => (captured(namespace) ? undefined : podMakerMisnamed(model.snapshot, namespace, selector)),
	};
	cache.set(model, rc);
	return rc;
}

export function serviceSubject(wiring: ServiceWiring): { kind: string; namespace: string; name: string } {
	return { kind: 'Service', namespace: wiring.service.namespace, name: wiring.service.name };
}
