/**
 * KW602: an Ingress's backend pods are isolated for ingress and no policy admits the pods of the
 * controller that serves the Ingress, on the port it sends to: the route looks healthy, yet users
 * get 504s. The controller sends to the endpoint pods itself, so its pods are the clients. They
 * are found from the Ingress's class and the controller that runs it in the input (its pods, or
 * its Deployment's template); when the input does not show the controller, nothing is raised.
 */
import type { Ingress, IngressBackend } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { findServicePort } from '../ingress/backend.js';
import { ingressVerdict } from '../netpol/connection.js';
import { controllersOfIngress } from '../reach/controller-pods.js';
import { podEnd } from '../reach/pod-end.js';
import type { RuleContext } from './rule.js';
import { isTerminal } from './served-endpoints.js';
import { listNames } from './text.js';

function backendsOf(ingress: Ingress): IngressBackend[] {
	return [...(ingress.defaultBackend ? [ingress.defaultBackend] : []), ...ingress.rules.flatMap((r) => r.paths.map((p) => p.backend))];
}

export function controllerAccessRule(rc: RuleContext): Finding[] {
	const ctx = rc.model;
	const out: Finding[] = [];
	for (const ingress of ctx.snapshot.ingresses) {
		const ns = ingress.namespace;
		if (rc.policies.ingressPoliciesIn(ns).length === 0 || !ctx.readable.canRead('networkpolicies', ns)) continue;
		const controllers = controllersOfIngress(ctx, ingress);
		if (controllers.length === 0) continue;
		const clients = controllers.flatMap((c) => c.pods.map(podEnd));
		const problems = new Map<string, { service: string; port: string; policies: Set<string> }>();
		for (const backend of backendsOf(ingress)) {
			if (!backend.service) continue;
			const wiring = ctx.serviceByKey.get(`${ns}/${backend.service.name}`);
			const servicePort = wiring && findServicePort(wiring.service.ports, backend.service.port.number ?? (backend.service.port.name || undefined));
			if (!wiring || !servicePort) continue;
			const pw = wiring.ports.find((p) => p.port === servicePort);
			for (const { pod, resolution } of pw?.pods ?? []) {
				if (resolution.containerPort === undefined || pod.hostNetwork || isTerminal(pod)) continue;
				const target = podEnd(pod);
				const legs = clients.map((c) => ingressVerdict(rc.policies, c, target, resolution.containerPort!, servicePort.protocol));
				if (legs.length === 0 || legs.some((l) => l.allowed)) continue;
				const key = `${wiring.service.name}:${servicePort.protocol}/${resolution.containerPort}`;
				let p = problems.get(key);
				if (!p) {
					p = { service: wiring.service.name, port: `${servicePort.protocol}/${resolution.containerPort}`, policies: new Set() };
					problems.set(key, p);
				}
				for (const policy of legs[0]!.isolating) p.policies.add(policy.name);
			}
		}
		if (problems.size === 0) continue;
		const list = [...problems.values()];
		const policies = [...new Set(list.flatMap((p) => [...p.policies]))].sort();
		const controller = controllers.map((c) => `${c.label}, identified from ${c.evidence}`).join('; ');
		out.push(
			finding(
				'KW602',
				{ kind: 'Ingress', namespace: ns, name: ingress.name },
				`Ingress ${ns}/${ingress.name} sends to ${list.map((p) => `Service ${p.service} (${p.port})`).join(', ')}, whose pods NetworkPolic${policies.length === 1 ? 'y' : 'ies'} ${listNames(policies)} isolate${policies.length === 1 ? 's' : ''} for ingress without admitting the controller's pods (${controller}): users see 504s`,
				`add an ingress rule to ${policies[0]} admitting namespaceSelector kubernetes.io/metadata.name=${controllers[0]!.namespace} with the controller's pod labels on ${list[0]!.port}`,
			),
		);
	}
	return out;
}
