/**
 * "Who may connect" to a Service's pods under NetworkPolicy, for the Service detail: the Ingress
 * controller of each Ingress that routes to it, the data-plane pods of each Gateway whose routes
 * send to it, a client outside the cluster (for NodePort and LoadBalancer Services, with the
 * address externalTrafficPolicy makes the pods see), and pods of this and of other namespaces.
 * Each answer names the policy that admits, or the one that isolates: at the pods for ingress,
 * and at the client for egress where the client is a pod the input shows (a controller's pods,
 * an unlabelled pod of the Service's namespace).
 */
import type { ModelContext } from '../context.js';
import { ruleContextFor } from '../diagnostics/rule.js';
import { carryingBackends, gatewayModel } from '../gateway/index.js';
import type { ServicePort } from '../../cluster/snapshot.js';
import { findServicePort } from '../ingress/backend.js';
import { egressVerdict, type PolicyEnd } from '../netpol/connection.js';
import { ingressAccess } from '../netpol/ingress.js';
import { otherPolicyKinds, policiesUnknown } from '../netpol/unread.js';
import type { ServiceWiring } from '../wiring.js';
import { backendAccess } from './backend-access.js';
import { controllersOfIngress, gatewaysOfRoute } from './controller-pods.js';
import { podEnd } from './pod-end.js';

export interface ConnectAnswer {
	/** Which kind of client this is: decisions read this, not the wording of `who`. */
	client: 'controller' | 'outside' | 'same-namespace' | 'other-namespaces';
	/** "ingress-nginx (class nginx) for Ingress web", "Gateway shop/gw (class eg) for HTTPRoute shop/web", "outside the cluster" */
	who: string;
	/** all: every pod admits it on every port; none; some. */
	admitted: 'all' | 'none' | 'some';
	/** The deciding policies, or a note when no policy applies. */
	by: string;
}

/**
 * Judged on the given Service ports (a route's, which send only there), or on all of them: the
 * pods' ingress policies, and the clients' own egress policies (a controller locked down for
 * egress, or a namespace whose pods all are, reaches nothing it does not admit). An egress
 * refusal that an ipBlock might lift once a planned client has an address is not counted.
 */
function judge(ctx: ModelContext, wiring: ServiceWiring, clients: PolicyEnd[], ports?: readonly ServicePort[], whose = 'their'): Pick<ConnectAnswer, 'admitted' | 'by'> {
	const index = ruleContextFor(ctx).policies;
	let yes = 0;
	let no = 0;
	const admitting = new Set<string>();
	const isolating = new Set<string>();
	const egressIsolating = new Set<string>();
	const onlyFrom = new Set<string>();
	for (const a of backendAccess(index, clients, wiring, ports)) {
		const target = podEnd(a.pod);
		const out = clients.filter((c) => c.pod).map((c) => egressVerdict(index, c, target, a.port, a.servicePort.protocol));
		const cutOff = out.find((l) => !l.allowed && !l.ipBlockUnknown);
		if (a.admitted === a.clients && !cutOff) {
			yes++;
			for (const p of a.admitting) admitting.add(p.name);
		} else {
			no++;
			if (a.admitted !== a.clients) {
				for (const p of a.isolating) isolating.add(p.name);
				// Who the pod's rules on this port do admit, so "not admitted" is not read as "closed".
				const access = ingressAccess(index, { pod: a.pod, port: a.port, protocol: a.servicePort.protocol });
				for (const rule of access.admitting) if (rule.from !== 'anywhere') for (const peer of rule.from) onlyFrom.add(peer);
			}
			if (cutOff?.isolating[0]) egressIsolating.add(cutOff.isolating[0].name);
		}
	}
	if (yes + no === 0) return { admitted: 'none', by: 'no pod to judge' };
	const admitted = no === 0 ? 'all' : yes === 0 ? 'none' : 'some';
	const parts = [
		admitting.size > 0 ? `admitted by ${[...admitting].join(', ')}` : admitted !== 'none' ? 'no policy isolates the pods' : '',
		isolating.size > 0
			? `isolated by ${[...isolating].join(', ')}${onlyFrom.size > 0 ? `, which ${isolating.size === 1 ? 'admits' : 'admit'} only ${[...onlyFrom].join('; ')}` : ''}`
			: '',
		egressIsolating.size > 0 ? `${whose} egress refused by ${[...egressIsolating].join(', ')}` : '',
	];
	return { admitted, by: parts.filter(Boolean).join('; ') };
}

export function whoMayConnect(ctx: ModelContext, wiring: ServiceWiring): ConnectAnswer[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName) return [];
	// Without the namespace's policies only what needs none is said: a ClusterIP is not exposed.
	if (whoMayConnectUnknown(ctx, wiring)) return svc.type === 'NodePort' || svc.type === 'LoadBalancer' ? [] : [notExposed(svc.type)];
	const out: ConnectAnswer[] = [];
	for (const ingress of ctx.snapshot.ingresses) {
		if (ingress.namespace !== svc.namespace) continue;
		const backends = [ingress.defaultBackend, ...ingress.rules.flatMap((r) => r.paths.map((p) => p.backend))];
		const ports = new Set<ServicePort>();
		for (const b of backends) {
			if (b?.service?.name !== svc.name) continue;
			const port = findServicePort(svc.ports, b.service.port.number ?? (b.service.port.name || undefined));
			if (port) ports.add(port);
		}
		if (ports.size === 0) continue;
		for (const c of controllersOfIngress(ctx, ingress)) {
			out.push({ client: 'controller', who: `${c.label} for Ingress ${ingress.name} (${c.evidence})`, ...judge(ctx, wiring, c.pods.map(podEnd), [...ports], 'its') });
		}
	}
	// A Gateway's data-plane pods send to a route's backends themselves, like an Ingress controller.
	for (const state of gatewayModel(ctx).routes) {
		const ports = new Set(carryingBackends(state).filter((b) => b.wiring!.key === wiring.key).map((b) => b.servicePort!));
		if (ports.size === 0) continue;
		const route = state.route;
		for (const c of gatewaysOfRoute(ctx, route)) {
			out.push({ client: 'controller', who: `${c.label} for ${route.kind} ${route.namespace}/${route.name} (${c.evidence})`, ...judge(ctx, wiring, c.pods.map(podEnd), [...ports], 'its') });
		}
	}
	if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') {
		const nodes = ctx.snapshot.nodes.flatMap((n) => n.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address).slice(0, 1));
		const local = svc.externalTrafficPolicy === 'Local';
		const clients: PolicyEnd[] = local || nodes.length === 0 ? [{ anyAddress: true }] : nodes.map((ip) => ({ ip }));
		out.push({ client: 'outside', who: `outside the cluster (seen as ${local ? "the client's address" : "a node's address"})`, ...judge(ctx, wiring, clients) });
	} else {
		out.push(notExposed(svc.type));
	}
	// A pod with no labels of its own: what a rule admits for "any pod" of that namespace.
	const unlabelled = (namespace: string): PolicyEnd => ({ pod: { namespace, labels: {}, containers: [], hostNetwork: false } });
	out.push({ client: 'same-namespace', who: `other pods of ${svc.namespace}`, ...judge(ctx, wiring, [unlabelled(svc.namespace)]) });
	out.push({ client: 'other-namespaces', who: 'pods of other namespaces', ...judge(ctx, wiring, [unlabelled('\u0000another namespace')]) });
	return out;
}

function notExposed(type: string): ConnectAnswer {
	return { client: 'outside', who: 'outside the cluster', admitted: 'none', by: `${type || 'ClusterIP'} Service: not exposed outside the cluster` };
}

/** Why the answers cannot be given: the NetworkPolicies of the Service's namespace were not read. */
export function whoMayConnectUnknown(ctx: ModelContext, wiring: ServiceWiring): string | undefined {
	return policiesUnknown(ctx.readable, [wiring.service.namespace]);
}

/** Policies of other kinds the input holds (Cilium, Calico…), which may change every answer. */
export function policiesNotModelled(ctx: ModelContext): string[] {
	return otherPolicyKinds(ctx.snapshot.unusedKinds);
}
