/**
 * Projects raw API objects (as parsed from YAML/JSON files or received from the API server)
 * into the Snapshot's records, keeping only what the model uses. Every reader tolerates missing
 * and mis-typed fields; only an object with no name at all is skipped.
 */
import { parse as parseYaml } from 'yaml';
import {
	arr,
	bool,
	int,
	intOrString,
	isObject,
	obj,
	objects,
	optStr,
	readFromCluster,
	str,
	stringMap,
	strings,
	type RawObject,
} from './raw.js';
import type {
	Container,
	ContainerPort,
	EndpointSlice,
	Endpoints,
	EndpointAddress,
	Ingress,
	IngressBackend,
	IngressClass,
	LabelSelector,
	LoadBalancerIngress,
	Meta,
	Namespace,
	NetworkPolicy,
	NetworkPolicyPeer,
	NetworkPolicyRule,
	Node,
	ObjectReference,
	Pod,
	PodTemplate,
	Protocol,
	NodePlacement,
	ProxyConfig,
	Secret,
	Service,
	ServicePort,
	SlicePort,
	Snapshot,
	Unreadable,
	Workload,
	WorkloadKind,
} from './snapshot.js';
import { none, shared, sharedStringMap } from './shared-values.js';
import { ciliumConfigMap, kubeProxyConfigMaps } from './kube-proxy-configmaps.js';
import { isGatewayApi, toGateway, toGatewayClass, toGatewayRoute, toReferenceGrant } from './normalize-gateway.js';

/** Kinds that live in a namespace; one without metadata.namespace belongs to `default`. */
const namespacedKinds = new Set([
	'Service',
	'EndpointSlice',
	'Endpoints',
	'Pod',
	'Ingress',
	'NetworkPolicy',
	'Secret',
	'ConfigMap',
	'Deployment',
	'StatefulSet',
	'DaemonSet',
	'ReplicaSet',
	'ReplicationController',
	'Job',
	'CronJob',
	'Gateway',
	'HTTPRoute',
	'GRPCRoute',
	'ReferenceGrant',
]);

export function protocol(value: unknown): Protocol {
	const p = str(value).toUpperCase();
	return p === 'UDP' || p === 'SCTP' ? p : 'TCP';
}

/**
 * The metadata every record starts with. Records list these fields one by one rather than
 * spreading this object: a spread into an object literal gives every record a hidden class of
 * its own, which at 100,000 pods costs megabytes of shapes and makes every later property
 * access in the model megamorphic.
 */
function meta(raw: RawObject, kind: string): Meta {
	const m = obj(raw['metadata']);
	const namespace = namespacedKinds.has(kind) ? shared(str(m['namespace']) || 'default') : '';
	return {
		namespace,
		name: str(m['name']),
		uid: str(m['uid']),
		labels: sharedStringMap(m['labels']),
		annotations: sharedStringMap(m['annotations']),
	};
}

export function labelSelector(value: unknown): LabelSelector {
	const s = obj(value);
	return {
		matchLabels: stringMap(s['matchLabels']),
		matchExpressions: objects(s['matchExpressions']).map((e) => ({
			key: str(e['key']),
			operator: str(e['operator']),
			values: strings(e['values']),
		})),
	};
}

function loadBalancerIngress(status: unknown): LoadBalancerIngress[] {
	return objects(obj(obj(status)['loadBalancer'])['ingress']).map((i) => ({
		ip: optStr(i['ip']),
		hostname: optStr(i['hostname']),
		ipMode: optStr(i['ipMode']),
	}));
}

function objectReference(value: unknown): ObjectReference | undefined {
	if (!isObject(value)) return undefined;
	return {
		kind: str(value['kind']),
		namespace: str(value['namespace']),
		name: str(value['name']),
		uid: str(value['uid']),
	};
}

function slicePorts(value: unknown): SlicePort[] {
	return objects(value).map((p) => ({
		name: str(p['name']),
		port: int(p['port']),
		protocol: protocol(p['protocol']),
		appProtocol: optStr(p['appProtocol']),
	}));
}

export function toService(raw: RawObject): Service {
	const spec = obj(raw['spec']);
	const type = str(spec['type']) || 'ClusterIP';
	const selector = stringMap(spec['selector']);
	const ports: ServicePort[] = objects(spec['ports']).map((p) => {
		const port = int(p['port']) ?? 0;
		// The API server defaults a missing, empty or zero targetPort to the port (charts write 0).
		const target = intOrString(p['targetPort']);
		return {
			name: str(p['name']),
			protocol: protocol(p['protocol']),
			port,
			targetPort: target === undefined || target === 0 ? port : target,
			nodePort: int(p['nodePort']) || undefined,
			appProtocol: optStr(p['appProtocol']),
		};
	});
	const clusterIP = str(spec['clusterIP']);
	const clusterIPs = strings(spec['clusterIPs']);
	const affinityConfig = obj(obj(spec['sessionAffinityConfig'])['clientIP']);
	const own = meta(raw, 'Service');
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		type,
		selector: Object.keys(selector).length > 0 ? selector : undefined,
		clusterIP,
		clusterIPs: clusterIPs.length > 0 ? clusterIPs : clusterIP ? [clusterIP] : [],
		ipFamilies: strings(spec['ipFamilies']),
		ports,
		externalIPs: strings(spec['externalIPs']),
		externalName: optStr(spec['externalName']),
		sessionAffinity: str(spec['sessionAffinity']) || 'None',
		sessionAffinityTimeoutSeconds: int(affinityConfig['timeoutSeconds']),
		externalTrafficPolicy: str(spec['externalTrafficPolicy']) || 'Cluster',
		internalTrafficPolicy: str(spec['internalTrafficPolicy']) || 'Cluster',
		healthCheckNodePort: int(spec['healthCheckNodePort']),
		loadBalancerIP: optStr(spec['loadBalancerIP']),
		loadBalancerSourceRanges: strings(spec['loadBalancerSourceRanges']),
		loadBalancerIngress: loadBalancerIngress(raw['status']),
		publishNotReadyAddresses: bool(spec['publishNotReadyAddresses']) ?? false,
		trafficDistribution: optStr(spec['trafficDistribution']),
		hasStatus: serviceHasStatus(raw, clusterIP),
		creationTimestamp: str(obj(raw['metadata'])['creationTimestamp']),
	};
}

/** A `status` with anything in it: an empty `status: {}` (kubectl's dry-run output) says nothing either. */
function hasStatus(raw: RawObject): boolean {
	return isObject(raw['status']) && Object.keys(raw['status']).length > 0;
}

/**
 * A Service's status says something when it holds a value, or when the object was read from a
 * cluster (a uid, a resourceVersion, a creationTimestamp, or the ClusterIP the API assigned):
 * there `status: {loadBalancer: {}}` is a fact, EXTERNAL-IP pending. On a manifest the same empty
 * parts are what `kubectl create --dry-run -o yaml` writes, and say nothing.
 */
function serviceHasStatus(raw: RawObject, clusterIP: string): boolean {
	if (!hasStatus(raw)) return false;
	return readFromCluster(raw) || clusterIP !== '' || !hollow(raw['status']);
}

/** Nothing but empty objects, empty lists and nulls. */
function hollow(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (Array.isArray(value)) return value.every(hollow);
	if (isObject(value)) return Object.values(value).every(hollow);
	return false;
}

export function toEndpointSlice(raw: RawObject): EndpointSlice {
	const m = meta(raw, 'EndpointSlice');
	return {
		namespace: m.namespace,
		name: m.name,
		uid: m.uid,
		labels: m.labels,
		annotations: m.annotations,
		serviceName: m.labels['kubernetes.io/service-name'] ?? '',
		addressType: str(raw['addressType']) || 'IPv4',
		endpoints: objects(raw['endpoints']).map((e) => {
			const c = obj(e['conditions']);
			const hints = obj(e['hints']);
			// discovery.k8s.io/v1beta1 (before 1.21) gave the node and zone only as topology labels.
			const topology = obj(e['topology']);
			return {
				addresses: strings(e['addresses']),
				conditions: {
					ready: bool(c['ready']),
					serving: bool(c['serving']),
					terminating: bool(c['terminating']),
				},
				hostname: optStr(e['hostname']),
				nodeName: optStr(e['nodeName']) ?? optStr(topology['kubernetes.io/hostname']),
				zone: optStr(e['zone']) ?? optStr(topology['topology.kubernetes.io/zone']) ?? optStr(topology['failure-domain.beta.kubernetes.io/zone']),
				targetRef: objectReference(e['targetRef']),
				hintsForZones: objects(hints['forZones']).map((z) => str(z['name'])),
				hintsForNodes: objects(hints['forNodes']).map((n) => str(n['name'])),
			};
		}),
		ports: slicePorts(raw['ports']),
	};
}

function endpointAddresses(value: unknown): EndpointAddress[] {
	return objects(value).map((a) => ({
		ip: str(a['ip']),
		hostname: optStr(a['hostname']),
		nodeName: optStr(a['nodeName']),
		targetRef: objectReference(a['targetRef']),
	}));
}

export function toEndpoints(raw: RawObject): Endpoints {
	const own = meta(raw, 'Endpoints');
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		subsets: objects(raw['subsets']).map((s) => ({
			addresses: endpointAddresses(s['addresses']),
			notReadyAddresses: endpointAddresses(s['notReadyAddresses']),
			ports: slicePorts(s['ports']),
		})),
	};
}

function containers(value: unknown, sidecarsOnly: boolean): Container[] {
	return objects(value)
		.filter((c) => !sidecarsOnly || str(c['restartPolicy']) === 'Always')
		.map((c) => ({
			name: shared(str(c['name'])),
			sidecar: sidecarsOnly,
			image: shared(str(c['image'])),
			command: sharedStrings(c['command']),
			args: sharedStrings(c['args']),
			env: controllerEnv(c['env']),
			ports: objects(c['ports'])
				.map(
					(p): ContainerPort => ({
						name: shared(str(p['name'])),
						containerPort: int(p['containerPort']) ?? 0,
						protocol: protocol(p['protocol']),
					}),
				)
				.filter((p) => p.containerPort > 0),
		}));
}

/** Names of the environment variables kept (snapshot.ts Container.env says why only these). */
const controllerEnvPrefix = 'CONTROLLER_';
/** calico-node's switch to its eBPF dataplane, which proxies Services in kube-proxy's place. */
const calicoBpfEnv = 'FELIX_BPFENABLED';

function controllerEnv(value: unknown): Readonly<Record<string, string | null>> {
	let out: Record<string, string | null> | undefined;
	for (const e of objects(value)) {
		const name = str(e['name']);
		if (!name.startsWith(controllerEnvPrefix) && name !== calicoBpfEnv) continue;
		(out ??= {})[name] = e['valueFrom'] !== undefined ? null : shared(str(e['value']));
	}
	return out ?? noEnv;
}

const noEnv: Readonly<Record<string, string | null>> = Object.freeze({});

export function toPod(raw: RawObject): Pod {
	const m = obj(raw['metadata']);
	const spec = obj(raw['spec']);
	const status = obj(raw['status']);
	const podIP = str(status['podIP']);
	const podIPs = objects(status['podIPs'])
		.map((p) => str(p['ip']))
		.filter(Boolean);
	const own = meta(raw, 'Pod');
	const conditions = objects(status['conditions']);
	const gates = readinessGates(spec);
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		owner: ownerOf(m),
		nodeName: shared(str(spec['nodeName'])),
		hostname: str(spec['hostname']),
		subdomain: str(spec['subdomain']),
		phase: shared(str(status['phase'])),
		podIP,
		podIPs: podIPs.length > 0 ? podIPs : podIP ? [podIP] : [],
		ready: conditions.some((c) => c['type'] === 'Ready' && c['status'] === 'True'),
		hostNetwork: bool(spec['hostNetwork']) ?? false,
		terminating: typeof m['deletionTimestamp'] === 'string',
		containers: podContainers(spec),
		readinessGates: gates,
		// Only what the gates need (model/diagnostics/readiness-gates.ts): a pod without gates keeps none.
		conditions: gates.length === 0 ? none : conditions.map((c) => ({ type: shared(str(c['type'])), status: shared(str(c['status'])) })),
		hasStatus: hasStatus(raw),
	};
}

function podContainers(spec: RawObject): Container[] {
	return [...containers(spec['containers'], false), ...containers(spec['initContainers'], true)];
}

function readinessGates(spec: RawObject): readonly string[] {
	if (spec['readinessGates'] === undefined) return none;
	return objects(spec['readinessGates'])
		.map((g) => shared(str(g['conditionType'])))
		.filter(Boolean);
}

/** `strings` for a command line or the like: the shared empty list when there is none. */
function sharedStrings(value: unknown): readonly string[] {
	return Array.isArray(value) && value.length > 0 ? strings(value) : none;
}

export function podTemplate(value: unknown): PodTemplate {
	const t = obj(value);
	const m = obj(t['metadata']);
	const spec = obj(t['spec']);
	return {
		labels: stringMap(m['labels']),
		annotations: stringMap(m['annotations']),
		hostname: str(spec['hostname']),
		subdomain: str(spec['subdomain']),
		hostNetwork: bool(spec['hostNetwork']) ?? false,
		containers: podContainers(spec),
		readinessGates: readinessGates(spec),
		...placementOf(spec),
	};
}

/** spec.nodeSelector and the required node affinity, kept only when the template writes one. */
function placementOf(spec: RawObject): { placement?: NodePlacement } {
	const nodeSelector = stringMap(spec['nodeSelector']);
	const required = obj(obj(obj(spec['affinity'])['nodeAffinity'])['requiredDuringSchedulingIgnoredDuringExecution']);
	const requirements = (value: unknown) =>
		objects(value).map((e) => ({ key: str(e['key']), operator: str(e['operator']), values: strings(e['values']) }));
	const terms = objects(required['nodeSelectorTerms']).map((t) => ({
		matchExpressions: requirements(t['matchExpressions']),
		matchFields: requirements(t['matchFields']),
	}));
	if (Object.keys(nodeSelector).length === 0 && terms.length === 0) return {};
	return { placement: { nodeSelector, terms } };
}

function ownerOf(m: RawObject): Pod['owner'] {
	const owners = objects(m['ownerReferences']);
	const owner = owners.find((o) => o['controller'] === true) ?? owners[0];
	if (!owner) return undefined;
	return { kind: shared(str(owner['kind'])), name: shared(str(owner['name'])), uid: shared(str(owner['uid'])), controller: owner['controller'] === true };
}

/**
 * Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs:
 * the pod template, the selector and the replica count. A CronJob's template is two levels down
 * (spec.jobTemplate.spec.template); a ReplicationController's selector is a plain map.
 */
export function toWorkload(raw: RawObject, kind: WorkloadKind): Workload {
	const m = obj(raw['metadata']);
	const spec = obj(raw['spec']);
	const status = obj(raw['status']);
	const own = meta(raw, kind);
	const podSpecHolder = kind === 'CronJob' ? obj(obj(spec['jobTemplate'])['spec']) : spec;
	const template = podTemplate(podSpecHolder['template']);
	let selector: LabelSelector | undefined;
	if (kind === 'ReplicationController') {
		const map = stringMap(spec['selector']);
		const labels = Object.keys(map).length > 0 ? map : template.labels;
		selector = { matchLabels: labels, matchExpressions: [] };
	} else if (isObject(podSpecHolder['selector'])) {
		selector = labelSelector(podSpecHolder['selector']);
	}
	const replicas = kind === 'Job' || kind === 'CronJob' ? int(podSpecHolder['parallelism']) : kind === 'DaemonSet' ? 1 : int(spec['replicas']);
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		kind,
		selector,
		replicas: replicas === undefined || replicas < 0 ? 1 : replicas,
		template,
		serviceName: kind === 'StatefulSet' ? str(spec['serviceName']) : '',
		owner: ownerOf(m),
		readyReplicas: int(status['readyReplicas']),
		statusReplicas: int(status['replicas']),
		hasStatus: hasStatus(raw),
		creationTimestamp: str(m['creationTimestamp']),
	};
}

/** Reads both the v1 backend shape and the legacy serviceName/servicePort one. */
function ingressBackend(value: unknown): IngressBackend | undefined {
	if (!isObject(value)) return undefined;
	const service = obj(value['service']);
	if (isObject(value['service'])) {
		const port = obj(service['port']);
		return {
			service: {
				name: str(service['name']),
				port: { number: int(port['number']), name: optStr(port['name']) },
			},
		};
	}
	if ('serviceName' in value) {
		const port = intOrString(value['servicePort']);
		return {
			service: {
				name: str(value['serviceName']),
				port: typeof port === 'number' ? { number: port } : { name: port },
			},
		};
	}
	if (isObject(value['resource'])) {
		const r = obj(value['resource']);
		return { resource: { apiGroup: str(r['apiGroup']), kind: str(r['kind']), name: str(r['name']) } };
	}
	return undefined;
}

export function toIngress(raw: RawObject): Ingress {
	const spec = obj(raw['spec']);
	const own = meta(raw, 'Ingress');
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		apiVersion: str(raw['apiVersion']),
		creationTimestamp: str(obj(raw['metadata'])['creationTimestamp']),
		ingressClassName: optStr(spec['ingressClassName']),
		defaultBackend: ingressBackend(spec['defaultBackend'] ?? spec['backend']),
		rules: objects(spec['rules']).map((r) => ({
			host: str(r['host']),
			paths: objects(obj(r['http'])['paths']).map((p) => ({
				path: str(p['path']),
				pathType: str(p['pathType']) || 'ImplementationSpecific',
				backend: ingressBackend(p['backend']) ?? {},
			})),
		})),
		tls: objects(spec['tls']).map((t) => ({ hosts: strings(t['hosts']), secretName: str(t['secretName']) })),
		loadBalancerIngress: loadBalancerIngress(raw['status']),
		hasStatus: hasStatus(raw),
	};
}

export function toIngressClass(raw: RawObject): IngressClass {
	const m = meta(raw, 'IngressClass');
	return {
		namespace: m.namespace,
		name: m.name,
		uid: m.uid,
		labels: m.labels,
		annotations: m.annotations,
		controller: str(obj(raw['spec'])['controller']),
		isDefault: m.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true',
		creationTimestamp: str(obj(raw['metadata'])['creationTimestamp']),
	};
}

export function toNode(raw: RawObject): Node {
	const spec = obj(raw['spec']);
	const status = obj(raw['status']);
	const podCIDRs = strings(spec['podCIDRs']);
	const podCIDR = str(spec['podCIDR']);
	const own = meta(raw, 'Node');
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		addresses: objects(status['addresses']).map((a) => ({ type: str(a['type']), address: str(a['address']) })),
		podCIDRs: podCIDRs.length > 0 ? podCIDRs : podCIDR ? [podCIDR] : [],
		ready: objects(status['conditions']).some((c) => c['type'] === 'Ready' && c['status'] === 'True'),
		unschedulable: bool(spec['unschedulable']) ?? false,
	};
}

export function toNamespace(raw: RawObject): Namespace {
	const m = meta(raw, 'Namespace');
	// The API server always sets this label; files often do not, and namespaceSelectors rely on it.
	if (m.labels['kubernetes.io/metadata.name'] === undefined) m.labels = { ...m.labels, 'kubernetes.io/metadata.name': m.name };
	return {
		namespace: m.namespace,
		name: m.name,
		uid: m.uid,
		labels: m.labels,
		annotations: m.annotations,
		phase: str(obj(raw['status'])['phase']),
	};
}

function policyPeer(p: RawObject): NetworkPolicyPeer {
	const ipBlock = isObject(p['ipBlock'])
		? { cidr: str(obj(p['ipBlock'])['cidr']), except: strings(obj(p['ipBlock'])['except']) }
		: undefined;
	return {
		podSelector: isObject(p['podSelector']) ? labelSelector(p['podSelector']) : undefined,
		namespaceSelector: isObject(p['namespaceSelector']) ? labelSelector(p['namespaceSelector']) : undefined,
		ipBlock,
	};
}

function policyRules(value: unknown, peersKey: 'from' | 'to'): NetworkPolicyRule[] {
	return objects(value).map((r) => ({
		peers: objects(r[peersKey]).map(policyPeer),
		ports: objects(r['ports']).map((p) => ({
			protocol: protocol(p['protocol']),
			port: intOrString(p['port']),
			endPort: int(p['endPort']),
		})),
	}));
}

export function toNetworkPolicy(raw: RawObject): NetworkPolicy {
	const spec = obj(raw['spec']);
	const egress = policyRules(spec['egress'], 'to');
	const given = strings(spec['policyTypes']);
	const own = meta(raw, 'NetworkPolicy');
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		podSelector: labelSelector(spec['podSelector']),
		// Defaulted as the API server does: Egress only when at least one egress rule is written (`egress: []` isolates nothing).
		policyTypes: given.length > 0 ? given : egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'],
		ingress: policyRules(spec['ingress'], 'from'),
		egress,
	};
}

export function toSecret(raw: RawObject): Secret {
	// Only metadata and type are read: the data and stringData fields are never touched.
	const own = meta(raw, 'Secret');
	return {
		namespace: own.namespace,
		name: own.name,
		uid: own.uid,
		labels: own.labels,
		annotations: own.annotations,
		type: str(raw['type']),
	};
}

/**
 * Reads a KubeProxyConfiguration (YAML or JSON text). Throws a plain Error with a reason when
 * the text is not a mapping, for the caller to name the file.
 */
export function parseProxyConfig(text: string, source: string): ProxyConfig {
	const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
	if (!isObject(doc)) throw new Error('not a KubeProxyConfiguration mapping');
	const iptables = obj(doc['iptables']);
	const nodePortAddresses = arr(doc['nodePortAddresses']).length > 0 ? strings(doc['nodePortAddresses']) : undefined;
	return {
		source,
		mode: optStr(doc['mode']),
		clusterCIDR: optStr(doc['clusterCIDR']),
		...(doc['clusterCIDR'] === '' ? { clusterCIDREmpty: true } : {}),
		detectLocalMode: optStr(doc['detectLocalMode']),
		bridgeInterface: optStr(obj(doc['detectLocal'])['bridgeInterface']),
		interfaceNamePrefix: optStr(obj(doc['detectLocal'])['interfaceNamePrefix']),
		masqueradeAll: bool(iptables['masqueradeAll']),
		masqueradeBit: int(iptables['masqueradeBit']),
		localhostNodePorts: bool(iptables['localhostNodePorts']),
		nodePortAddresses,
		nftablesMasqueradeAll: bool(obj(doc['nftables'])['masqueradeAll']),
		nftablesMasqueradeBit: int(obj(doc['nftables'])['masqueradeBit']),
	};
}


/** The `unreadable` entry for kube-proxy's ConfigMap when it holds a configuration that could not be parsed. */
export function proxyConfigUnreadable(config: ProxyConfig | undefined): Unreadable | undefined {
	if (config?.unreadable === undefined) return undefined;
	return { resource: 'configmaps', namespace: 'kube-system', reason: `kube-proxy's ConfigMap ${config.configMap?.name ?? config.source}: ${config.unreadable}` };
}

function proxyConfigRank(source: string | undefined): number {
	const rank = kubeProxyConfigMaps.findIndex((c) => source === proxyConfigSource(c.name, c.key));
	return rank < 0 ? kubeProxyConfigMaps.length : rank;
}

function proxyConfigSource(name: string, key: string): string {
	// kubeadm's is named as it always was; another's says which key held it.
	return name === 'kube-proxy' ? 'ConfigMap kube-system/kube-proxy' : `ConfigMap kube-system/${name} (${key})`;
}

/**
 * Adds one raw object of the given kind to the snapshot. Returns a reason when the object was
 * not used (so the caller can report it), or undefined when it was used or is of a kind kubewire
 * does not read (unknown kinds and CRDs are ignored on purpose).
 */
export function addObject(snapshot: Snapshot, kind: string, raw: RawObject): string | undefined {
	const name = str(obj(raw['metadata'])['name']);
	const known = kind in adders || kind === 'ConfigMap' || kind === 'ServiceCIDR';
	if (!known) return undefined;
	if (name === '') return 'it has no metadata.name';
	if (kind === 'ServiceCIDR') {
		// Cluster-scoped and few: kept as the CIDRs alone, in the order they were read.
		const cidrs = strings(obj(raw['spec'])['cidrs']);
		snapshot.serviceCIDRs = [...(snapshot.serviceCIDRs ?? []), ...cidrs];
		return undefined;
	}
	if (kind === 'ConfigMap') {
		const m = meta(raw, kind);
		if (m.name === ciliumConfigMap.name) {
			const value = obj(raw['data'])[ciliumConfigMap.key];
			if (typeof value === 'string') snapshot.ciliumKubeProxyReplacement = { source: `ConfigMap ${m.namespace}/${m.name}`, value };
			return undefined;
		}
		const known = m.namespace === 'kube-system' ? kubeProxyConfigMaps.find((c) => c.name === m.name) : undefined;
		if (!known) return undefined;
		const text = obj(raw['data'])[known.key];
		// EKS's `kube-proxy` ConfigMap holds only the kubeconfig: nothing of kube-proxy's settings to read.
		if (typeof text !== 'string') return undefined;
		const source = proxyConfigSource(known.name, known.key);
		// The better-known ConfigMap wins whichever order the files give them in.
		if (proxyConfigRank(snapshot.proxyConfig?.source) < proxyConfigRank(source)) return undefined;
		try {
			snapshot.proxyConfig = { ...parseProxyConfig(text, source), configMap: known };
		} catch (error) {
			// Kept as unreadable (listed with what could not be read): no setting and no finding is
			// drawn from it, and the kube-proxy views say so.
			snapshot.proxyConfig = { source, unreadable: `its ${known.key} could not be parsed: ${(error as Error).message.split('\n')[0]}`, configMap: known };
		}
		return undefined;
	}
	adders[kind]!(snapshot, raw);
	return undefined;
}

const adders: Record<string, (s: Snapshot, raw: RawObject) => void> = {
	Service: (s, raw) => s.services.push(toService(raw)),
	EndpointSlice: (s, raw) => s.endpointSlices.push(toEndpointSlice(raw)),
	Endpoints: (s, raw) => s.endpoints.push(toEndpoints(raw)),
	Pod: (s, raw) => s.pods.push(toPod(raw)),
	Ingress: (s, raw) => s.ingresses.push(toIngress(raw)),
	IngressClass: (s, raw) => s.ingressClasses.push(toIngressClass(raw)),
	Node: (s, raw) => s.nodes.push(toNode(raw)),
	Namespace: (s, raw) => s.namespaces.push(toNamespace(raw)),
	NetworkPolicy: (s, raw) => s.networkPolicies.push(toNetworkPolicy(raw)),
	Secret: (s, raw) => s.secrets.push(toSecret(raw)),
	Deployment: (s, raw) => s.deployments.push(toWorkload(raw, 'Deployment')),
	StatefulSet: (s, raw) => s.statefulSets.push(toWorkload(raw, 'StatefulSet')),
	DaemonSet: (s, raw) => s.daemonSets.push(toWorkload(raw, 'DaemonSet')),
	ReplicaSet: (s, raw) => s.replicaSets.push(toWorkload(raw, 'ReplicaSet')),
	ReplicationController: (s, raw) => s.replicationControllers.push(toWorkload(raw, 'ReplicationController')),
	Job: (s, raw) => s.jobs.push(toWorkload(raw, 'Job')),
	CronJob: (s, raw) => s.cronJobs.push(toWorkload(raw, 'CronJob')),
	GatewayClass: (s, raw) => void (isGatewayApi(raw) && s.gatewayClasses.push(toGatewayClass(raw))),
	Gateway: (s, raw) => void (isGatewayApi(raw) && s.gateways.push(toGateway(raw))),
	HTTPRoute: (s, raw) => void (isGatewayApi(raw) && s.httpRoutes.push(toGatewayRoute(raw, 'HTTPRoute'))),
	GRPCRoute: (s, raw) => void (isGatewayApi(raw) && s.grpcRoutes.push(toGatewayRoute(raw, 'GRPCRoute'))),
	ReferenceGrant: (s, raw) => void (isGatewayApi(raw) && s.referenceGrants.push(toReferenceGrant(raw))),
};

export const readableKinds = Object.keys(adders);

/** The API groups each kind kubewire reads belongs to ('' is the core group; extensions is the old home of a few). */
const groupsOfKind: Record<string, readonly string[]> = {
	Service: [''],
	Endpoints: [''],
	Pod: [''],
	Node: [''],
	Namespace: [''],
	Secret: [''],
	ConfigMap: [''],
	ReplicationController: [''],
	EndpointSlice: ['discovery.k8s.io'],
	Ingress: ['networking.k8s.io', 'extensions'],
	IngressClass: ['networking.k8s.io'],
	NetworkPolicy: ['networking.k8s.io', 'extensions'],
	ServiceCIDR: ['networking.k8s.io'],
	Deployment: ['apps', 'extensions'],
	StatefulSet: ['apps'],
	DaemonSet: ['apps', 'extensions'],
	ReplicaSet: ['apps', 'extensions'],
	Job: ['batch'],
	CronJob: ['batch'],
	GatewayClass: ['gateway.networking.k8s.io'],
	Gateway: ['gateway.networking.k8s.io'],
	HTTPRoute: ['gateway.networking.k8s.io'],
	GRPCRoute: ['gateway.networking.k8s.io'],
	ReferenceGrant: ['gateway.networking.k8s.io'],
};

/**
 * The kind an object is, as kubewire reads it: a Knative `serving.knative.dev/v1` Service is not a
 * core Service, so it becomes `Service.serving.knative.dev`, a kind kubewire does not read (counted,
 * or kept as a pod maker). An apiVersion without a group (`v1`, or none) is taken at its word.
 */
export function ownKind(kind: string, raw: RawObject): string {
	const groups = groupsOfKind[kind];
	if (!groups) return kind;
	const apiVersion = str(raw['apiVersion']);
	const slash = apiVersion.indexOf('/');
	if (slash < 0) return kind;
	const group = apiVersion.slice(0, slash);
	return groups.includes(group) ? kind : `${kind}.${group}`;
}
