/**
 * `reach FROM TO` on small clusters written for these tests: each link of the chain (DNS, the
 * Service's endpoints, both ends' policies, the container port), the verdict, the policies named
 * per leg, and the one-line refusals of ends that do not resolve.
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { reach, ReachInputError } from '../../source/model/reach/index.js';
import { reachJson } from '../../source/report/reach.js';
import { snapshotOf } from '../diagnostics/support.js';

const base = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {clusterIP: 10.96.0.20, selector: {app: api}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-1, namespace: shop, labels: {app: api, track: stable}}
spec: {nodeName: n1, containers: [{name: a, image: api, ports: [{name: http, containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.244.0.11, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-2, namespace: shop, labels: {app: api, track: canary}}
spec: {nodeName: n1, containers: [{name: a, image: api, ports: [{name: http, containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.244.0.12, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web}}
spec: {nodeName: n1, containers: [{name: w, image: web, ports: [{containerPort: 3000}]}]}
status: {phase: Running, podIP: 10.244.0.5, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns-1, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {nodeName: n1, containers: [{name: c, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}]}]}
status: {phase: Running, podIP: 10.244.0.2, conditions: [{type: Ready, status: "True"}]}
---
`;

const denyEgress = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}
---
`;
const allowDnsAndApi = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: 8080}]
---
`;
const apiFromWebStableOnly = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api, track: stable}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: canary-closed, namespace: shop}
spec: {podSelector: {matchLabels: {track: canary}}}
---
`;

function run(yaml: string, from: string, to: string) {
	return reachJson(reach(buildContext(snapshotOf(yaml)), from, to));
}

describe('reach: pod to Service', () => {
	it('is allowed through every endpoint when no policy isolates either end', () => {
		const r = run(base, 'shop/web-1', 'shop/api:80');
		expect(r.verdict).toBe('allowed');
		expect(r.steps.map((s) => s.link)).toEqual(['from', 'dns', 'service', 'egress', 'ingress', 'port']);
		expect(r.endpoints.map((e) => [e.pod, e.ip, e.port, e.allowed])).toEqual([
			['api-1', '10.244.0.11', 8080, true],
			['api-2', '10.244.0.12', 8080, true],
		]);
	});

	it('is blocked at DNS when egress isolation admits no lookup, naming the isolating policy', () => {
		const r = run(base + denyEgress, 'shop/web-1', 'shop/api:http');
		expect(r.verdict).toBe('blocked');
		const dns = r.steps.find((s) => s.link === 'dns')!;
		expect(dns.ok).toBe(false);
		expect(dns.detail).toContain('deny-egress');
		expect(dns.policies).toEqual([{ namespace: 'shop', name: 'deny-egress' }]);
		expect(r.endpoints.every((e) => !e.allowed && e.egress?.name === 'deny-egress')).toBe(true);
	});

	it('twin: DNS admitted only to an address block (NodeLocal DNSCache) is not said to fail, and says where it goes', () => {
		const nodeLocal = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: node-local-dns, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  egress:
  - to: [{ipBlock: {cidr: 169.254.20.10/32}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
---
`;
		const dns = run(base + denyEgress + nodeLocal, 'shop/web-1', 'shop/api:http').steps.find((s) => s.link === 'dns')!;
		expect(dns.ok).toBe(true);
		expect(dns.detail).toMatch(/^DNS admitted as 53\/UDP to 169\.254\.20\.10\/32 \(node-local-dns\) and 53\/TCP to 169\.254\.20\.10\/32 \(node-local-dns\), not to the cluster DNS pods: name lookups work if the pods' resolver is there/);
	});

	it("twin: DNS admitted on 5353 to every namespace, no DNS pods in the input: OpenShift's DNS may answer, not said to fail", () => {
		const noDns = base.slice(0, base.indexOf('apiVersion: v1\nkind: Pod\nmetadata: {name: coredns-1'));
		const openShiftStyle = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-out, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  egress:\n  - to: [{namespaceSelector: {}}]\n    ports: [{protocol: UDP, port: 5353}, {protocol: TCP, port: 5353}]\n  - to: [{podSelector: {matchLabels: {app: api}}}]\n---\n`;
		const r = run(noDns + openShiftStyle, 'shop/web-1', 'shop/api:80');
		const dns = r.steps.find((s) => s.link === 'dns')!;
		expect(dns.ok).toBe(true);
		expect(dns.detail).toContain("DNS admitted as 5353/UDP to OpenShift's DNS pods (web-out) and 5353/TCP to OpenShift's DNS pods (web-out), not to the cluster DNS pods");
		expect(dns.detail).toContain("(OpenShift's DNS, which listens on 5353)");
		expect(r.verdict).toBe('allowed');
	});

	it('asks no DNS when TO is an address, and judges the pod after DNAT', () => {
		const r = run(base + denyEgress + allowDnsAndApi, 'shop/web-1', '10.96.0.20:80');
		expect(r.steps.some((s) => s.link === 'dns')).toBe(false);
		expect(r.verdict).toBe('allowed');
		expect(r.endpoints.map((e) => e.egress?.name)).toEqual(['web-out', 'web-out']);
	});

	it('is partial when one endpoint admits the client and another does not, naming both policies', () => {
		const r = run(base + allowDnsAndApi + apiFromWebStableOnly, 'shop/web-1', 'shop/api:80');
		expect(r.verdict).toBe('partial');
		expect(r.endpoints.map((e) => [e.pod, e.allowed, e.ingress?.name])).toEqual([
			['api-1', true, 'api-in'],
			['api-2', false, 'canary-closed'],
		]);
		const ingress = r.steps.find((s) => s.link === 'ingress')!;
		expect(ingress.ok).toBe(false);
		expect(ingress.detail).toContain('canary-closed isolates');
	});

	it('resolves a named pod port on the destination pod', () => {
		const r = run(base + apiFromWebStableOnly, 'shop/web-1', 'shop/pod/api-1:http');
		expect(r.verdict).toBe('allowed');
		expect(r.endpoints).toEqual([{ ip: '10.244.0.11', port: 8080, pod: 'api-1', allowed: true, egress: null, ingress: { namespace: 'shop', name: 'api-in' } }]);
	});
});

const exposed = (etp: string, ipBlock: string) => `
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Service
metadata: {name: shopfront, namespace: shop}
spec: {type: LoadBalancer, externalTrafficPolicy: ${etp}, clusterIP: 10.96.0.30, selector: {app: web}, ports: [{port: 80, targetPort: 3000, nodePort: 30080}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{ipBlock: {cidr: ${ipBlock}}}]}]
---
`;

describe('reach: the host network and a pod\'s own node', () => {
	const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {addresses: [{type: InternalIP, address: 192.168.1.10}]}\n---\n';
	const agent = (nodeName: string) =>
		`apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: shop, labels: {app: web}}\nspec: {nodeName: ${nodeName}, hostNetwork: true, containers: [{name: a, image: agent}]}\nstatus: {phase: Running, podIP: 192.168.1.10, conditions: [{type: Ready, status: "True"}]}\n---\n`;
	const closed = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api-closed, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}\n---\n';

	it('admits traffic from the endpoint pod\'s own node whatever its policies say, and names the node', () => {
		const r = run(base + node + closed, '192.168.1.10', 'shop/api-1:8080');
		expect(r.verdict).toBe('allowed');
		expect(r.steps[0]!.detail).toBe('address 192.168.1.10, of node n1');
		expect(r.steps.find((s) => s.link === 'ingress')!.detail).toMatch(/^from the endpoint pod's own node: allowed whatever its policies say/);
		// Twin: from another node's address the policy isolates the pod.
		const other = run(base + node.replace('n1}', 'n2}') + closed, '192.168.1.10', 'shop/api-1:8080');
		expect(other.verdict).toBe('blocked');
		expect(other.steps[0]!.detail).toBe('address 192.168.1.10, of node n2');
	});

	it('a host-network client is not isolated by the egress policy that selects its labels, and says why', () => {
		const r = run(base + agent('n2') + denyEgress, 'shop/agent', '10.244.0.11:8080');
		expect(r.verdict).toBe('allowed');
		expect(r.steps.find((s) => s.link === 'egress')!.detail).toMatch(/^the client pod uses the host's network: NetworkPolicies do not apply to it/);
		// Without a Node, the host-network pods name the node whose address it is.
		expect(run(base + agent('n2'), '192.168.1.10', '10.244.0.11:8080').steps[0]!.detail).toMatch(/^address 192\.168\.1\.10: node n2's address \(host-network pods use it: shop\/agent\)/);
		expect(run(base, '192.168.9.9', '10.244.0.11:8080').steps[0]!.detail).toBe(
			'address 192.168.9.9 (no pod or node of the input has it: judged as a client outside the cluster; for a pod, give it as NS/POD or NS/KIND/NAME)',
		);
	});
});

describe('reach: ipBlocks and pod addresses', () => {
	const blockFor = (cidr: string) =>
		`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api-from-block, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [{ipBlock: {cidr: ${cidr}}}]}]\n---\n`;
	it('admitted through an ipBlock that covers the client pod\'s address: says the plugin decides whether that applies', () => {
		const r = run(base + blockFor('10.244.0.0/24'), 'shop/web-1', '10.244.0.11:8080');
		expect(r.verdict).toBe('allowed');
		expect(r.steps.find((s) => s.link === 'ingress')!.detail).toMatch(/admitted by api-from-block through an ipBlock that covers the pod's address \(whether ipBlocks apply to pod addresses is up to the network plugin\)/);
		// Twin: a block that does not cover it refuses, with no such note.
		const refused = run(base + blockFor('192.168.0.0/16'), 'shop/web-1', '10.244.0.11:8080');
		expect(refused.verdict).toBe('blocked');
		expect(refused.steps.find((s) => s.link === 'ingress')!.detail).not.toMatch(/ipBlock/);
	});

	it('a planned client has no address yet: an ipBlock that might cover it leaves the leg not judged', () => {
		const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: batch, namespace: shop}\nspec:\n  selector: {matchLabels: {app: batch}}\n  template:\n    metadata: {labels: {app: batch}}\n    spec: {containers: [{name: b, image: batch}]}\n---\n';
		const r = run(base + deployment + blockFor('10.244.0.0/16'), 'shop/deployment/batch', '10.244.0.11:8080');
		const ingress = r.steps.find((s) => s.link === 'ingress')!;
		expect(ingress.detail).toMatch(/but an ipBlock of api-from-block admits an address block on this port and the pod's address is not in the input, so whether it covers the pod is known once it runs$/);
		expect((ingress as { judged?: boolean }).judged).toBe(false);
	});
});

describe('reach: from outside', () => {
	it('with externalTrafficPolicy Local, the endpoint sees the client address', () => {
		expect(run(base + exposed('Local', '203.0.113.0/24'), '203.0.113.9', 'shop/shopfront:80').verdict).toBe('allowed');
		expect(run(base + exposed('Local', '203.0.113.0/24'), '198.51.100.1', 'shop/shopfront:80').verdict).toBe('blocked');
	});

	it("with externalTrafficPolicy Cluster, the endpoint sees a node's address and says so", () => {
		const r = run(base + exposed('Cluster', '203.0.113.0/24'), '203.0.113.9', 'shop/shopfront:80');
		expect(r.verdict).toBe('blocked');
		expect(r.steps.find((s) => s.link === 'service')!.detail).toContain("node's address (192.168.1.10)");
		expect(run(base + exposed('Cluster', '192.168.1.0/24'), 'outside', 'shop/shopfront:80').verdict).toBe('allowed');
	});

	it('cannot reach a ClusterIP Service', () => {
		const r = run(base, 'outside', 'shop/api:80');
		expect(r.verdict).toBe('blocked');
		expect(r.steps.find((s) => s.link === 'service')!.detail).toContain('not reachable from outside');
	});
});

const controller = `
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
  template:
    metadata: {labels: {app.kubernetes.io/name: ingress-nginx}}
    spec: {containers: [{name: controller, image: registry.k8s.io/ingress-nginx/controller:v1.11.0, args: [/nginx-ingress-controller]}]}
---
`;

describe('reach: from an Ingress controller', () => {
	it("judges the controller's pods (from its template here) with no DNS and no ClusterIP", () => {
		const r = run(base + controller + apiFromWebStableOnly, 'ingress:nginx', 'shop/api:80');
		expect(r.verdict).toBe('blocked');
		expect(r.steps.some((s) => s.link === 'dns')).toBe(false);
		expect(r.steps[0]!.detail).toContain('the pod template of Deployment ingress-nginx/ingress-nginx-controller');
		expect(r.steps.find((s) => s.link === 'service')!.detail).toContain('directly');
	});

	it('refuses a class no controller of the input serves, with the classes it knows', () => {
		expect(() => run(base + controller, 'ingress:traefik', 'shop/api:80')).toThrow(/no controller in the input serves class "traefik"; closest: nginx/);
	});
});

describe('reach: manifests', () => {
	it('stands a workload in by its template when the input has none of its pods', () => {
		const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: app}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: w, image: web, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: app}
spec:
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec: {containers: [{name: c, image: c}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: app}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: app}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}], ports: [{port: http}]}]
`;
		const r = run(yaml, 'app/deployment/client', 'app/web:80');
		expect(r.verdict).toBe('allowed');
		expect(r.endpoints).toMatchObject([
			{ ip: '', port: 8080, pod: 'web-planned-0', allowed: true, ingress: { name: 'web-in' } },
			{ ip: '', port: 8080, pod: 'web-planned-1', allowed: true, ingress: { name: 'web-in' } },
		]);
		// One planned replica of web to the other: web-in admits only the client's pods.
		expect(run(yaml, 'app/web-planned-0', 'app/pod/web-planned-1:8080').endpoints).toMatchObject([{ pod: 'web-planned-1', allowed: false, ingress: { name: 'web-in' } }]);
		expect(run(yaml, 'outside', 'app/deployment/web:http').verdict).toBe('blocked');
	});
});

describe('reach: from a Gateway', () => {
	const gateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
	const proxy = `apiVersion: v1
kind: Pod
metadata: {name: gw-istio-1, namespace: shop, labels: {gateway.networking.k8s.io/gateway-name: gw, istio.io/gateway-name: gw}}
spec: {nodeName: node-a, containers: [{name: istio-proxy, image: istio/proxyv2}]}
status: {phase: Running, podIP: 10.244.0.50, conditions: [{type: Ready, status: "True"}]}
`;
	const onlyFromWeb = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;

	it('reaches a backend from the pods labelled with the Gateway\'s name, and names the policy that blocks them', () => {
		const yaml = `${base}---\n${gateway}---\n${proxy}---\n${onlyFromWeb}`;
		const r = run(yaml, 'gateway:shop/gw', 'shop/api:80');
		expect(r.verdict).toBe('blocked');
		expect(r.steps[0]).toMatchObject({ link: 'from', ok: true });
		expect(r.steps[0]!.detail).toContain('shop/gw-istio-1');
		expect(r.endpoints.every((e) => !e.allowed && e.ingress?.name === 'api-from-web')).toBe(true);
		expect(run(`${base}---\n${gateway}---\n${proxy}`, 'gateway:shop/gw', 'shop/api:80').verdict).toBe('allowed');
	});

	it('says which labels it looked for when the Gateway\'s pods are not in the input', () => {
		expect(() => run(`${base}---\n${gateway}`, 'gateway:shop/gw', 'shop/api:80')).toThrow(/the pods of Gateway shop\/gw are not in the input \(looked for gateway\.networking\.k8s\.io\/gateway-name=gw in shop/);
	});
});

describe('reach: a pod port it does not declare', () => {
	it('is judged (containerPort is informational), and the port link says nothing declares it', () => {
		const r = run(base, 'shop/web-1', 'shop/pod/api-1:9999');
		expect(r.verdict).toBe('allowed');
		expect(r.steps.find((s) => s.link === 'port')!.detail).toBe('api-1 declares no container port TCP/9999: whether anything listens there is not known');
	});
});

describe('reach: ends that do not resolve', () => {
	const cases: [string, string, RegExp][] = [
		['shop/web-2', 'shop/api:80', /^FROM "shop\/web-2": no such pod in the input; closest: shop\/web-1/],
		['shop/web-1', 'shop/apl:80', /^TO "shop\/apl:80": no Service or pod shop\/apl in the input; closest: shop\/api/],
		['shop/web-1', 'shop/api:81', /has no port 81\/tcp; its ports: 80 \(http\)\/tcp/],
		['shop/web-1', 'shop/api', /no port/],
		['shop/web-1', 'shop/api:80/icmp', /unknown protocol "icmp"/],
		['shop/web-1', 'shop/pod/api-1:metrics', /pod shop\/api-1 has no container port metrics\/tcp; it has http=8080\/tcp/],
		['shop/statefulset/x', 'shop/api:80', /no StatefulSet of that name/],
		['nowhere', 'shop/api:80', /expected ns\/pod, ns\/kind\/name/],
		['gateway:shop/gw', 'shop/api:80', /no Gateway shop\/gw in the input/],
	];
	for (const [from, to, message] of cases) {
		it(`${from} → ${to}`, () => {
			expect(() => run(base, from, to)).toThrow(ReachInputError);
			expect(() => run(base, from, to)).toThrow(message);
		});
	}

	it('calls a name that is both a Service and a pod ambiguous', () => {
		const both = base + `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {x: y}}
spec: {containers: [{name: a, image: a}]}
`;
		expect(() => run(both, 'shop/web-1', 'shop/api:80')).toThrow(/ambiguous.*shop\/service\/api:80 or shop\/pod\/api:80/);
	});
});

describe('reach: a refused leg says who the rules admit instead', () => {
	const apiIn = (from: string, ports = '[{port: http}]') =>
		`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api-in, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [${from}], ports: ${ports}}]\n---\n`;
	const ingressOf = (yaml: string) => run(yaml, 'shop/web-1', 'shop/pod/api-1:8080').steps.find((s) => s.link === 'ingress')!;

	it('a peer selector with a typo: the port is open only to pods no pod of the input matches', () => {
		const step = ingressOf(base + apiIn('{podSelector: {matchLabels: {app: wbe}}}'));
		expect(step.ok).toBe(false);
		expect(step.detail).toBe('api-in isolates the endpoint pod for ingress and admits TCP/8080 only from pods app=wbe in shop (no pod in the input matches)');
		// Twin: the label as the client carries it.
		expect(ingressOf(base + apiIn('{podSelector: {matchLabels: {app: web}}}')).ok).toBe(true);
	});

	it('a namespaceSelector on a label the namespace does not carry says so; labelled, it admits', () => {
		const rule = '{namespaceSelector: {matchLabels: {team: shop}}}';
		expect(ingressOf(base + apiIn(rule)).detail).toBe('api-in isolates the endpoint pod for ingress and admits TCP/8080 only from every pod in namespaces team=shop (no namespace in the input carries team=shop)');
		const labelled = base.replace('metadata: {name: shop}', 'metadata: {name: shop, labels: {team: shop}}');
		expect(ingressOf(labelled + apiIn(rule)).ok).toBe(true);
	});

	it('the client\'s namespace is not in the input: a namespaceSelector on its labels is not judged', () => {
		const client = 'apiVersion: v1\nkind: Pod\nmetadata: {name: probe, namespace: monitoring, labels: {app: probe}}\nspec: {nodeName: n1, containers: [{name: p, image: probe}]}\nstatus: {phase: Running, podIP: 10.244.0.30, conditions: [{type: Ready, status: "True"}]}\n---\n';
		const r = run(base + client + apiIn('{namespaceSelector: {matchLabels: {team: ops}}}'), 'monitoring/probe', 'shop/pod/api-1:8080');
		const step = r.steps.find((s) => s.link === 'ingress')!;
		expect(step.detail).toMatch(/admits TCP\/8080 only from every pod in namespaces team=ops; but namespace monitoring is not in the input, so whether it carries team=ops \(asked by api-in\) is not known$/);
		expect((step as { judged?: boolean }).judged).toBe(false);
		// Twin: a selector by the name label alone is decided without the Namespace object.
		const byName = run(base + client + apiIn('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}'), 'monitoring/probe', 'shop/pod/api-1:8080').steps.find((s) => s.link === 'ingress')!;
		expect(byName.detail).not.toContain('not known');
		expect((byName as { judged?: boolean }).judged).toBe(true);
	});

	it("a rule on the Service's port (80) where the pod's (8080) was meant: named when it takes the client", () => {
		const viaService = (yaml: string) => run(yaml, 'shop/web-1', 'shop/api:80').steps.find((s) => s.link === 'ingress')!;
		expect(viaService(base + apiIn('{podSelector: {matchLabels: {app: web}}}', '[{port: 80}]')).detail).toBe(
			"api-in isolates the endpoint pods for ingress and no rule admits TCP/8080 (2 of 2 endpoints); api-in names port 80, the Service's, but policy sees the pod's port 8080, after kube-proxy's DNAT",
		);
		// Twin: a rule for other clients on port 80 is not offered as the fix.
		expect(viaService(base + apiIn('{podSelector: {matchLabels: {app: batch}}}', '[{port: 80}]')).detail).not.toContain("the Service's");
	});

	it("a host-network client and OpenShift's policy-group namespace labels: the plugin decides, so not judged", () => {
		const router = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: openshift-ingress, labels: {policy-group.network.openshift.io/ingress: ""}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: router-1, namespace: openshift-ingress, labels: {app: router}}\nspec: {nodeName: n2, hostNetwork: true, containers: [{name: r, image: router}]}\nstatus: {phase: Running, podIP: 192.168.1.20, conditions: [{type: Ready, status: "True"}]}\n---\n';
		const byGroup = apiIn('{namespaceSelector: {matchLabels: {policy-group.network.openshift.io/ingress: ""}}}', '[{port: 8080}]');
		const step = run(base + router + byGroup, 'openshift-ingress/router-1', 'shop/pod/api-1:8080').steps.find((s) => s.link === 'ingress')!;
		expect(step.detail).toMatch(/192\.168\.1\.20 is not a pod \(it uses the host's network\); but api-in selects namespaces by policy-group\.network\.openshift\.io\/ingress, which OpenShift's OVN-Kubernetes also matches to host-network traffic, so whether it admits this end depends on the network plugin$/);
		expect((step as { judged?: boolean }).judged).toBe(false);
		// Twin: a label of the user's own makes no such exception.
		const plain = run(base + router.replace(/policy-group\.network\.openshift\.io\/ingress: ""/, 'team: edge') + apiIn('{namespaceSelector: {matchLabels: {team: edge}}}', '[{port: 8080}]'), 'openshift-ingress/router-1', 'shop/pod/api-1:8080').steps.find((s) => s.link === 'ingress')!;
		expect(plain.detail).toMatch(/so only an ipBlock can admit it$/);
	});

	it('a closed port names the rule\'s named port that the endpoint pod does not declare', () => {
		const step = ingressOf(base + apiIn('{podSelector: {matchLabels: {app: web}}}', '[{port: htp}]'));
		expect(step.detail).toBe('api-in isolates the endpoint pod for ingress and no rule admits TCP/8080 (api-in names port htp, which the endpoint pod does not declare)');
	});
});

describe('reach: an endpoint whose pod the input lacks (an EndpointSlice names it)', () => {
	const slice = `apiVersion: v1\nkind: Service\nmetadata: {name: cache, namespace: shop}\nspec: {clusterIP: 10.96.0.40, selector: {app: cache}, ports: [{name: redis, port: 6379}]}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: cache-x, namespace: shop, labels: {kubernetes.io/service-name: cache}}\naddressType: IPv4\nendpoints: [{addresses: [10.244.0.40], conditions: {ready: true}, targetRef: {kind: Pod, name: cache-0, namespace: shop}}]\nports: [{name: redis, port: 6379, protocol: TCP}]\n---\n`;
	const out = (to: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-out, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress: [{to: [${to}]}]\n---\n`;
	it('its labels are unknown: an egress selector is not said to refuse it, nor its own policies said absent', () => {
		const r = run(base + slice + out('{podSelector: {matchLabels: {app: cache}}}'), 'shop/web-1', '10.96.0.40:6379');
		const egress = r.steps.find((s) => s.link === 'egress')!;
		expect(egress.detail).toMatch(/but the endpoint pod cache-0 is not in the input, so whether web-out's selectors take it is not known$/);
		expect((egress as { judged?: boolean }).judged).toBe(false);
		expect(r.steps.find((s) => s.link === 'ingress')!.detail).toBe('not judged: the endpoint pod cache-0 is not in the input, so whether a NetworkPolicy isolates it is not known');
		expect(r.steps.find((s) => s.link === 'port')!.detail).toBe('the endpoint pod cache-0 is not in the input: its container ports are not known');
		// Twin: a rule by address alone is decided on the endpoint's address.
		const byBlock = run(base + slice + out('{ipBlock: {cidr: 192.168.0.0/16}}'), 'shop/web-1', '10.96.0.40:6379').steps.find((s) => s.link === 'egress')!;
		expect((byBlock as { judged?: boolean }).judged).toBe(true);
	});
});

describe("reach: the API server's kubernetes Service (endpoints on a node's address)", () => {
	const apiServer = `
apiVersion: v1
kind: Node
metadata: {name: cp-1}
status: {addresses: [{type: InternalIP, address: 172.18.0.2}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {clusterIP: 10.96.0.1, ports: [{name: https, port: 443, targetPort: 6443}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: kubernetes, namespace: default, labels: {kubernetes.io/service-name: kubernetes}}
addressType: IPv4
endpoints: [{addresses: [172.18.0.2], conditions: {ready: true}}]
ports: [{name: https, port: 6443, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
---
`;
	const toApi = (to: string, ports: string) =>
		`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: to-api, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress: [{to: [${to}], ports: ${ports}}]\n---\n`;
	const step = (r: ReturnType<typeof run>, link: string) => r.steps.find((s) => s.link === link)!;

	it('no pod behind it: no ingress policy and no container port, said as such', () => {
		const r = run(base + apiServer, 'shop/web-1', 'default/kubernetes:443');
		expect(step(r, 'ingress').detail).toBe("the endpoint 172.18.0.2 is not a pod (node cp-1's address): no ingress policy applies");
		expect(step(r, 'port').detail).toBe("the endpoint 172.18.0.2 is not a pod (node cp-1's address): no container port to check");
	});

	it('an ipBlock on the ClusterIP admits nothing after DNAT, and the refusal says where to point it', () => {
		const r = run(base + apiServer + toApi('{ipBlock: {cidr: 10.96.0.1/32}}', '[{port: 443}]'), 'shop/web-1', 'default/kubernetes:443');
		expect(r.verdict).toBe('blocked');
		expect(step(r, 'egress').detail).toMatch(/; to-api admits the ClusterIP 10\.96\.0\.1 on TCP\/443, but policy sees the connection after kube-proxy's DNAT, at 172\.18\.0\.2:6443: admit that address and port instead$/);
	});

	it('a selector admits no node: only an ipBlock can, and one on the node address admits, with the plugin caveat', () => {
		const bySelector = run(base + apiServer + toApi('{namespaceSelector: {}}', '[{port: 6443}]'), 'shop/web-1', 'default/kubernetes:443');
		expect(step(bySelector, 'egress').detail).toMatch(/admit TCP\/6443 only to every pod in every namespace \(to-api\); 172\.18\.0\.2 is not a pod, so only an ipBlock can admit it$/);
		const byBlock = run(base + apiServer + toApi('{ipBlock: {cidr: 172.18.0.2/32}}', '[{port: 6443}]'), 'shop/web-1', 'default/kubernetes:443');
		expect(byBlock.verdict).toBe('allowed');
		expect(step(byBlock, 'egress').detail).toBe("admitted by to-api through an ipBlock that covers node cp-1's address (whether ipBlocks apply to node addresses is up to the network plugin: Cilium's do only with policy-cidr-match-mode nodes)");
	});

	it("the client on the API server's own node: the refusal stands, with what the documentation says", () => {
		const onCp = base.replace(/(name: web-1[\s\S]*?nodeName: )n1/, '$1cp-1');
		const r = run(onCp + apiServer, 'shop/web-1', 'default/kubernetes:443');
		expect(r.verdict).toBe('blocked');
		expect(step(r, 'egress').detail).toMatch(/172\.18\.0\.2 is the client pod's own node \(cp-1\): the Kubernetes documentation says traffic to a pod's own node is always allowed, but plugins differ/);
	});
});

describe('reach: DNS egress to every address (cert-manager webhook chart\'s default policy)', () => {
	const anywhere = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-out, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress:\n  - ports: [{port: 53, protocol: TCP}, {port: 53, protocol: UDP}, {port: 8080, protocol: TCP}]\n    to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n---\n`;
	it("admits DNS to the DNS pods only through an ipBlock on their addresses: says the plugin decides; the twin by selectors does not", () => {
		const dns = run(base + anywhere, 'shop/web-1', 'shop/api:80').steps.find((s) => s.link === 'dns')!;
		expect(dns.ok).toBe(true);
		expect(dns.detail).toBe("DNS on 53/UDP and 53/TCP admitted by web-out through an ipBlock that covers the DNS pods' addresses (whether ipBlocks apply to pod addresses is up to the network plugin)");
		expect(run(base + allowDnsAndApi, 'shop/web-1', 'shop/api:80').steps.find((s) => s.link === 'dns')!.detail).toBe('DNS on 53/UDP and 53/TCP admitted by web-out');
	});
});

describe('reach: DNS egress to a namespace by a label', () => {
	const byName = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: dns-by-label, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress:\n  - to: [{namespaceSelector: {matchLabels: {name: kube-system}}}]\n    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n---\n`;
	const kubeSystem = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system, labels: {${labels}}}\n---\n`;
	const dnsOf = (yaml: string) => run(yaml, 'shop/web-1', 'shop/api:80').steps.find((s) => s.link === 'dns')!;

	it('kube-system is not in the input: whether it carries the label is not known, and not claimed', () => {
		const dns = dnsOf(base + byName);
		expect(dns.detail).toMatch(/admits DNS \(53\/UDP\) only to every pod in namespaces name=kube-system, not to the cluster DNS pods: name lookups fail; but namespace kube-system is not in the input, so whether it carries name=kube-system \(asked by dns-by-label\) is not known$/);
		expect((dns as { judged?: boolean }).judged).toBe(false);
	});

	it('twins: kube-system without the label refuses and says no namespace carries it; with it, DNS is admitted', () => {
		const unlabelled = dnsOf(base + kubeSystem('') + byName);
		expect(unlabelled.ok).toBe(false);
		expect(unlabelled.detail).toContain('only to every pod in namespaces name=kube-system (no namespace in the input carries name=kube-system), not to the cluster DNS pods: name lookups fail');
		expect(dnsOf(base + kubeSystem('name: kube-system') + byName).ok).toBe(true);
	});
});
