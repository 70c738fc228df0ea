#!/usr/bin/env node
/**
 * Writes a synthetic cluster as one `kind: List` JSON file shaped like `kubectl get … -o json`
 * output, so the benchmark can measure kubewire at Kubernetes' scalability thresholds without a
 * real cluster. Objects carry the fields a real API server returns (not only the ones kubewire
 * reads), so parse cost and memory are realistic; a few per cent of the Services are broken in
 * the ways the diagnostics look for. The same seed always gives the same bytes.
 *
 *   node bench/generate.mjs --services 10000 --pods 100000 --nodes 1000 --out /tmp/c.json [--seed 1]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/** A small seeded PRNG (mulberry32): deterministic and fast enough for millions of draws. */
function rng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
	};
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const words = [
	'cart', 'checkout', 'orders', 'payments', 'billing', 'search', 'catalog', 'inventory', 'users', 'auth',
	'session', 'gateway', 'frontend', 'backend', 'api', 'worker', 'notifier', 'mailer', 'reports', 'metrics',
	'ledger', 'pricing', 'shipping', 'reviews', 'media', 'thumbs', 'profile', 'feed', 'chat', 'queue',
];
const teams = ['shop', 'core', 'data', 'platform', 'growth', 'risk', 'identity', 'ops', 'edge', 'ml'];
const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const images = ['nginx:1.27.3', 'ghcr.io/acme/app:2.14.0', 'registry.acme.io/svc/java:17-jre', 'python:3.12-slim'];
const baseTime = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * @typedef {{ services: number, pods: number, nodes: number, seed: number }} GenerateOptions
 * @typedef {{ services: number, pods: number, nodes: number, namespaces: number, endpointSlices: number,
 *   ingresses: number, networkPolicies: number, secrets: number, deployments: number, statefulSets: number,
 *   gateways: number, httpRoutes: number, broken: Record<string, number>, bytes: number }} GenerateSummary
 */

/**
 * Streams the cluster to `out` and returns what it wrote. Memory stays small: each object is
 * built, serialised and written before the next one.
 * @param {GenerateOptions} options
 * @param {string} out
 * @returns {GenerateSummary}
 */
export function generate(options, out) {
	const r = rng(options.seed);
	const fd = openSync(out, 'w');
	let buffer = '';
	let bytes = 0;
	let first = true;
	const flush = () => {
		if (buffer === '') return;
		bytes += writeSync(fd, buffer);
		buffer = '';
	};
	const emitText = (text) => {
		buffer += (first ? '' : ',') + text;
		first = false;
		if (buffer.length > 1 << 20) flush();
	};
	const emit = (object) => emitText(JSON.stringify(object));
	const uidFrom = (gen) => () => {
		const hex = () => Math.floor(gen.next() * 0x10000).toString(16).padStart(4, '0');
		return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
	};
	const uid = uidFrom(r);
	const suffix = (n) => {
		let s = '';
		for (let i = 0; i < n; i++) s += suffixAlphabet[Math.floor(r.next() * suffixAlphabet.length)];
		return s;
	};
	let resourceVersion = 100000;
	const rv = () => String(resourceVersion++);
	const stamp = (offsetHours) => new Date(baseTime + offsetHours * 3600_000).toISOString().replace('.000', '');

	buffer = '{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[';

	// Nodes: one /24 of pod addresses each, pods placed round-robin so every node has a share.
	const nodeCount = Math.max(1, options.nodes);
	const podsPerNode = Math.ceil(options.pods / nodeCount);
	if (podsPerNode > 250) throw new Error(`${podsPerNode} pods per node do not fit a /24 podCIDR; add nodes`);
	const nodes = [];
	for (let i = 0; i < nodeCount; i++) {
		const a = 64 + (i >> 8);
		const b = i & 255;
		const host = i + 10;
		const internal = `172.${16 + (host >> 16)}.${(host >> 8) & 255}.${host & 255}`;
		const name = `ip-${internal.replaceAll('.', '-')}.eu-west-1.compute.internal`;
		nodes.push({ name, podNet: `10.${a}.${b}`, zone: zones[i % zones.length] });
		emit({
			apiVersion: 'v1',
			kind: 'Node',
			metadata: {
				name,
				uid: uid(),
				resourceVersion: rv(),
				creationTimestamp: stamp(-2000 + i / 100),
				labels: {
					'beta.kubernetes.io/arch': 'amd64',
					'beta.kubernetes.io/os': 'linux',
					'kubernetes.io/arch': 'amd64',
					'kubernetes.io/hostname': name,
					'kubernetes.io/os': 'linux',
					'node.kubernetes.io/instance-type': 'm6i.2xlarge',
					'topology.kubernetes.io/region': 'eu-west-1',
					'topology.kubernetes.io/zone': zones[i % zones.length],
				},
				annotations: {
					'node.alpha.kubernetes.io/ttl': '0',
					'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
				},
			},
			spec: { podCIDR: `10.${a}.${b}.0/24`, podCIDRs: [`10.${a}.${b}.0/24`], providerID: `aws:///eu-west-1a/i-0${suffix(16)}` },
			status: {
				addresses: [
					{ type: 'InternalIP', address: internal },
					{ type: 'Hostname', address: name },
					{ type: 'InternalDNS', address: name },
				],
				allocatable: { cpu: '7910m', 'ephemeral-storage': '95491281146', memory: '31482140Ki', pods: '110' },
				capacity: { cpu: '8', 'ephemeral-storage': '104845292Ki', memory: '32500508Ki', pods: '110' },
				conditions: [
					{ type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: stamp(0), lastTransitionTime: stamp(-2000) },
					{ type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', lastHeartbeatTime: stamp(0), lastTransitionTime: stamp(-2000) },
					{ type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', lastHeartbeatTime: stamp(0), lastTransitionTime: stamp(-2000) },
					{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: stamp(0), lastTransitionTime: stamp(-2000) },
				],
				nodeInfo: {
					architecture: 'amd64',
					containerRuntimeVersion: 'containerd://1.7.22',
					kernelVersion: '6.1.112-122.189.amzn2023.x86_64',
					kubeProxyVersion: 'v1.31.2',
					kubeletVersion: 'v1.31.2',
					operatingSystem: 'linux',
					osImage: 'Amazon Linux 2023.6.20241031',
				},
			},
		});
	}

	// Namespaces: about one per hundred Services, as teams split a large cluster.
	const namespaceCount = Math.max(1, Math.ceil(options.services / 100));
	const namespaces = [];
	for (let i = 0; i < namespaceCount; i++) {
		const name = `${teams[i % teams.length]}-${String(i).padStart(4, '0')}`;
		namespaces.push(name);
		emit({
			apiVersion: 'v1',
			kind: 'Namespace',
			metadata: {
				name,
				uid: uid(),
				resourceVersion: rv(),
				creationTimestamp: stamp(-1900),
				labels: { 'kubernetes.io/metadata.name': name, team: teams[i % teams.length] },
			},
			spec: { finalizers: ['kubernetes'] },
			status: { phase: 'Active' },
		});
	}
	emit({
		apiVersion: 'networking.k8s.io/v1',
		kind: 'IngressClass',
		metadata: {
			name: 'nginx',
			uid: uid(),
			resourceVersion: rv(),
			creationTimestamp: stamp(-1950),
			annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
			labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
		},
		spec: { controller: 'k8s.io/ingress-nginx' },
	});
	emit({
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: { name: 'kube-proxy', namespace: 'kube-system', uid: uid(), resourceVersion: rv(), labels: { app: 'kube-proxy' } },
		data: {
			'config.conf':
				'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\nclusterCIDR: 10.64.0.0/10\n' +
				'iptables:\n  masqueradeAll: false\n  masqueradeBit: 14\n  minSyncPeriod: 1s\n  syncPeriod: 30s\nnodePortAddresses: null\n',
		},
	});

	// Services, their pods and slices are planned first so the pod count comes out exact.
	const broken = { selectorTypo: 0, podsNotReady: 0, namedPortMissing: 0, ingressMissingService: 0, tlsSecretMissing: 0 };
	const plans = [];
	for (let i = 0; i < options.services; i++) {
		const namespace = namespaces[Math.floor((i * namespaceCount) / options.services)];
		const name = `${words[i % words.length]}-${r.pick(['api', 'svc', 'web', 'grpc', 'worker', 'cache'])}-${i}`;
		const roll = r.next();
		const type = roll < 0.01 ? 'ExternalName' : roll < 0.04 ? 'LoadBalancer' : roll < 0.1 ? 'NodePort' : 'ClusterIP';
		const headless = type === 'ClusterIP' && r.chance(0.05);
		const selectorless = type === 'ClusterIP' && !headless && r.chance(0.01);
		const fault = type === 'ExternalName' || selectorless ? '' : pickFault(r);
		if (fault) broken[fault]++;
		plans.push({ index: i, namespace, name, type, headless, selectorless, fault, replicas: 0, uid: uid() });
	}
	const withPods = plans.filter((p) => p.type !== 'ExternalName' && !p.selectorless);
	// A few Services are much larger than the rest, so some need several EndpointSlices.
	const weights = withPods.map(() => (r.chance(0.01) ? 25 : 0.5 + r.next()));
	const total = weights.reduce((a, b) => a + b, 0);
	let assigned = 0;
	withPods.forEach((p, i) => {
		p.replicas = Math.max(1, Math.floor((weights[i] / total) * options.pods));
		assigned += p.replicas;
	});
	for (let i = 0; assigned < options.pods && withPods.length > 0; i = (i + 1) % withPods.length, assigned++) withPods[i].replicas++;
	for (let i = 0; assigned > options.pods && withPods.length > 0; i = (i + 1) % withPods.length) {
		if (withPods[i].replicas > 1) {
			withPods[i].replicas--;
			assigned--;
		}
	}

	let podSeq = 0;
	let sliceCount = 0;
	/** Pods are written after all slices; kept as text meanwhile, which is far smaller than objects. */
	const podTexts = [];
	for (const p of plans) {
		const appLabels = { app: p.name, 'app.kubernetes.io/name': p.name, 'app.kubernetes.io/part-of': p.namespace.split('-')[0] };
		const named = r.chance(0.6);
		const targetPort = p.fault === 'namedPortMissing' ? 'metrics-http' : named ? 'http' : 8080;
		const ports = [{ name: 'http', protocol: 'TCP', port: 80, targetPort }];
		if (r.chance(0.3)) ports.push({ name: 'grpc', protocol: 'TCP', port: 9090, targetPort: named ? 'grpc' : 9090 });
		// 10.96.0.1 and .10 belong to the kubernetes and kube-dns Services: start above them.
		const n = p.index + 16;
		const ip = `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
		const spec = { type: p.type, sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' };
		if (p.type === 'ExternalName') {
			Object.assign(spec, { externalName: `${p.name}.partner.example.com` });
		} else {
			Object.assign(spec, { clusterIP: p.headless ? 'None' : ip, clusterIPs: [p.headless ? 'None' : ip], ports });
			if (!p.selectorless) spec.selector = p.fault === 'selectorTypo' ? { ...appLabels, app: `${p.name}-v2` } : appLabels;
		}
		if (p.type === 'NodePort' || p.type === 'LoadBalancer') {
			ports.forEach((port, k) => (port.nodePort = 30000 + ((p.index * 2 + k) % 2767)));
			spec.externalTrafficPolicy = r.chance(0.2) ? 'Local' : 'Cluster';
			if (spec.externalTrafficPolicy === 'Local' && p.type === 'LoadBalancer') spec.healthCheckNodePort = 32000 + (p.index % 767);
		}
		const status = { loadBalancer: {} };
		if (p.type === 'LoadBalancer' && r.chance(0.9)) {
			status.loadBalancer = { ingress: [{ hostname: `a${suffix(12)}-${p.index}.elb.eu-west-1.amazonaws.com` }] };
		}
		emit({
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {
				name: p.name,
				namespace: p.namespace,
				uid: p.uid,
				resourceVersion: rv(),
				creationTimestamp: stamp(-1000 + p.index / 50),
				labels: { ...appLabels, 'app.kubernetes.io/managed-by': 'Helm' },
				annotations: { 'meta.helm.sh/release-name': p.name, 'meta.helm.sh/release-namespace': p.namespace },
			},
			spec,
			status,
		});
		p.ports = ports;

		if (p.replicas === 0 && !p.selectorless) continue;
		// The Deployment's pods: the same template, spread round-robin over the nodes. A headless
		// Service governs a StatefulSet instead: its pods are NAME-0, NAME-1…
		const hash = suffix(10);
		const rsName = `${p.name}-${hash}`;
		const rsUid = uid();
		p.hash = hash;
		p.appLabels = appLabels;
		const endpoints = [];
		for (let k = 0; k < p.replicas; k++) {
			const seq = podSeq++;
			const node = nodes[seq % nodeCount];
			const podIP = `${node.podNet}.${Math.floor(seq / nodeCount) + 2}`;
			const generated = `${rsName}-${suffix(5)}`;
			const podName = p.headless ? `${p.name}-${k}` : generated;
			const podUid = uid();
			const ready = p.fault === 'podsNotReady' ? false : !r.chance(0.005);
			const container = {
				name: 'app',
				image: r.pick(images),
				imagePullPolicy: 'IfNotPresent',
				ports: [
					{ name: 'http', containerPort: 8080, protocol: 'TCP' },
					{ name: 'grpc', containerPort: 9090, protocol: 'TCP' },
				],
				env: [
					{ name: 'SERVICE_NAME', value: p.name },
					{ name: 'LOG_LEVEL', value: 'info' },
				],
				resources: { limits: { memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
				terminationMessagePath: '/dev/termination-log',
				terminationMessagePolicy: 'File',
				volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
			};
			const condition = (type, status) => ({ type, status, lastProbeTime: null, lastTransitionTime: stamp(-10) });
			p.container ??= container;
			podTexts.push(JSON.stringify({
				apiVersion: 'v1',
				kind: 'Pod',
				metadata: {
					name: podName,
					generateName: `${rsName}-`,
					namespace: p.namespace,
					uid: podUid,
					resourceVersion: rv(),
					creationTimestamp: stamp(-10),
					labels: p.headless ? { ...appLabels, 'apps.kubernetes.io/pod-index': String(k), 'statefulset.kubernetes.io/pod-name': `${p.name}-${k}` } : { ...appLabels, 'pod-template-hash': hash },
					ownerReferences: [p.headless ? { apiVersion: 'apps/v1', kind: 'StatefulSet', name: p.name, uid: rsUid, controller: true, blockOwnerDeletion: true } : { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsUid, controller: true, blockOwnerDeletion: true }],
				},
				spec: {
					containers: [container],
					dnsPolicy: 'ClusterFirst',
					nodeName: node.name,
					restartPolicy: 'Always',
					schedulerName: 'default-scheduler',
					...(p.headless ? { hostname: `${p.name}-${k}`, subdomain: p.name } : {}),
					securityContext: { runAsNonRoot: true },
					serviceAccountName: 'default',
					terminationGracePeriodSeconds: 30,
					tolerations: [
						{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
						{ effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
					],
					volumes: [{ name: 'kube-api-access', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
				},
				status: {
					conditions: [
						condition('PodReadyToStartContainers', 'True'),
						condition('Initialized', 'True'),
						condition('Ready', ready ? 'True' : 'False'),
						condition('ContainersReady', ready ? 'True' : 'False'),
						condition('PodScheduled', 'True'),
					],
					containerStatuses: [
						{
							name: 'app',
							image: container.image,
							imageID: `docker.io/library/app@sha256:${suffix(20)}`,
							containerID: `containerd://${suffix(24)}`,
							ready,
							restartCount: ready ? 0 : 3,
							started: true,
							state: { running: { startedAt: stamp(-10) } },
						},
					],
					hostIP: node.name.slice(3, node.name.indexOf('.')).replaceAll('-', '.'),
					phase: 'Running',
					podIP,
					podIPs: [{ ip: podIP }],
					qosClass: 'Burstable',
					startTime: stamp(-10),
				},
			}));
			endpoints.push({
				addresses: [podIP],
				conditions: { ready, serving: ready, terminating: false },
				nodeName: node.name,
				targetRef: { kind: 'Pod', namespace: p.namespace, name: podName, uid: podUid },
				zone: node.zone,
			});
		}
		if (p.selectorless) {
			endpoints.push({ addresses: [`192.168.${p.index & 255}.10`], conditions: { ready: true } });
		}
		// The EndpointSlice controller: at most 100 endpoints per slice; no endpoints when a
		// selector matches nothing or a named port resolves on no pod (the slice still exists).
		const matched = p.fault === 'selectorTypo' || p.fault === 'namedPortMissing' ? [] : endpoints;
		const slicePorts = p.fault === 'namedPortMissing' ? null : ports.map((port) => ({ name: port.name, port: typeof port.targetPort === 'number' ? port.targetPort : port.targetPort === 'grpc' ? 9090 : 8080, protocol: 'TCP' }));
		for (let start = 0; start === 0 || start < matched.length; start += 100) {
			sliceCount++;
			emit({
				apiVersion: 'discovery.k8s.io/v1',
				kind: 'EndpointSlice',
				metadata: {
					name: `${p.name}-${suffix(5)}`,
					generateName: `${p.name}-`,
					namespace: p.namespace,
					uid: uid(),
					resourceVersion: rv(),
					creationTimestamp: stamp(-10),
					labels: {
						...appLabels,
						'endpointslice.kubernetes.io/managed-by': p.selectorless ? 'staff' : 'endpointslice-controller.k8s.io',
						'kubernetes.io/service-name': p.name,
					},
					annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': stamp(-10) },
					ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: p.name, uid: p.uid, controller: true, blockOwnerDeletion: true }],
				},
				addressType: 'IPv4',
				endpoints: matched.length === 0 ? null : matched.slice(start, start + 100),
				ports: slicePorts,
			});
		}
	}
	// Pods after slices, as `kubectl get svc,endpointslices,pods` lists them kind by kind.
	for (const text of podTexts) emitText(text);
	podTexts.length = 0;

	// The workloads behind the pods: a Deployment per Service with pods, a StatefulSet per
	// headless one (drawn from a generator of their own, so the objects above stay as they were).
	const w = rng(options.seed ^ 0x5eed);
	const wuid = uidFrom(w);
	let deploymentCount = 0;
	let statefulSetCount = 0;
	for (const p of plans) {
		if (!p.container || p.selectorless) continue;
		const template = {
			metadata: { labels: p.headless ? p.appLabels : { ...p.appLabels }, annotations: { 'kubectl.kubernetes.io/restartedAt': stamp(-100) } },
			spec: {
				containers: [{ ...p.container, image: w.pick(images) }],
				dnsPolicy: 'ClusterFirst',
				restartPolicy: 'Always',
				schedulerName: 'default-scheduler',
				securityContext: { runAsNonRoot: true },
				terminationGracePeriodSeconds: 30,
			},
		};
		const metadata = {
			name: p.name,
			namespace: p.namespace,
			uid: wuid(),
			resourceVersion: rv(),
			generation: 1 + w.int(0, 5),
			creationTimestamp: stamp(-1000 + p.index / 50),
			labels: { ...p.appLabels, 'app.kubernetes.io/managed-by': 'Helm' },
			annotations: { 'meta.helm.sh/release-name': p.name, 'meta.helm.sh/release-namespace': p.namespace },
		};
		const status = { observedGeneration: metadata.generation, replicas: p.replicas, readyReplicas: p.replicas, availableReplicas: p.replicas, updatedReplicas: p.replicas };
		if (p.headless) {
			statefulSetCount++;
			emit({
				apiVersion: 'apps/v1',
				kind: 'StatefulSet',
				metadata,
				spec: { replicas: p.replicas, serviceName: p.name, podManagementPolicy: 'OrderedReady', selector: { matchLabels: p.appLabels }, template, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
				status: { ...status, currentReplicas: p.replicas, currentRevision: `${p.name}-${p.hash}`, updateRevision: `${p.name}-${p.hash}` },
			});
		} else {
			deploymentCount++;
			emit({
				apiVersion: 'apps/v1',
				kind: 'Deployment',
				metadata: { ...metadata, annotations: { ...metadata.annotations, 'deployment.kubernetes.io/revision': String(metadata.generation) } },
				spec: { replicas: p.replicas, revisionHistoryLimit: 10, selector: { matchLabels: p.appLabels }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, template },
				status: {
					...status,
					conditions: [
						{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastUpdateTime: stamp(-10), lastTransitionTime: stamp(-10) },
						{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: stamp(-10), lastTransitionTime: stamp(-10) },
					],
				},
			});
		}
	}

	// Gateway API beside the Ingresses: a GatewayClass, a Gateway per namespace, an HTTPRoute per
	// twenty Services (the other half of the ones Ingresses serve).
	let gatewayCount = 0;
	let routeCount = 0;
	emit({
		apiVersion: 'gateway.networking.k8s.io/v1',
		kind: 'GatewayClass',
		metadata: { name: 'eg', uid: wuid(), resourceVersion: rv(), generation: 1, creationTimestamp: stamp(-1950) },
		spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
		status: { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Valid GatewayClass', observedGeneration: 1, lastTransitionTime: stamp(-1950) }] },
	});
	for (const namespace of namespaces) {
		gatewayCount++;
		emit({
			apiVersion: 'gateway.networking.k8s.io/v1',
			kind: 'Gateway',
			metadata: { name: 'web', namespace, uid: wuid(), resourceVersion: rv(), generation: 1, creationTimestamp: stamp(-1800) },
			spec: {
				gatewayClassName: 'eg',
				listeners: [
					{ name: 'http', protocol: 'HTTP', port: 80, hostname: `*.${namespace}.gw.example.com`, allowedRoutes: { namespaces: { from: 'Same' } } },
					{ name: 'https', protocol: 'HTTPS', port: 443, hostname: `*.${namespace}.gw.example.com`, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: `${namespace}-gw-tls` }] }, allowedRoutes: { namespaces: { from: 'Same' } } },
				],
			},
			status: {
				addresses: [{ type: 'Hostname', value: `gw-${namespace}.elb.eu-west-1.amazonaws.com` }],
				conditions: [
					{ type: 'Accepted', status: 'True', reason: 'Accepted', observedGeneration: 1, lastTransitionTime: stamp(-1800) },
					{ type: 'Programmed', status: 'True', reason: 'Programmed', observedGeneration: 1, lastTransitionTime: stamp(-1800) },
				],
			},
		});
	}
	for (let i = 10; i < plans.length; i += 20) {
		const p = plans[i];
		if (p.type === 'ExternalName') continue;
		routeCount++;
		const other = plans[i + 1];
		const rules = [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name: p.name, port: 80, weight: 1 }] }];
		if (other && other.namespace === p.namespace && other.type !== 'ExternalName') {
			rules.push({ matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ type: 'Exact', name: 'x-api', value: 'v2' }] }], backendRefs: [{ group: '', kind: 'Service', name: other.name, port: 80, weight: 1 }] });
		}
		emit({
			apiVersion: 'gateway.networking.k8s.io/v1',
			kind: 'HTTPRoute',
			metadata: { name: p.name, namespace: p.namespace, uid: wuid(), resourceVersion: rv(), generation: 1, creationTimestamp: stamp(-900) },
			spec: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web', sectionName: 'http' }], hostnames: [`${p.name}.${p.namespace}.gw.example.com`], rules },
			status: {
				parents: [
					{
						parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web', sectionName: 'http' },
						controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
						conditions: [
							{ type: 'Accepted', status: 'True', reason: 'Accepted', observedGeneration: 1, lastTransitionTime: stamp(-900) },
							{ type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', observedGeneration: 1, lastTransitionTime: stamp(-900) },
						],
					},
				],
			},
		});
	}

	// Ingresses: one per twenty Services, on the nginx class, some with TLS.
	let ingressCount = 0;
	let secretCount = 0;
	for (let i = 0; i < plans.length; i += 20) {
		const p = plans[i];
		if (p.type === 'ExternalName') continue;
		const fault = r.chance(0.02) ? 'ingressMissingService' : r.chance(0.02) ? 'tlsSecretMissing' : '';
		if (fault) broken[fault]++;
		const host = `${p.name}.${p.namespace}.apps.example.com`;
		const paths = [{ path: '/', pathType: 'Prefix', backend: { service: { name: fault === 'ingressMissingService' ? `${p.name}-old` : p.name, port: { name: 'http' } } } }];
		const other = plans[i + 1];
		if (other && other.namespace === p.namespace && other.type !== 'ExternalName') {
			paths.push({ path: '/api', pathType: 'Prefix', backend: { service: { name: other.name, port: { number: 80 } } } });
		}
		const tls = r.chance(0.5) || fault === 'tlsSecretMissing';
		const secretName = `${p.name}-tls`;
		ingressCount++;
		emit({
			apiVersion: 'networking.k8s.io/v1',
			kind: 'Ingress',
			metadata: {
				name: p.name,
				namespace: p.namespace,
				uid: uid(),
				resourceVersion: rv(),
				generation: 1,
				creationTimestamp: stamp(-900),
				annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'cert-manager.io/cluster-issuer': 'letsencrypt' },
			},
			spec: {
				ingressClassName: 'nginx',
				rules: [{ host, http: { paths } }],
				...(tls ? { tls: [{ hosts: [host], secretName }] } : {}),
			},
			status: { loadBalancer: { ingress: [{ hostname: 'ingress-nginx.elb.eu-west-1.amazonaws.com' }] } },
		});
		if (tls && fault !== 'tlsSecretMissing') {
			secretCount++;
			emit({
				apiVersion: 'v1',
				kind: 'Secret',
				metadata: { name: secretName, namespace: p.namespace, uid: uid(), resourceVersion: rv(), creationTimestamp: stamp(-900) },
				type: 'kubernetes.io/tls',
				data: { 'tls.crt': 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==', 'tls.key': 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCg==' },
			});
		}
	}

	// NetworkPolicies: every namespace allows its own pods and the ingress controller; a tenth
	// of the Services have a policy of their own for their port.
	let policyCount = 0;
	for (const namespace of namespaces) {
		policyCount++;
		emit({
			apiVersion: 'networking.k8s.io/v1',
			kind: 'NetworkPolicy',
			metadata: { name: 'allow-same-namespace-and-ingress', namespace, uid: uid(), resourceVersion: rv(), generation: 1, creationTimestamp: stamp(-1800) },
			spec: {
				podSelector: {},
				policyTypes: ['Ingress'],
				ingress: [
					{ from: [{ podSelector: {} }] },
					{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] },
				],
			},
		});
	}
	for (const p of plans) {
		if (p.type === 'ExternalName' || p.selectorless || !r.chance(0.1)) continue;
		policyCount++;
		emit({
			apiVersion: 'networking.k8s.io/v1',
			kind: 'NetworkPolicy',
			metadata: { name: `${p.name}-allow-monitoring`, namespace: p.namespace, uid: uid(), resourceVersion: rv(), generation: 1, creationTimestamp: stamp(-800) },
			spec: {
				podSelector: { matchLabels: { app: p.name } },
				policyTypes: ['Ingress'],
				ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
			},
		});
	}

	buffer += ']}\n';
	flush();
	closeSync(fd);
	return {
		services: plans.length,
		pods: podSeq,
		nodes: nodeCount,
		namespaces: namespaceCount,
		endpointSlices: sliceCount,
		ingresses: ingressCount,
		networkPolicies: policyCount,
		secrets: secretCount,
		deployments: deploymentCount,
		statefulSets: statefulSetCount,
		gateways: gatewayCount,
		httpRoutes: routeCount,
		broken,
		bytes,
	};
}

/** About 5 % of Services are broken, in the ways the diagnostics catalogue names. */
function pickFault(r) {
	const roll = r.next();
	if (roll < 0.015) return 'selectorTypo';
	if (roll < 0.03) return 'podsNotReady';
	if (roll < 0.04) return 'namedPortMissing';
	return '';
}

function main() {
	const { values } = parseArgs({
		options: {
			services: { type: 'string', default: '1000' },
			pods: { type: 'string' },
			nodes: { type: 'string' },
			out: { type: 'string' },
			seed: { type: 'string', default: '1' },
		},
	});
	const number = (name, text) => {
		const n = Number(text);
		if (!Number.isInteger(n) || n < 0) {
			process.stderr.write(`generate: --${name} must be a whole number, not "${text}"\n`);
			process.exit(2);
		}
		return n;
	};
	if (!values.out) {
		process.stderr.write('generate: --out FILE is required\n');
		process.exit(2);
	}
	const services = number('services', values.services);
	const pods = number('pods', values.pods ?? String(services * 10));
	const nodes = number('nodes', values.nodes ?? String(Math.max(1, Math.ceil(pods / 100))));
	const summary = generate({ services, pods, nodes, seed: number('seed', values.seed) }, values.out);
	process.stdout.write(`${JSON.stringify(summary)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
