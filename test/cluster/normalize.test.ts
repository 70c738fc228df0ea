import { describe, expect, it } from 'vitest';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

describe('normalize: Services', () => {
	it('fills the defaults the API server would (type, protocol, targetPort, policies)', () => {
		const [svc] = snapshotFromYaml('kind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80}]}\n').services;
		expect(svc).toMatchObject({
			type: 'ClusterIP',
			sessionAffinity: 'None',
			externalTrafficPolicy: 'Cluster',
			internalTrafficPolicy: 'Cluster',
			selector: undefined,
		});
		expect(svc?.ports[0]).toMatchObject({ protocol: 'TCP', port: 80, targetPort: 80 });
	});

	it('treats an empty selector map as no selector and a string selector as none at all', () => {
		const s = snapshotFromYaml(`kind: Service
metadata: {name: a}
spec: {selector: {}}
---
kind: Service
metadata: {name: b}
spec: {selector: "app=web", ports: null}
`);
		expect(s.services.map((x) => x.selector)).toEqual([undefined, undefined]);
		expect(s.services[1]?.ports).toEqual([]);
	});

	it('keeps named targetPorts as names and numeric strings as numbers', () => {
		const [svc] = snapshotFromYaml(`kind: Service
metadata: {name: web}
spec: {ports: [{name: http, port: 80, targetPort: http}, {port: 81, targetPort: "8081"}]}
`).services;
		expect(svc?.ports.map((p) => p.targetPort)).toEqual(['http', 8081]);
	});

	it('reads clusterIPs, externalIPs and the load balancer status', () => {
		const [svc] = snapshotFromYaml(`kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, clusterIP: 10.0.0.1, externalIPs: [1.2.3.4], loadBalancerSourceRanges: [10.0.0.0/8]}
status: {loadBalancer: {ingress: [{ip: 5.6.7.8}, {}]}}
`).services;
		expect(svc?.clusterIPs).toEqual(['10.0.0.1']);
		expect(svc?.externalIPs).toEqual(['1.2.3.4']);
		expect(svc?.loadBalancerSourceRanges).toEqual(['10.0.0.0/8']);
		expect(svc?.loadBalancerIngress[0]?.ip).toBe('5.6.7.8');
		expect(svc?.loadBalancerIngress).toHaveLength(2);
	});
});

describe('normalize: Pods', () => {
	const pod = `kind: Pod
metadata:
  name: web-1
  namespace: shop
  labels: {app: web}
  ownerReferences: [{kind: ReplicaSet, name: web-abc, uid: u1, controller: true}]
spec:
  nodeName: worker-1
  hostname: web-1
  subdomain: web
  containers:
  - name: app
    ports: [{name: http, containerPort: 8080}, {containerPort: 9090, protocol: UDP}]
  initContainers:
  - name: proxy
    restartPolicy: Always
    ports: [{name: admin, containerPort: 15000}]
  - name: migrate
    ports: [{name: never, containerPort: 1}]
status:
  phase: Running
  podIP: 10.244.1.5
  conditions: [{type: Ready, status: "True"}]
`;

	it('reads readiness, IPs, node, owner and hostname/subdomain', () => {
		const [p] = snapshotFromYaml(pod).pods;
		expect(p).toMatchObject({
			ready: true,
			podIP: '10.244.1.5',
			podIPs: ['10.244.1.5'],
			nodeName: 'worker-1',
			hostname: 'web-1',
			subdomain: 'web',
			owner: { kind: 'ReplicaSet', name: 'web-abc', controller: true },
		});
	});

	it('keeps container ports with protocols, and native sidecar ports but not plain init containers', () => {
		const [p] = snapshotFromYaml(pod).pods;
		expect(p?.containers.map((c) => [c.name, c.sidecar, c.ports.map((x) => `${x.name}:${x.containerPort}/${x.protocol}`)])).toEqual([
			['app', false, ['http:8080/TCP', ':9090/UDP']],
			['proxy', true, ['admin:15000/TCP']],
		]);
	});

	it('reads a pod with Ready=False and no status at all', () => {
		const s = snapshotFromYaml(`kind: Pod
metadata: {name: a}
status: {conditions: [{type: Ready, status: "False"}]}
---
kind: Pod
metadata: {name: b}
`);
		expect(s.pods.map((p) => p.ready)).toEqual([false, false]);
		expect(s.pods[1]?.containers).toEqual([]);
	});

	it('keeps the conditions a pod with readiness gates is judged by, and none for a pod without gates', () => {
		const s = snapshotFromYaml(`kind: Pod
metadata: {name: gated}
spec: {readinessGates: [{conditionType: target-health.elbv2.k8s.aws/web}]}
status: {conditions: [{type: ContainersReady, status: "True"}, {type: target-health.elbv2.k8s.aws/web, status: "False"}]}
---
kind: Pod
metadata: {name: plain}
status: {conditions: [{type: Ready, status: "True"}]}
`);
		expect(s.pods[0]?.readinessGates).toEqual(['target-health.elbv2.k8s.aws/web']);
		expect(s.pods[0]?.conditions).toEqual([
			{ type: 'ContainersReady', status: 'True' },
			{ type: 'target-health.elbv2.k8s.aws/web', status: 'False' },
		]);
		expect(s.pods[1]).toMatchObject({ ready: true, conditions: [], readinessGates: [] });
	});

	it('shares the empty label map between records without one, and never changes it', () => {
		// A Namespace gains kubernetes.io/metadata.name: on a copy, not on the map the other records share.
		const s = snapshotFromYaml(`kind: Namespace
metadata: {name: shop}
---
kind: Pod
metadata: {name: a, namespace: shop}
---
kind: Service
metadata: {name: b, namespace: shop}
`);
		expect(s.namespaces[0]?.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
		expect(s.pods[0]?.labels).toEqual({});
		expect(s.pods[0]?.labels).toBe(s.services[0]?.labels);
		expect(Object.isFrozen(s.pods[0]?.labels)).toBe(true);
	});
});

describe('normalize: EndpointSlices and Endpoints', () => {
	it('keeps conditions tri-state and links the slice to its Service by label', () => {
		const [slice] = snapshotFromYaml(`kind: EndpointSlice
apiVersion: discovery.k8s.io/v1
metadata: {name: web-abc, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.1]
  conditions: {ready: false, serving: true, terminating: true}
  nodeName: n1
  targetRef: {kind: Pod, name: web-1, namespace: shop}
- addresses: [10.0.0.2]
ports: [{name: http, port: 8080, protocol: TCP}]
`).endpointSlices;
		expect(slice?.serviceName).toBe('web');
		expect(slice?.endpoints[0]?.conditions).toEqual({ ready: false, serving: true, terminating: true });
		expect(slice?.endpoints[1]?.conditions).toEqual({ ready: undefined, serving: undefined, terminating: undefined });
		expect(slice?.endpoints[0]?.targetRef?.name).toBe('web-1');
	});

	it('reads legacy Endpoints with notReadyAddresses and a null subsets', () => {
		const s = snapshotFromYaml(`kind: Endpoints
metadata: {name: web}
subsets:
- addresses: [{ip: 10.0.0.1}]
  notReadyAddresses: [{ip: 10.0.0.2}]
  ports: [{port: 80}]
---
kind: Endpoints
metadata: {name: empty}
subsets: null
`);
		expect(s.endpoints[0]?.subsets[0]?.notReadyAddresses[0]?.ip).toBe('10.0.0.2');
		expect(s.endpoints[1]?.subsets).toEqual([]);
	});
});

describe('normalize: v1beta1 EndpointSlices', () => {
	it('read the node and zone from the topology labels, as kube-proxy did before discovery.k8s.io/v1', () => {
		// Shape of a GKE capture (kubevious/mock-data): no nodeName, topology kubernetes.io/hostname.
		const [slice] = snapshotFromYaml(`apiVersion: discovery.k8s.io/v1beta1
kind: EndpointSlice
metadata: {name: web-x1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.8.0.9]
  conditions: {ready: true}
  topology: {kubernetes.io/hostname: node-b, topology.kubernetes.io/zone: us-central1-a}
- addresses: [10.8.1.3]
  conditions: {ready: true}
  nodeName: node-a
  topology: {kubernetes.io/hostname: node-x}
ports: [{name: http, port: 80, protocol: TCP}]
`).endpointSlices;
		expect(slice!.endpoints.map((e) => [e.nodeName, e.zone])).toEqual([
			['node-b', 'us-central1-a'],
			['node-a', undefined],
		]);
	});
});

describe('normalize: Ingresses, classes, policies, secrets, nodes, namespaces', () => {
	it('reads v1 backends and the legacy serviceName/servicePort shape alike', () => {
		const s = snapshotFromYaml(`apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old, annotations: {kubernetes.io/ingress.class: nginx}}
spec:
  backend: {serviceName: default-http, servicePort: 80}
  rules:
  - host: a.example.com
    http: {paths: [{path: /, backend: {serviceName: web, servicePort: http}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: new}
spec:
  ingressClassName: nginx
  tls: [{hosts: [a.example.com], secretName: a-tls}]
  rules:
  - http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}]}
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
`);
		const [old, fresh] = s.ingresses;
		expect(old?.defaultBackend?.service).toEqual({ name: 'default-http', port: { number: 80 } });
		expect(old?.rules[0]?.paths[0]).toMatchObject({ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } });
		expect(fresh?.rules[0]).toMatchObject({ host: '', paths: [{ pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } }] });
		expect(fresh?.tls).toEqual([{ hosts: ['a.example.com'], secretName: 'a-tls' }]);
		expect(fresh?.loadBalancerIngress[0]?.ip).toBe('1.2.3.4');
	});

	it('marks the default IngressClass from its annotation', () => {
		const s = snapshotFromYaml(`kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
`);
		expect(s.ingressClasses[0]).toMatchObject({ name: 'nginx', isDefault: true, controller: 'k8s.io/ingress-nginx' });
	});

	it('defaults NetworkPolicy policyTypes as the API server does', () => {
		const s = snapshotFromYaml(`kind: NetworkPolicy
metadata: {name: a}
spec: {podSelector: {}}
---
kind: NetworkPolicy
metadata: {name: b}
spec:
  podSelector: {matchLabels: {app: db}}
  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: x}}, podSelector: {}}], ports: [{port: http}, {port: 5000, endPort: 5010, protocol: UDP}]}]
`);
		expect(s.networkPolicies[0]?.policyTypes).toEqual(['Ingress']);
		expect(s.networkPolicies[1]?.policyTypes).toEqual(['Ingress', 'Egress']);
		// An empty egress list is no egress rule: the default does not add Egress (netpol-spec.md section 3).
		expect(snapshotFromYaml('kind: NetworkPolicy\nmetadata: {name: c}\nspec: {podSelector: {}, egress: []}\n').networkPolicies[0]?.policyTypes).toEqual(['Ingress']);
		expect(s.networkPolicies[1]?.ingress[0]?.ports).toEqual([
			{ protocol: 'TCP', port: 'http', endPort: undefined },
			{ protocol: 'UDP', port: 5000, endPort: 5010 },
		]);
		expect(s.networkPolicies[1]?.egress[0]?.peers[0]?.ipBlock).toEqual({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] });
	});

	it('keeps only the metadata and type of Secrets, never their data', () => {
		const s = snapshotFromYaml(`kind: Secret
metadata: {name: tls, namespace: shop}
type: kubernetes.io/tls
data: {tls.key: c2VjcmV0}
stringData: {password: hunter2}
`);
		expect(s.secrets[0]).toMatchObject({ name: 'tls', namespace: 'shop', type: 'kubernetes.io/tls' });
		expect(JSON.stringify(s)).not.toContain('c2VjcmV0');
		expect(JSON.stringify(s)).not.toContain('hunter2');
	});

	it('reads node addresses, readiness and pod CIDRs; labels namespaces with their name', () => {
		const s = snapshotFromYaml(`kind: Node
metadata: {name: w1}
spec: {podCIDR: 10.244.1.0/24}
status:
  addresses: [{type: InternalIP, address: 192.168.0.11}, {type: Hostname, address: w1}]
  conditions: [{type: Ready, status: "True"}]
---
kind: Namespace
metadata: {name: shop}
`);
		expect(s.nodes[0]).toMatchObject({ ready: true, podCIDRs: ['10.244.1.0/24'] });
		expect(s.nodes[0]?.addresses[0]).toEqual({ type: 'InternalIP', address: '192.168.0.11' });
		expect(s.namespaces[0]?.labels['kubernetes.io/metadata.name']).toBe('shop');
	});
});

describe('normalize: workloads', () => {
	it('reads each workload kind with its template, selector and replicas as written (default 1)', () => {
		const s = snapshotFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      readinessGates: [{conditionType: target-health.elbv2.k8s.aws/web}]
      containers: [{name: web, image: nginx:1.27, args: [--port=8080], ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db}]}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: old}
spec:
  template: {metadata: {labels: {app: old}}, spec: {containers: [{name: c}]}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template: {metadata: {labels: {job: nightly}}, spec: {hostNetwork: true, containers: [{name: c}]}}
`);
		const [web] = s.deployments;
		expect(web).toMatchObject({ kind: 'Deployment', namespace: 'shop', replicas: 3, hasStatus: false, serviceName: '' });
		expect(web?.selector?.matchLabels).toEqual({ app: 'web' });
		expect(web?.template.readinessGates).toEqual(['target-health.elbv2.k8s.aws/web']);
		expect(web?.template.containers[0]).toMatchObject({ image: 'nginx:1.27', args: ['--port=8080'] });
		expect(s.statefulSets[0]).toMatchObject({ namespace: 'default', replicas: 1, serviceName: 'db' });
		// A ReplicationController without a selector selects its template's labels, as the API defaults it.
		expect(s.replicationControllers[0]?.selector?.matchLabels).toEqual({ app: 'old' });
		expect(s.cronJobs[0]?.template).toMatchObject({ labels: { job: 'nightly' }, hostNetwork: true });
	});

	it('tells a pod with a status from a pod without one, and keeps its readiness gates and conditions', () => {
		const s = snapshotFromYaml(`kind: Pod
metadata: {name: a}
spec: {readinessGates: [{conditionType: example.com/gate}], containers: [{name: c}]}
status: {conditions: [{type: ContainersReady, status: "True"}, {type: Ready, status: "False"}]}
---
kind: Pod
metadata: {name: b}
spec: {containers: [{name: c}]}
`);
		expect(s.pods[0]).toMatchObject({ hasStatus: true, ready: false, readinessGates: ['example.com/gate'] });
		expect(s.pods[0]?.conditions).toContainEqual({ type: 'ContainersReady', status: 'True' });
		expect(s.pods[1]).toMatchObject({ hasStatus: false, conditions: [] });
	});
});
