/**
 * API versions current Kubernetes no longer serves (the Kubernetes deprecation guide), and the
 * Gateway API versions its current CRDs no longer serve: a manifest
 * written for one of them is refused by `kubectl apply` on a cluster past that release, so nothing
 * it describes ever runs there. Noted for manifests only: an object read from a cluster was served
 * by that cluster, however old.
 */
import { obj, readFromCluster, str, type RawObject } from './raw.js';
import { gatewayApiRelease } from '../model/gateway/refs.js';
import type { RemovedApi } from './snapshot.js';

/** `group/version` → kind → the release that stopped serving it. */
const removed: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	'extensions/v1beta1': { Ingress: '1.22', Deployment: '1.16', DaemonSet: '1.16', ReplicaSet: '1.16', NetworkPolicy: '1.16', PodSecurityPolicy: '1.16' },
	'apps/v1beta1': { Deployment: '1.16', StatefulSet: '1.16', ReplicaSet: '1.16' },
	'apps/v1beta2': { Deployment: '1.16', StatefulSet: '1.16', DaemonSet: '1.16', ReplicaSet: '1.16' },
	'networking.k8s.io/v1beta1': { Ingress: '1.22', IngressClass: '1.22' },
	'discovery.k8s.io/v1beta1': { EndpointSlice: '1.25' },
	'batch/v1beta1': { CronJob: '1.25' },
	'policy/v1beta1': { PodDisruptionBudget: '1.25', PodSecurityPolicy: '1.25' },
	'autoscaling/v2beta1': { HorizontalPodAutoscaler: '1.25' },
	'autoscaling/v2beta2': { HorizontalPodAutoscaler: '1.26' },
	// The Gateway API's CRDs, not Kubernetes, decide what they serve: v1alpha2 of the core kinds is
	// `served: false` since v0.8.0, of GRPCRoute and ReferenceGrant since v1.2.0 in both channels
	// (kubernetes-sigs/gateway-api config/crd/*, CHANGELOG/1.2-CHANGELOG.md). TCPRoute, TLSRoute and
	// UDPRoute v1alpha2 are still served by the experimental channel.
	'gateway.networking.k8s.io/v1alpha2': {
		GatewayClass: gatewayApi('0.8'),
		Gateway: gatewayApi('0.8'),
		HTTPRoute: gatewayApi('0.8'),
		GRPCRoute: gatewayApi('1.2'),
		ReferenceGrant: gatewayApi('1.2'),
	},
};

/** A release of the Gateway API CRDs, as `removedIn` says it ("Gateway API v1.2"). */
function gatewayApi(release: string): string {
	return `${gatewayApiRelease}${release}`;
}



/** The object as a removed API's, or undefined. `namespace` is where it goes when it names none. */
export function removedApiOf(kind: string, raw: RawObject, namespace: string): RemovedApi | undefined {
	const apiVersion = str(raw['apiVersion']);
	const removedIn = removed[apiVersion]?.[kind];
	if (!removedIn) return undefined;
	if (readFromCluster(raw)) return undefined;
	const m = obj(raw['metadata']);
	return { kind, namespace: str(m['namespace']) || namespace, name: str(m['name']), apiVersion, removedIn };
}
