/** KW601: NetworkPolicies that close the Service's port, with healthy twins and readability. */
import { describe, expect, it } from 'vitest';
import type { Unreadable } from '../../source/cluster/snapshot.js';
import { findingsOf, pod, service, snapshotOf } from './support.js';

const found = (yaml: string, unreadable: Unreadable[] = []) => findingsOf(snapshotOf(yaml, unreadable));
const codes = (yaml: string, unreadable: Unreadable[] = []) => found(yaml, unreadable).map((f) => f.code);

const policy = (name: string, spec: string, namespace = 'shop') =>
	`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}---\n`;
const svc = service('web', { app: 'web' }, { ports: '[{name: http, port: 80, targetPort: http}]' });
const web1 = pod('web-1', { app: 'web' });
const denyAll = policy('deny-all', '  podSelector: {}\n');

describe('KW601 NetworkPolicy closes the Service port', () => {
	it('is raised under a deny-all policy, naming the policy and the pod port', () => {
		const f = found(svc + web1 + denyAll);
		expect(f.map((x) => x.code)).toEqual(['KW601']);
		expect(f[0]!.message).toContain('deny-all');
		expect(f[0]!.message).toContain('TCP/8080');
		expect(f[0]!.severity).toBe('warning');
	});

	it('is not raised when a rule admits the port from some peer only', () => {
		const allow = policy('allow-frontend', '  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}], ports: [{port: 8080}]}]\n');
		expect(codes(svc + web1 + denyAll + allow)).toEqual([]);
	});

	it('is not raised by a policy of another namespace, nor by an Egress-only policy', () => {
		// Those policies raise their own findings (KW604 selects no pod, KW603 egress without DNS); not KW601.
		const kw601 = (yaml: string) => codes(yaml).filter((c) => c.startsWith('KW601'));
		expect(kw601(svc + web1 + policy('deny-all', '  podSelector: {}\n', 'other'))).toEqual([]);
		expect(kw601(svc + web1 + policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n'))).toEqual([]);
	});

	it('says how many pods are closed when policies select only some of them', () => {
		const yaml = svc + web1 + pod('web-2', { app: 'web', canary: 'yes' }, { ip: '10.244.0.2' }) + policy('lock-canary', '  podSelector: {matchLabels: {canary: "yes"}}\n');
		const f = found(yaml);
		expect(f.map((x) => x.code)).toEqual(['KW601']);
		expect(f[0]!.message).toContain('1 of 2 pods');
	});

	it('skips host-network pods, which NetworkPolicies do not govern', () => {
		const host = pod('web-1', { app: 'web' }).replace('  nodeName: node-a\n', '  nodeName: node-a\n  hostNetwork: true\n');
		// KW110 says exactly that: the pod is on the host network, where policies do not apply.
		expect(codes(svc + host + denyAll)).toEqual(['KW110']);
		// It names the policy the operator counts on (kube-prometheus ships one for node-exporter);
		// its healthy twin, without a policy, names none.
		const [withPolicy] = found(svc + host + denyAll);
		expect(withPolicy!.message).toMatch(/; NetworkPolicy shop\/\S+ selects it, but most network plugins do not apply policies to hostNetwork pods \(it depends on the plugin\)$/);
		expect(withPolicy!.hint).toContain('guard the port on the nodes');
		const [alone] = found(svc + host);
		expect(alone!.message).not.toContain('NetworkPolicy shop/');
	});

	it('is not raised when NetworkPolicies (or pods) could not be read in the namespace', () => {
		expect(codes(svc + web1 + denyAll, [{ resource: 'networkpolicies', namespace: 'shop', reason: 'forbidden' }])).toEqual([]);
		expect(codes(svc + web1 + denyAll, [{ resource: 'pods', namespace: '', reason: 'forbidden' }])).toEqual([]);
	});
});

describe('KW604 NetworkPolicy selects no pod', () => {
	// A Deployment scaled to zero: no pod runs, and none is planned, yet the policy is written for its pods.
	const scaledToZero = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: batch, namespace: shop}
spec:
  replicas: 0
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: app, image: app:1}]}
---
`;
	const forBatch = policy('batch-egress', '  podSelector: {matchLabels: {app: batch}}\n  policyTypes: [Ingress]\n');
	const kw604 = (yaml: string) => codes(yaml).filter((c) => c === 'KW604');

	it('is raised when no pod and no workload of the namespace carries the labels', () => {
		expect(kw604(web1 + forBatch)).toEqual(['KW604']);
		expect(kw604(web1 + scaledToZero('{app: batchy}') + forBatch)).toEqual(['KW604']);
	});

	it('is not raised for the pods of a workload scaled to zero: its template carries the labels', () => {
		expect(kw604(web1 + scaledToZero('{app: batch}') + forBatch)).toEqual([]);
	});
});

describe('KW603 egress isolation without DNS', () => {
	const egress = (rules: string) => policy('egress-dns', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n${rules}`);
	const to = (peer: string, protocols = ['UDP', 'TCP']) => `  - to: [${peer}]\n    ports: [${protocols.map((p) => `{protocol: ${p}, port: 53}`).join(', ')}]\n`;

	it('is raised when the only egress rule admits 53 to pods that are not the cluster DNS', () => {
		expect(codes(svc + web1 + egress(to('{podSelector: {matchLabels: {app: cache}}}')))).toEqual(['KW603']);
	});
	it('twin: admitted to the kube-dns pods of kube-system', () => {
		const kubeDns = '{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}';
		expect(codes(svc + web1 + egress(to(kubeDns)))).toEqual([]);
	});
	it("twin: admitted to an address block instead (NodeLocal DNSCache's 169.254.20.10): where the pods' resolver is, no object says, so nothing is claimed", () => {
		expect(codes(svc + web1 + egress(to('{ipBlock: {cidr: 169.254.20.10/32}}')))).toEqual([]);
		// Only TCP to the address, UDP nowhere: lookups over UDP still fail.
		expect(codes(svc + web1 + egress(to('{ipBlock: {cidr: 169.254.20.10/32}}', ['TCP'])))).toEqual(['KW603']);
	});
	const kubeDnsPeer = '{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}';
	it('UDP admitted, TCP not: a warning (only answers too large for UDP fail), not an error', () => {
		const f = found(svc + web1 + egress(to(kubeDnsPeer, ['UDP'])));
		expect(f.map((x) => [x.code, x.severity])).toEqual([['KW603', 'warning']]);
		expect(f[0]!.message).toContain('answers too large for UDP fail');
		expect(found(svc + web1 + egress(to(kubeDnsPeer, ['TCP']))).map((x) => [x.code, x.severity])).toEqual([['KW603', 'error']]);
	});

	// OpenShift: CoreDNS as DaemonSet dns-default in openshift-dns, listening on 5353 behind a Service on 53.
	const to5353 = (peer: string) => `  - to: [${peer}]\n    ports: [{protocol: UDP, port: 5353}, {protocol: TCP, port: 5353}]\n`;
	const openShiftDnsPod = pod('dns-default-x1', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, { namespace: 'openshift-dns', ip: '10.128.0.5', ports: '[{name: dns, containerPort: 5353, protocol: UDP}, {name: dns-tcp, containerPort: 5353, protocol: TCP}]' });
	it("OpenShift's DNS pods in the input: 5353 to them is DNS; 53 to kube-dns is not, and the fix names openshift-dns", () => {
		expect(codes(svc + web1 + openShiftDnsPod + egress(to5353('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: openshift-dns}}}')))).toEqual([]);
		const f = found(svc + web1 + openShiftDnsPod + egress(to(kubeDnsPeer)));
		expect(f.map((x) => x.code)).toEqual(['KW603']);
		expect(f[0]!.message).toContain('admits DNS on 5353/UDP and 5353/TCP to the cluster DNS pods (openshift-dns dns.operator.openshift.io/daemonset-dns=default)');
		expect(f[0]!.hint).toBe('add an egress rule to namespaceSelector kubernetes.io/metadata.name=openshift-dns with podSelector dns.operator.openshift.io/daemonset-dns=default, ports 5353/UDP and 5353/TCP');
	});
	it('no DNS pods in the input: 5353 to every namespace (as policies written for OpenShift do) is not said to fail', () => {
		expect(codes(svc + web1 + egress(to5353('{namespaceSelector: {}}')))).toEqual([]);
		// Twin: 5353 to pods that cannot be OpenShift's DNS.
		expect(codes(svc + web1 + egress(to5353('{podSelector: {matchLabels: {app: cache}}}')))).toEqual(['KW603']);
	});
});

describe('KW603 when DNS is admitted to a namespace by a label (the older `name: kube-system` habit)', () => {
	const egress = policy('allow-dns', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [{namespaceSelector: {matchLabels: {name: kube-system}}}]\n    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n');
	const coreDns = pod('coredns-1', { 'k8s-app': 'kube-dns' }, { namespace: 'kube-system', ip: '10.244.0.2', ports: '[{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53, protocol: TCP}]' });
	const kubeSystem = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system, labels: {${labels}}}\n---\n`;

	it('kube-system is not in the input (manifests): its labels are not known, so nothing is claimed', () => {
		expect(codes(svc + web1 + coreDns + egress)).toEqual([]);
		// Without the DNS pods either: the stand-in lives in kube-system, whose labels are not given.
		expect(codes(svc + web1 + egress)).toEqual([]);
	});

	it('kube-system is in the input without the label: an error that names the label, and the fix labels or selects by name', () => {
		const f = found(svc + web1 + coreDns + kubeSystem('') + egress);
		expect(f.map((x) => [x.code, x.severity])).toEqual([['KW603', 'error']]);
		expect(f[0]!.message).toContain('name lookups fail (allow-dns admits 53/UDP only to namespaces name=kube-system, which namespace kube-system does not carry)');
		expect(f[0]!.hint).toBe('label namespace kube-system name=kube-system, or select it in allow-dns by namespaceSelector kubernetes.io/metadata.name=kube-system');
		// Twin: labelled as the policy asks.
		expect(codes(svc + web1 + coreDns + kubeSystem('name: kube-system') + egress)).toEqual([]);
	});
});

describe('KW601 names the usual slips behind a closed port', () => {
	// The Service sends port 80 to the pods' 8080 (named http); the policy admits monitoring pods only.
	const allow = (port: string) => policy('web-in', `  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{podSelector: {matchLabels: {role: monitoring}}}], ports: [{port: ${port}}]}]\n`);

	it("the Service's port written where the pods' port was meant: the message says so and the fix names the pod's port", () => {
		const f = found(svc + web1 + allow('80'));
		expect(f.map((x) => x.code)).toEqual(['KW601']);
		expect(f[0]!.message).toContain("TCP/8080, the target of port 80 (http) (web-in names the Service's port 80, but policy sees the pod's port)");
		expect(f[0]!.hint).toBe("write the pod's port TCP/8080 in web-in's rule in place of the Service's port (policy is judged after kube-proxy's DNAT)");
		// Twins: the pod's port, by number or by its name.
		expect(codes(svc + web1 + allow('8080'))).toEqual([]);
		expect(codes(svc + web1 + allow('http'))).toEqual([]);
	});

	it('a port name the pods do not declare: said once, with the names they do declare', () => {
		const f = found(svc + web1 + allow('htp'));
		expect(f[0]!.message).toMatch(/connections are dropped \(web-in names port htp, which the pods do not declare; they declare http\)$/);
		expect(f[0]!.hint).toBe("name in web-in's rule a port the pods declare (http), or their port number");
	});
});

describe('KW603 on OpenShift: DNS admitted on the Service port 53 while the pods listen on 5353', () => {
	const openShiftDns = pod('dns-default-x1', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, { namespace: 'openshift-dns', ip: '10.128.0.5', ports: '[{name: dns, containerPort: 5353, protocol: UDP}, {name: dns-tcp, containerPort: 5353, protocol: TCP}]' });
	const egress = (port: number) => policy('allow-dns', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: openshift-dns}}}]\n    ports: [{protocol: UDP, port: ${port}}, {protocol: TCP, port: ${port}}]\n`);
	it('names the slip and the fix writes 5353; the twin on 5353 is quiet', () => {
		const f = found(svc + web1 + openShiftDns + egress(53));
		expect(f.map((x) => x.code)).toEqual(['KW603']);
		expect(f[0]!.message).toContain("(allow-dns names port 53, the DNS Service's, but policy sees the DNS pods' port 5353, after kube-proxy's DNAT)");
		expect(f[0]!.hint).toBe("write 5353 in place of 53 in allow-dns's rule, for UDP and TCP (policy is judged after kube-proxy's DNAT)");
		expect(codes(svc + web1 + openShiftDns + egress(5353))).toEqual([]);
	});
});
