/**
 * The shared vocabulary of kubewire: a Snapshot is everything the model needs to know about a
 * cluster, as plain typed records. The file loader and the live loader both produce it, and
 * nothing downstream knows (or may care) where it came from.
 *
 * Records keep only the fields the model uses. Raw API objects are projected into these shapes
 * by `normalize.ts`, which tolerates missing and mis-typed fields: a record here is always
 * complete (empty strings, empty arrays and `undefined` stand for what the object did not say).
 */

export type Labels = Record<string, string>;

export interface OwnerReference {
	kind: string;
	name: string;
	uid: string;
	controller: boolean;
}

/** The part of ObjectMeta every record carries. `namespace` is '' for cluster-scoped kinds. */
export interface Meta {
	namespace: string;
	name: string;
	uid: string;
	labels: Labels;
	annotations: Labels;
	/** Where the object came from: a file path (offline) or the API server (live). */
	origin?: string;
}

export interface LabelSelectorRequirement {
	key: string;
	/** In, NotIn, Exists, DoesNotExist (anything else matches nothing, as in apimachinery). */
	operator: string;
	values: string[];
}

/** A metav1.LabelSelector. Empty (no labels, no expressions) selects everything. */
export interface LabelSelector {
	matchLabels: Labels;
	matchExpressions: LabelSelectorRequirement[];
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ServicePort {
	name: string;
	protocol: Protocol;
	port: number;
	/** A number, or a container port name. Defaults to `port` when the object leaves it out. */
	targetPort: number | string;
	nodePort?: number;
	appProtocol?: string;
}

export interface LoadBalancerIngress {
	ip?: string;
	hostname?: string;
	ipMode?: string;
}

export interface Service extends Meta {
	type: string;
	/**
	 * The Service's selector, or undefined when it has none. An empty map is treated as no
	 * selector, because the EndpointSlice controller ignores such Services too.
	 */
	selector?: Labels;
	/** 'None' for headless Services, '' when unset. */
	clusterIP: string;
	clusterIPs: string[];
	ipFamilies: string[];
	ports: ServicePort[];
	externalIPs: string[];
	externalName?: string;
	sessionAffinity: string;
	sessionAffinityTimeoutSeconds?: number;
	externalTrafficPolicy: string;
	internalTrafficPolicy: string;
	healthCheckNodePort?: number;
	loadBalancerIP?: string;
	loadBalancerSourceRanges: string[];
	loadBalancerIngress: LoadBalancerIngress[];
	publishNotReadyAddresses: boolean;
	trafficDistribution?: string;
	/** The object carried a `status` at all (manifests do not). */
	hasStatus: boolean;
	/** metadata.creationTimestamp ('' when absent): the newer of two conflicting Services gets the finding. */
	creationTimestamp: string;
}

export interface ObjectReference {
	kind: string;
	namespace: string;
	name: string;
	uid: string;
}

/** EndpointConditions keep the API's tri-state: undefined means "not said". */
export interface EndpointConditions {
	ready?: boolean;
	serving?: boolean;
	terminating?: boolean;
}

export interface SliceEndpoint {
	addresses: string[];
	conditions: EndpointConditions;
	hostname?: string;
	nodeName?: string;
	zone?: string;
	targetRef?: ObjectReference;
	hintsForZones: string[];
	hintsForNodes: string[];
}

export interface SlicePort {
	name: string;
	/** Undefined means "all ports" in the API; kube-proxy ignores such ports. */
	port?: number;
	protocol: Protocol;
	appProtocol?: string;
}

export interface EndpointSlice extends Meta {
	/** From the `kubernetes.io/service-name` label; '' when the slice names no Service. */
	serviceName: string;
	addressType: string;
	endpoints: SliceEndpoint[];
	ports: SlicePort[];
}

/** Legacy core/v1 Endpoints, read when a Service has no EndpointSlice. */
export interface EndpointAddress {
	ip: string;
	hostname?: string;
	nodeName?: string;
	targetRef?: ObjectReference;
}

export interface EndpointSubset {
	addresses: EndpointAddress[];
	notReadyAddresses: EndpointAddress[];
	ports: SlicePort[];
}

export interface Endpoints extends Meta {
	subsets: EndpointSubset[];
}

export interface ContainerPort {
	name: string;
	containerPort: number;
	protocol: Protocol;
}

export interface Container {
	name: string;
	ports: ContainerPort[];
	/** A native sidecar: an init container with restartPolicy Always, whose ports serve traffic. */
	sidecar: boolean;
	/** The image and the command line: how a controller (ingress-nginx, kube-proxy) is recognised and configured. */
	image: string;
	command: readonly string[];
	args: readonly string[];
	/**
	 * The environment variables by which a controller takes its flags (Kong's ingress controller
	 * reads each flag from CONTROLLER_<FLAG>), and calico-node's FELIX_BPFENABLED (its eBPF
	 * dataplane replaces kube-proxy), name to value; null when the value comes from
	 * `valueFrom` and so is not in the manifest. Only those: every other variable of every pod
	 * would cost memory in a large cluster and tells kubewire nothing.
	 */
	env: Readonly<Record<string, string | null>>;
}

/** One entry of a pod's status.conditions, as the API gives it ("True", "False", "Unknown"). */
export interface PodCondition {
	type: string;
	status: string;
}

export interface Pod extends Meta {
	owner?: OwnerReference;
	nodeName: string;
	hostname: string;
	subdomain: string;
	phase: string;
	podIP: string;
	podIPs: string[];
	/** The pod's Ready condition is True. */
	ready: boolean;
	hostNetwork: boolean;
	terminating: boolean;
	containers: Container[];
	/** spec.readinessGates' condition types: the pod is Ready only when each is True. */
	readinessGates: readonly string[];
	/** status.conditions, kept only for a pod with readinessGates: the gates are all that reads them. */
	conditions: readonly PodCondition[];
	/** The object carried a `status` at all: manifests do not, and no status finding is drawn from that. */
	hasStatus: boolean;
	/** Stands for a pod a workload will create (manifests without pods): neither Ready nor unready. */
	planned?: boolean;
}

/** A manifest whose apiVersion current clusters no longer serve: `kubectl apply` refuses it there. */
export interface RemovedApi {
	kind: string;
	namespace: string;
	name: string;
	apiVersion: string;
	/** The Kubernetes release that stopped serving it ("1.22"), or the Gateway API CRDs' ("Gateway API v1.2"). */
	removedIn: string;
}

/** A Secret a custom resource makes once applied (a cert-manager Certificate's spec.secretName). */
export interface SecretMaker {
	namespace: string;
	/** The Secret's name. */
	name: string;
	/** "Certificate shop/web-tls (cert-manager)" */
	by: string;
}

/**
 * A custom resource whose operator makes pods (cluster/pod-makers.ts): in manifests, its labels
 * stand for pods kubewire cannot plan, so a selector it carries is not judged to match nothing.
 */
export interface PodMaker {
	kind: string;
	apiVersion: string;
	namespace: string;
	name: string;
	/** The resource's labels and its pod template's, which the operator's pods carry. */
	labels: Labels;
	/**
	 * Other `labels` maps in its spec: pods it makes at some step (an Argo Rollout's experiment
	 * templates, a preview stack) carry one of these instead.
	 */
	otherLabels: Labels[];
	/**
	 * A full pod template (spec.template with containers, as an Argo Rollout or a Kruise CloneSet
	 * has): its pods are planned from it as a Deployment's are. Absent when the operator decides
	 * the pods (a Prometheus): then only the labels stand for them.
	 */
	template?: PodTemplate;
	/** spec.replicas, 1 when left out. */
	replicas: number;
	/** spec.selector, when the resource gives one (to find its pods in a capture). */
	selector?: LabelSelector;
	/** The object carried a status: read from a cluster, not a manifest. */
	hasStatus: boolean;
}

/** The pod template of a workload: what its pods will look like. */
export interface PodTemplate {
	labels: Labels;
	annotations: Labels;
	hostname: string;
	subdomain: string;
	hostNetwork: boolean;
	containers: Container[];
	readinessGates: readonly string[];
	/** Where the scheduler may put its pods; absent when the template writes no constraint (any node). */
	placement?: NodePlacement;
}

/**
 * A pod template's node constraints: spec.nodeSelector and the terms of its required node
 * affinity (ORed; each term's requirements ANDed). Taints and tolerations are not read. How a
 * DaemonSet such as kube-proxy's leaves out Windows, Fargate or (Calico eBPF) every node.
 */
export interface NodePlacement {
	nodeSelector: Labels;
	/** Empty: no required node affinity. */
	terms: NodeSelectorTerm[];
}

/** One nodeSelectorTerm: label requirements (In, NotIn, Exists, DoesNotExist, Gt, Lt) and field requirements (metadata.name). */
export interface NodeSelectorTerm {
	matchExpressions: LabelSelectorRequirement[];
	matchFields: LabelSelectorRequirement[];
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

/** A controller of pods. Its template stands for its pods when the input holds none of them. */
export interface Workload extends Meta {
	kind: WorkloadKind;
	/** undefined when the object gives none (ReplicationController: its template's labels apply). */
	selector?: LabelSelector;
	/** spec.replicas as written, 1 when left out (Job: parallelism; DaemonSet: 1 per node, kept as 1). */
	replicas: number;
	template: PodTemplate;
	/** StatefulSet spec.serviceName: the headless Service that gives its pods their DNS names ('' otherwise). */
	serviceName: string;
	owner?: OwnerReference;
	/** status.readyReplicas / status.replicas when the object carries a status. */
	readyReplicas?: number;
	statusReplicas?: number;
	hasStatus: boolean;
	creationTimestamp: string;
}

export interface ServiceBackendPort {
	number?: number;
	name?: string;
}

export interface IngressBackend {
	service?: { name: string; port: ServiceBackendPort };
	resource?: { apiGroup: string; kind: string; name: string };
}

export interface IngressPath {
	/** '' when the object left it out. */
	path: string;
	pathType: string;
	backend: IngressBackend;
}

export interface IngressRule {
	/** '' means every host. */
	host: string;
	paths: IngressPath[];
}

export interface IngressTLS {
	hosts: string[];
	secretName: string;
}

export interface Ingress extends Meta {
	ingressClassName?: string;
	defaultBackend?: IngressBackend;
	rules: IngressRule[];
	tls: IngressTLS[];
	loadBalancerIngress: LoadBalancerIngress[];
	/** The apiVersion the object was written in (extensions/v1beta1 and v1 shapes are both read). */
	apiVersion: string;
	/** metadata.creationTimestamp ('' when absent): controllers let the older of two duplicate rules win. */
	creationTimestamp?: string;
	/** The object carried a `status` at all (manifests do not). */
	hasStatus: boolean;
}

export interface IngressClass extends Meta {
	controller: string;
	/** The `ingressclass.kubernetes.io/is-default-class` annotation is "true". */
	isDefault: boolean;
	/** metadata.creationTimestamp ('' when absent): with several defaults the newest one is applied. */
	creationTimestamp?: string;
}

export interface NodeAddress {
	type: string;
	address: string;
}

export interface Node extends Meta {
	addresses: NodeAddress[];
	podCIDRs: string[];
	ready: boolean;
	unschedulable: boolean;
}

export interface Namespace extends Meta {
	phase: string;
}

export interface IPBlock {
	cidr: string;
	except: string[];
}

export interface NetworkPolicyPeer {
	podSelector?: LabelSelector;
	namespaceSelector?: LabelSelector;
	ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
	protocol: Protocol;
	/** Undefined: every port. A number, or a named container port. */
	port?: number | string;
	endPort?: number;
}

export interface NetworkPolicyRule {
	/** Empty means every peer, as the API says for a missing or empty `from`/`to`. */
	peers: NetworkPolicyPeer[];
	/** Empty means every port. */
	ports: NetworkPolicyPort[];
}

export interface NetworkPolicy extends Meta {
	podSelector: LabelSelector;
	/** As the API server defaults it: Ingress always, Egress when egress rules exist. */
	policyTypes: string[];
	ingress: NetworkPolicyRule[];
	egress: NetworkPolicyRule[];
}

/** Secrets are kept as metadata only: kubewire never reads, keeps or prints their data. */
export interface Secret extends Meta {
	type: string;
}

/** The settings kube-proxy runs with, from its ConfigMap's `config.conf` (KubeProxyConfiguration). */
export interface ProxyConfig {
	/** Where it came from: "ConfigMap kube-system/kube-proxy" or a file path. */
	source: string;
	/**
	 * Set when the ConfigMap holds a configuration kubewire could not parse (the reason): then no
	 * field below is set, nothing is drawn from it, and the kube-proxy views say it was not read.
	 */
	unreadable?: string;
	/** The kube-system ConfigMap and key it was read from (unset for a --proxy-config file). */
	configMap?: { name: string; key: string };
	/** clusterCIDR written as "" (EKS's add-on): kube-proxy runs with no cluster CIDR, which is not "unknown". */
	clusterCIDREmpty?: boolean;
	mode?: string;
	clusterCIDR?: string;
	detectLocalMode?: string;
	/** detectLocal.bridgeInterface / detectLocal.interfaceNamePrefix, for those detectLocalModes. */
	bridgeInterface?: string;
	interfaceNamePrefix?: string;
	masqueradeAll?: boolean;
	masqueradeBit?: number;
	localhostNodePorts?: boolean;
	nodePortAddresses?: string[];
	/** nftables.masqueradeAll / nftables.masqueradeBit: what nftables mode reads instead of the iptables ones. */
	nftablesMasqueradeAll?: boolean;
	nftablesMasqueradeBit?: number;
}

/** A status condition as a Gateway API controller wrote it (type, "True"/"False"/"Unknown", reason). */
export interface StatusCondition {
	type: string;
	status: string;
	reason: string;
}

/** gateway.networking.k8s.io GatewayClass: which controller implements the Gateways of this class. */
export interface GatewayClass extends Meta {
	controllerName: string;
	/** The Accepted condition its controller (or, with no controller, the API server's default: Unknown/Pending) wrote; undefined without status (manifests). */
	accepted?: StatusCondition;
}

export interface RouteGroupKind {
	/** '' stands for gateway.networking.k8s.io, the API's default. */
	group: string;
	kind: string;
}

/** A reference to a Secret (or other object) a listener's TLS names. */
export interface SecretObjectReference {
	group: string;
	kind: string;
	/** '' means the Gateway's own namespace. */
	namespace: string;
	name: string;
}

export interface GatewayListener {
	name: string;
	port: number;
	protocol: string;
	/** '' means every host. */
	hostname: string;
	/** allowedRoutes.namespaces.from as written ('' when left out: the API default is Same). */
	allowedFrom: string;
	allowedSelector?: LabelSelector;
	/** allowedRoutes.kinds; empty means the kinds the protocol implies. */
	allowedKinds: RouteGroupKind[];
	certificateRefs: SecretObjectReference[];
	tlsMode: string;
}

export interface ListenerStatusRecord {
	name: string;
	attachedRoutes?: number;
	conditions: StatusCondition[];
}

export interface Gateway extends Meta {
	gatewayClassName: string;
	listeners: GatewayListener[];
	hasStatus: boolean;
	conditions: StatusCondition[];
	listenerStatus: ListenerStatusRecord[];
	creationTimestamp: string;
}

export interface ParentRef {
	/** '' stands for gateway.networking.k8s.io. */
	group: string;
	/** '' stands for Gateway. */
	kind: string;
	/** '' means the route's own namespace. */
	namespace: string;
	name: string;
	sectionName?: string;
	port?: number;
}

export interface RouteBackendRef {
	/** '' is the core group (a Service). */
	group: string;
	/** '' stands for Service. */
	kind: string;
	/** '' means the route's own namespace. */
	namespace: string;
	name: string;
	port?: number;
	/** 1 when left out, as the API defaults it. */
	weight: number;
}

export interface RouteValueMatch {
	/** Exact (default), RegularExpression or an implementation-specific type. */
	type: string;
	name: string;
	value: string;
}

/** One entry of a rule's `matches`: HTTPRoute and GRPCRoute fields side by side (each kind uses its own). */
export interface RouteMatch {
	/** HTTPRoute: path match (type PathPrefix/Exact/RegularExpression); undefined when left out. */
	path?: { type: string; value: string };
	/** HTTPRoute: method match. */
	method?: string;
	queryParams: RouteValueMatch[];
	headers: RouteValueMatch[];
	/** GRPCRoute: service/method match. */
	grpc?: { type: string; service: string; method: string };
}

export interface RouteFilter {
	type: string;
	/** RequestRedirect's settings, when that is the filter. */
	redirect?: {
		scheme?: string;
		hostname?: string;
		port?: number;
		statusCode?: number;
		path?: { type: string; replaceFullPath?: string; replacePrefixMatch?: string };
	};
}

export interface RouteRule {
	name: string;
	matches: RouteMatch[];
	filters: RouteFilter[];
	backendRefs: RouteBackendRef[];
}

export interface RouteParentStatus {
	parentRef: ParentRef;
	conditions: StatusCondition[];
}

/** An HTTPRoute or a GRPCRoute: the two share attachment and backends; their matches differ. */
export interface GatewayRoute extends Meta {
	kind: 'HTTPRoute' | 'GRPCRoute';
	parentRefs: ParentRef[];
	hostnames: string[];
	rules: RouteRule[];
	hasStatus: boolean;
	/** status.parents as the controller wrote them. */
	statusParents: RouteParentStatus[];
	creationTimestamp: string;
}

/**
 * A Gateway API route of a kind kubewire does not model (TCPRoute, TLSRoute, UDPRoute): its
 * parents and backends only, so a listener that carries it and a Service it sends to can say so
 * instead of reading as unreached. Nothing about it is judged.
 */
export interface UnmodelledRoute {
	kind: string;
	namespace: string;
	name: string;
	parentRefs: ParentRef[];
	/** TLSRoute's SNI hostnames; empty for the others. */
	hostnames: string[];
	/** Every rule's backendRefs, in order. */
	backendRefs: RouteBackendRef[];
}

export interface ReferenceGrant extends Meta {
	from: { group: string; kind: string; namespace: string }[];
	/** `name` '' means every object of that kind. */
	to: { group: string; kind: string; name: string }[];
}

/** What the loader could not read; no finding may be drawn from it. */
export interface Unreadable {
	/** Plural resource name, as the API names it: "pods", "secrets", "endpointslices". */
	resource: string;
	/** '' when the whole resource (every namespace) could not be read. */
	namespace: string;
	reason: string;
}

/** An object the loader saw but could not use, with the reason: shown, never silently lost. */
export interface Skipped {
	origin: string;
	kind: string;
	name: string;
	reason: string;
}

export interface SnapshotOrigin {
	kind: 'files' | 'demo' | 'live';
	/** One line for the header: the files read, or "context kind-dev at https://…". */
	description: string;
	context?: string;
	server?: string;
}

export interface Snapshot {
	services: Service[];
	endpointSlices: EndpointSlice[];
	endpoints: Endpoints[];
	pods: Pod[];
	ingresses: Ingress[];
	ingressClasses: IngressClass[];
	nodes: Node[];
	namespaces: Namespace[];
	networkPolicies: NetworkPolicy[];
	secrets: Secret[];
	deployments: Workload[];
	statefulSets: Workload[];
	daemonSets: Workload[];
	replicaSets: Workload[];
	replicationControllers: Workload[];
	jobs: Workload[];
	cronJobs: Workload[];
	gatewayClasses: GatewayClass[];
	gateways: Gateway[];
	httpRoutes: GatewayRoute[];
	grpcRoutes: GatewayRoute[];
	referenceGrants: ReferenceGrant[];
	proxyConfig?: ProxyConfig;
	/**
	 * Cilium's kube-proxy-replacement setting, from its ConfigMap cilium-config (where Helm's
	 * kubeProxyReplacement lands; the agent reads it from there, not from a flag).
	 */
	ciliumKubeProxyReplacement?: { source: string; value: string };
	/** The CIDRs of networking.k8s.io ServiceCIDR objects (nftables mode drops traffic to unallocated ones). */
	serviceCIDRs?: string[];
	unreadable: Unreadable[];
	/**
	 * Set when the input holds a `kubewire capture`: the resources it read completely, so a kind
	 * with no object there was empty in the cluster, not missing from the input.
	 */
	captured?: { resources: string[] };
	skipped: Skipped[];
	/** Files only: custom resources that make pods through an operator (see PodMaker). */
	podMakers?: PodMaker[];
	/** Files only: custom resources that make a Secret once applied (cluster/secret-makers.ts). */
	secretMakers?: SecretMaker[];
	/** Files only: manifests of API versions current Kubernetes no longer serves (cluster/removed-apis.ts). */
	removedApis?: RemovedApi[];
	/** Files only: TCPRoutes, TLSRoutes and UDPRoutes, listed beside the Gateway API routes kubewire models. */
	unmodelledRoutes?: UnmodelledRoute[];
	/** Files only: how many objects of each kind kubewire does not use (CRDs, RBAC…) the input held. */
	unusedKinds?: Record<string, number>;
	origin: SnapshotOrigin;
	/** ISO time the data was read. */
	takenAt: string;
}

/** The Snapshot's arrays of records and the kind of object each holds: one list for every loader. */
export const recordLists = {
	services: 'Service',
	endpointSlices: 'EndpointSlice',
	endpoints: 'Endpoints',
	pods: 'Pod',
	ingresses: 'Ingress',
	ingressClasses: 'IngressClass',
	nodes: 'Node',
	namespaces: 'Namespace',
	networkPolicies: 'NetworkPolicy',
	secrets: 'Secret',
	deployments: 'Deployment',
	statefulSets: 'StatefulSet',
	daemonSets: 'DaemonSet',
	replicaSets: 'ReplicaSet',
	replicationControllers: 'ReplicationController',
	jobs: 'Job',
	cronJobs: 'CronJob',
	gatewayClasses: 'GatewayClass',
	gateways: 'Gateway',
	httpRoutes: 'HTTPRoute',
	grpcRoutes: 'GRPCRoute',
	referenceGrants: 'ReferenceGrant',
} as const satisfies Partial<Record<keyof Snapshot, string>>;

export type RecordListKey = keyof typeof recordLists;

/** The Snapshot lists that hold workloads, by kind. */
export const workloadLists = {
	Deployment: 'deployments',
	StatefulSet: 'statefulSets',
	DaemonSet: 'daemonSets',
	ReplicaSet: 'replicaSets',
	ReplicationController: 'replicationControllers',
	Job: 'jobs',
	CronJob: 'cronJobs',
} as const satisfies Record<WorkloadKind, RecordListKey>;

export function emptySnapshot(origin: SnapshotOrigin, takenAt = new Date().toISOString()): Snapshot {
	return {
		services: [],
		endpointSlices: [],
		endpoints: [],
		pods: [],
		ingresses: [],
		ingressClasses: [],
		nodes: [],
		namespaces: [],
		networkPolicies: [],
		secrets: [],
		deployments: [],
		statefulSets: [],
		daemonSets: [],
		replicaSets: [],
		replicationControllers: [],
		jobs: [],
		cronJobs: [],
		gatewayClasses: [],
		gateways: [],
		httpRoutes: [],
		grpcRoutes: [],
		referenceGrants: [],
		unreadable: [],
		skipped: [],
		origin,
		takenAt,
	};
}

export type Unsubscribe = () => void;

/** How a live source is doing; files and the demo are always "static". */
export interface StreamHealth {
	state: 'static' | 'loading' | 'live' | 'reconnecting' | 'error';
	/** One line for the status bar ("watch reconnecting in 4s: connection refused"). */
	message?: string;
	/** Per kind while the first lists load: "pods 1200/…". */
	progress?: Record<string, string>;
	/** ISO time of the last change seen. */
	updatedAt?: string;
}

/**
 * What the UI is handed: the current snapshot and a way to hear about newer ones. Screens
 * neither fetch nor know where the data came from.
 */
export interface SnapshotStream {
	current(): Snapshot;
	subscribe(onChange: () => void): Unsubscribe;
	health(): StreamHealth;
	/** Ask a live source to reconnect after an error; a no-op for static sources. */
	retry?(): void;
	/**
	 * A source read in the background (a large capture opened in the TUI, cluster/file-stream.ts):
	 * resolves once it is read, and rejects with the error that leaves nothing to show, which the
	 * TUI then reports as the commands do (one line, exit status 2).
	 */
	settled?: Promise<void>;
	close?(): void;
	/**
	 * What changed from `earlier` (a Snapshot this stream handed out) to current(); undefined
	 * when the stream no longer knows (then the whole Snapshot counts as changed).
	 */
	changesSince?(earlier: Snapshot): SnapshotChanges | undefined;
}

/**
 * What changed between two Snapshots of one live stream, so the model re-analyses only what a
 * watch batch can affect: per record list, the keys (`namespace/name`; `/name` for cluster-scoped
 * kinds) of objects added, changed or removed, and whether anything outside the record lists
 * changed (what could not be read, kube-proxy's settings).
 */
export interface SnapshotChanges {
	lists: Partial<Record<RecordListKey, ReadonlySet<string>>>;
	other: boolean;
}

/** A stream that never changes: files and the demo. */
export function staticStream(snapshot: Snapshot): SnapshotStream {
	return {
		current: () => snapshot,
		subscribe: () => () => {},
		health: () => ({ state: 'static', updatedAt: snapshot.takenAt }),
	};
}
