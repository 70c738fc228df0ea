/**
 * KW602: a route's backend pods are isolated for ingress and no policy admits the pods that send
 * to them on the port they send to: the route looks healthy, yet users get timeouts. The sender
 * is the Ingress controller for an Ingress, the Gateway's data-plane pods for an HTTPRoute or
 * GRPCRoute: either sends to the endpoint pods itself, so its pods are the clients.
 *
 * An Ingress's controller is found from its class and the controller that runs it in the input
 * (its pods, or its Deployment's template); a Gateway's pods by the labels its implementation
 * puts on them (reach/controller-pods.ts). When the input does not show them, nothing is raised.
 */
import type { GatewayRoute, Ingress, IngressBackend, ServicePort } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { carryingBackends, gatewayModel } from '../gateway/index.js';
import { backendTarget, findServicePort, targetText } from '../ingress/backend.js';
import { backendAccess } from '../reach/backend-access.js';
import { controllersOfIngress, gatewayControllerPods, gatewaysOfRoute, labelsText, type ControllerPods } from '../reach/controller-pods.js';
import { podEnd } from '../reach/pod-end.js';
import type { ServiceWiring } from '../wiring.js';
import type { RuleContext } from './rule.js';
import { listNames } from './text.js';

/** One Service port a route sends to. */
interface Backend {
	wiring: ServiceWiring;
	servicePort: ServicePort;
	/** An Ingress backend as its routing rows name it (`targetText`): where the finding belongs. */
	target?: string;
}

/** A Service port whose pods admit none of the senders, and the policies that isolate them. */
interface Blocked {
	wiring: ServiceWiring;
	/** `TCP/3000`: the pods' own port. */
	port: string;
	policies: string[];
	/** The Ingress backends (`targetText`) that send here. */
	targets: string[];
}

/**
 * The backends whose pods admit none of the controllers' pods on the port the Service port
 * resolves to. A backend in a namespace with no ingress policy, or whose policies could not be
 * read, is not judged. A pod that admits one controller pod is served: the rest is not KW602's.
 */
function blockedBackends(rc: RuleContext, controllers: readonly ControllerPods[], backends: readonly Backend[]): Blocked[] {
	const clients = controllers.flatMap((c) => c.pods.map(podEnd));
	const byKey = new Map<string, Blocked>();
	for (const { wiring, servicePort, target } of backends) {
		const ns = wiring.service.namespace;
		if (rc.policies.ingressPoliciesIn(ns).length === 0 || !rc.model.readable.canRead('networkpolicies', ns)) continue;
		for (const access of backendAccess(rc.policies, clients, wiring, [servicePort])) {
			if (access.clients === 0 || access.admitted > 0) continue;
			const port = `${servicePort.protocol}/${access.port}`;
			const key = `${wiring.key}:${port}`;
			let b = byKey.get(key);
			if (!b) {
				b = { wiring, port, policies: [], targets: [] };
				byKey.set(key, b);
			}
			if (target !== undefined && !b.targets.includes(target)) b.targets.push(target);
			for (const policy of access.isolating) if (!b.policies.includes(policy.name)) b.policies.push(policy.name);
		}
	}
	return [...byKey.values()];
}

/** `NetworkPolicy a isolates`, `NetworkPolicies a, b isolate`: the policies of every blocked backend. */
function isolatingText(blocked: readonly Blocked[]): { policies: string[]; text: string } {
	const policies = [...new Set(blocked.flatMap((b) => b.policies))].sort();
	const one = policies.length === 1;
	return { policies, text: `NetworkPolic${one ? 'y' : 'ies'} ${listNames(policies)} isolate${one ? 's' : ''}` };
}

function identified(controllers: readonly ControllerPods[]): string {
	return controllers.map((c) => `${c.label}, identified from ${c.evidence}`).join('; ');
}

function backendsOf(ingress: Ingress): IngressBackend[] {
	return [...(ingress.defaultBackend ? [ingress.defaultBackend] : []), ...ingress.rules.flatMap((r) => r.paths.map((p) => p.backend))];
}

/**
 * KW602 for one Ingress, with the backends (as its routing rows name them) it is about: the
 * Ingress's findings (model/ingress/findings.ts) carry it, so its routing rows, `ingresses`,
 * `route` and `check` all say the same.
 */
export function ingressControllerAccess(rc: RuleContext, ingress: Ingress): { finding: Finding; targets: string[] } | undefined {
	const ns = ingress.namespace;
	if (rc.policies.ingressPoliciesIn(ns).length === 0) return undefined;
	const controllers = controllersOfIngress(rc.model, ingress);
	if (controllers.length === 0) return undefined;
	const backends: Backend[] = [];
	for (const backend of backendsOf(ingress)) {
		if (!backend.service) continue;
		const wiring = rc.model.serviceByKey.get(`${ns}/${backend.service.name}`);
		const servicePort = wiring && findServicePort(wiring.service.ports, backend.service.port.number ?? (backend.service.port.name || undefined));
		if (wiring && servicePort) backends.push({ wiring, servicePort, target: targetText(backendTarget(ingress, backend)) });
	}
	const blocked = blockedBackends(rc, controllers, backends);
	if (blocked.length === 0) return undefined;
	const { policies, text } = isolatingText(blocked);
	const found = finding(
		'KW602',
		{ kind: 'Ingress', namespace: ns, name: ingress.name },
		`Ingress ${ns}/${ingress.name} sends to ${blocked.map((b) => `Service ${b.wiring.service.name} (${b.port})`).join(', ')}, whose pods ${text} for ingress without admitting the controller's pods (${identified(controllers)}): users see 504s`,
		`add an ingress rule to NetworkPolicy ${ns}/${policies[0]} admitting ${peerText(ns, controllers[0]!)} on ${blocked[0]!.port}`,
	);
	return { finding: found, targets: blocked.flatMap((b) => b.targets) };
}

/** The Service ports a route's rules send to, each once. */
function routeBackends(rc: RuleContext, route: GatewayRoute): Backend[] {
	const state = gatewayModel(rc.model).stateOf.get(route);
	const out: Backend[] = [];
	for (const b of state ? carryingBackends(state) : []) {
		if (!out.some((o) => o.wiring === b.wiring && o.servicePort === b.servicePort)) out.push({ wiring: b.wiring!, servicePort: b.servicePort! });
	}
	return out;
}

/** `podSelector a=b` in the policy's own namespace; across namespaces with a namespaceSelector too. */
function peerText(policyNamespace: string, controller: ControllerPods): string {
	const labels = controller.podLabels ?? {};
	const pods = Object.keys(labels).length > 0 ? `podSelector ${labelsText(labels)}` : "the controller's pods";
	return controller.namespace === policyNamespace ? pods : `namespaceSelector kubernetes.io/metadata.name=${controller.namespace} with ${pods}`;
}

/** Some Gateway the route names has data-plane pods in the input (else nothing can be judged). */
function namesGatewayWithPods(rc: RuleContext, route: GatewayRoute): boolean {
	return route.parentRefs.some((ref) => {
		if ((ref.kind || 'Gateway') !== 'Gateway') return false;
		const answer = gatewayControllerPods(rc.model, `${ref.namespace || route.namespace}/${ref.name}`);
		return 'found' in answer;
	});
}

function routeFindings(rc: RuleContext, route: GatewayRoute): Finding[] {
	// Checked first because it is cheap: resolving the route's backends is not.
	if (!namesGatewayWithPods(rc, route)) return [];
	const backends = routeBackends(rc, route).filter((b) => rc.policies.ingressPoliciesIn(b.wiring.service.namespace).length > 0);
	if (backends.length === 0) return [];
	const out: Finding[] = [];
	// One finding per Gateway: each Gateway's pods are their own clients, admitted or not.
	for (const gateway of gatewaysOfRoute(rc.model, route)) {
		const blocked = blockedBackends(rc, [gateway], backends);
		if (blocked.length === 0) continue;
		const { policies, text } = isolatingText(blocked);
		const first = blocked[0]!;
		out.push(
			finding(
				'KW602',
				{ kind: route.kind, namespace: route.namespace, name: route.name },
				`${route.kind} ${route.namespace}/${route.name} sends to ${blocked.map((b) => `Service ${b.wiring.key} (${b.port})`).join(', ')}, whose pods ${text} for ingress without admitting the pods of ${identified([gateway])}: requests time out (users see 504s, or 503s from Envoy)`,
				`add an ingress rule to NetworkPolicy ${first.wiring.service.namespace}/${first.policies[0] ?? policies[0]} admitting ${peerText(first.wiring.service.namespace, gateway)} on ${first.port}`,
			),
		);
	}
	return out;
}

/** KW602 on Gateway routes (an Ingress's KW602 is among the Ingress findings: `ingressControllerAccess`). */
export function controllerAccessRule(rc: RuleContext): Finding[] {
	const out: Finding[] = [];
	for (const route of [...rc.model.snapshot.httpRoutes, ...rc.model.snapshot.grpcRoutes]) out.push(...routeFindings(rc, route));
	return out;
}
