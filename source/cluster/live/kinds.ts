/**
 * The API resources a live Snapshot is read from: where each is served, whether it lives in a
 * namespace, and which Snapshot array it fills. One table, so the lister, the watcher and the
 * store agree on every kind.
 */
import { ciliumConfigMap, kubeProxyConfigMaps } from '../kube-proxy-configmaps.js';
import type { RecordListKey } from '../snapshot.js';

/** The Snapshot arrays a live kind fills. */
export type SnapshotList = RecordListKey;

export interface LiveKind {
	/** The object kind, as `addObject` in normalize.ts expects it (list items carry none). */
	kind: string;
	/** The plural resource name: the URL segment, and the name `unreadable` entries use. */
	resource: string;
	/** '/api/v1' or '/apis/GROUP/VERSION'. */
	prefix: string;
	/** The apiVersion the objects are served in (list items carry none either). */
	apiVersion: string;
	namespaced: boolean;
	list: SnapshotList;
	/** Accept headers for list and watch requests, when JSON of the full object is not wanted. */
	listAccept?: string;
	watchAccept?: string;
	/**
	 * Set for kinds that come from optional CRDs (the Gateway API): when the API's first kind is
	 * not served (404) the API is not installed, which is normal: said once, never unreadable.
	 */
	optionalApi?: string;
}

/**
 * Secrets are read as PartialObjectMetadata: the server strips everything but metadata, so their
 * data never crosses the wire. Lists and watches name different media types, as the API expects.
 */
export const secretsListAccept = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
export const secretsWatchAccept = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

export const liveKinds: readonly LiveKind[] = [
	{ kind: 'Namespace', resource: 'namespaces', prefix: '/api/v1', apiVersion: 'v1', namespaced: false, list: 'namespaces' },
	{ kind: 'Node', resource: 'nodes', prefix: '/api/v1', apiVersion: 'v1', namespaced: false, list: 'nodes' },
	{ kind: 'Service', resource: 'services', prefix: '/api/v1', apiVersion: 'v1', namespaced: true, list: 'services' },
	{
		kind: 'EndpointSlice',
		resource: 'endpointslices',
		prefix: '/apis/discovery.k8s.io/v1',
		apiVersion: 'discovery.k8s.io/v1',
		namespaced: true,
		list: 'endpointSlices',
	},
	{ kind: 'Endpoints', resource: 'endpoints', prefix: '/api/v1', apiVersion: 'v1', namespaced: true, list: 'endpoints' },
	{ kind: 'Pod', resource: 'pods', prefix: '/api/v1', apiVersion: 'v1', namespaced: true, list: 'pods' },
	{
		kind: 'Ingress',
		resource: 'ingresses',
		prefix: '/apis/networking.k8s.io/v1',
		apiVersion: 'networking.k8s.io/v1',
		namespaced: true,
		list: 'ingresses',
	},
	{
		kind: 'IngressClass',
		resource: 'ingressclasses',
		prefix: '/apis/networking.k8s.io/v1',
		apiVersion: 'networking.k8s.io/v1',
		namespaced: false,
		list: 'ingressClasses',
	},
	{
		kind: 'NetworkPolicy',
		resource: 'networkpolicies',
		prefix: '/apis/networking.k8s.io/v1',
		apiVersion: 'networking.k8s.io/v1',
		namespaced: true,
		list: 'networkPolicies',
	},
	{
		kind: 'Secret',
		resource: 'secrets',
		prefix: '/api/v1',
		apiVersion: 'v1',
		namespaced: true,
		list: 'secrets',
		listAccept: secretsListAccept,
		watchAccept: secretsWatchAccept,
	},
	// Workloads: their templates stand for pods the input lacks, and StatefulSets and DaemonSets
	// carry facts of their own (serviceName, the kube-proxy DaemonSet).
	{ kind: 'Deployment', resource: 'deployments', prefix: '/apis/apps/v1', apiVersion: 'apps/v1', namespaced: true, list: 'deployments' },
	{ kind: 'StatefulSet', resource: 'statefulsets', prefix: '/apis/apps/v1', apiVersion: 'apps/v1', namespaced: true, list: 'statefulSets' },
	{ kind: 'DaemonSet', resource: 'daemonsets', prefix: '/apis/apps/v1', apiVersion: 'apps/v1', namespaced: true, list: 'daemonSets' },
	{ kind: 'ReplicaSet', resource: 'replicasets', prefix: '/apis/apps/v1', apiVersion: 'apps/v1', namespaced: true, list: 'replicaSets' },
	{ kind: 'ReplicationController', resource: 'replicationcontrollers', prefix: '/api/v1', apiVersion: 'v1', namespaced: true, list: 'replicationControllers' },
	{ kind: 'Job', resource: 'jobs', prefix: '/apis/batch/v1', apiVersion: 'batch/v1', namespaced: true, list: 'jobs' },
	{ kind: 'CronJob', resource: 'cronjobs', prefix: '/apis/batch/v1', apiVersion: 'batch/v1', namespaced: true, list: 'cronJobs' },
	// Gateway API (CRDs, often not installed). Gateway comes first: its 404 means "not installed".
	// ReferenceGrant is read in v1beta1, which every standard install through v1.6 serves (v1 only since v1.5).
	...gatewayApiKinds(),
];

function gatewayApiKinds(): LiveKind[] {
	const group = 'gateway.networking.k8s.io';
	const kind = (k: string, resource: string, list: SnapshotList, namespaced = true, version = 'v1'): LiveKind => ({
		kind: k,
		resource,
		prefix: `/apis/${group}/${version}`,
		apiVersion: `${group}/${version}`,
		namespaced,
		list,
		optionalApi: 'Gateway API',
	});
	return [
		kind('Gateway', 'gateways', 'gateways'),
		kind('GatewayClass', 'gatewayclasses', 'gatewayClasses', false),
		kind('HTTPRoute', 'httproutes', 'httpRoutes'),
		kind('GRPCRoute', 'grpcroutes', 'grpcRoutes'),
		kind('ReferenceGrant', 'referencegrants', 'referenceGrants', true, 'v1beta1'),
	];
}

/**
 * kube-proxy's settings: kubeadm's ConfigMap and EKS's, and Cilium's (whether it replaces
 * kube-proxy), each read with a single GET (no list, no watch; a 404 is a cluster without it).
 * kube-proxy-configmaps.ts says which key of each.
 */
export const kubeProxyConfigMapPaths: readonly string[] = [...kubeProxyConfigMaps, ciliumConfigMap].map((c) => `/api/v1/namespaces/kube-system/configmaps/${c.name}`);

/** The URL path that lists `kind` in `namespace` ('' = every namespace, or a cluster-scoped kind). */
export function listPath(kind: LiveKind, namespace: string): string {
	if (!kind.namespaced || namespace === '') return `${kind.prefix}/${kind.resource}`;
	return `${kind.prefix}/namespaces/${encodeURIComponent(namespace)}/${kind.resource}`;
}
