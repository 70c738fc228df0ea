/**
 * KW201, KW202, KW203, per Service port, over the pods the selector matches:
 * - KW201: a numeric targetPort that no container declares (traffic is still sent there; the
 *   declaration is informative, but a mismatch is usually the wrong number);
 * - KW202: a named targetPort that no container port carries: the EndpointSlice controller
 *   cannot resolve it, so the port gets no endpoint;
 * - KW203: the container port exists but with another protocol than the Service port's.
 */
import type { ContainerPort, Pod, ServicePort } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { formatLabels } from '../selectors.js';
import type { ServicePortWiring, ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { listNames, plural } from './text.js';

export function targetPortRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length === 0) return [];
	if (!rc.podsReadable(svc.namespace)) return [];
	return wiring.ports.flatMap((pw) => checkPort(wiring, pw));
}

/** `port 80 (http)`: how a Service port is named in messages. */
export function portLabel(port: ServicePort): string {
	const proto = port.protocol === 'TCP' ? '' : `/${port.protocol}`;
	return `port ${port.port}${proto}${port.name ? ` (${port.name})` : ''}`;
}

function declaredPorts(pods: readonly Pod[]): ContainerPort[] {
	const seen = new Map<string, ContainerPort>();
	for (const pod of pods) {
		for (const c of pod.containers) for (const cp of c.ports) seen.set(`${cp.name}/${cp.containerPort}/${cp.protocol}`, cp);
	}
	return [...seen.values()];
}

function checkPort(wiring: ServiceWiring, pw: ServicePortWiring): Finding[] {
	const svc = wiring.service;
	const port = pw.port;
	const target = port.targetPort;
	const subject = serviceSubject(wiring);
	const selector = formatLabels(svc.selector ?? {});
	const podCount = plural(wiring.pods.length, 'pod');
	const mismatched = pw.pods.filter((r) => r.resolution.declared && !r.resolution.protocolMatches);
	const declared = pw.pods.some((r) => r.resolution.declared);
	const out: Finding[] = [];
	if (!declared) {
		const ports = declaredPorts(wiring.pods);
		if (typeof target === 'number') {
			const have = ports.length > 0 ? `they declare ${listNames(ports.map((p) => `${p.containerPort}/${p.protocol}`), 4)}` : 'they declare no ports at all';
			out.push(
				finding(
					'KW201',
					subject,
					`${portLabel(port)} sends to targetPort ${target}, which no container of the ${podCount} matching ${selector} declares (${have})`,
					ports.length > 0
						? `set targetPort to the port the container listens on (declared: ${listNames([...new Set(ports.map((p) => String(p.containerPort)))], 4)}), or declare containerPort ${target} if the app listens there`
						: `declare containerPort ${target} in the pod template if the app listens there, or set targetPort to the port it does listen on`,
					// Pods that declare no port at all are common and work: nothing contradicts the number.
					ports.length > 0 ? undefined : 'info',
				),
			);
		} else {
			const names = [...new Set(ports.map((p) => p.name).filter(Boolean))].sort();
			out.push(
				finding(
					'KW202',
					subject,
					`${portLabel(port)} targets the port name "${target}", which no container of the ${podCount} matching ${selector} declares (${names.length > 0 ? `names: ${listNames(names, 4)}` : 'they have no named ports'})`,
					names.length > 0
						? `set targetPort to one of ${listNames(names, 4)} (or a number), or name the container port "${target}"`
						: `name the container port "${target}" in the pod template, or set targetPort to the port number`,
				),
			);
		}
	}
	if (mismatched.length > 0) {
		const first = mismatched[0]!;
		const found = first.resolution.foundProtocol ?? '';
		const resolves = typeof target === 'number' ? '' : ', so the name does not resolve and the port gets no endpoint';
		out.push(
			finding(
				'KW203',
				subject,
				`${portLabel(port)} uses ${port.protocol}, but container ${first.resolution.container ?? ''} of ${mismatched.length === 1 ? `pod ${first.pod.name}` : `${mismatched.length} pods`} declares ${typeof target === 'number' ? target : `"${target}"`} as ${found}${resolves}`,
				`set protocol: ${found} on the Service port (or add a second Service port for ${found}), or declare the container port with protocol ${port.protocol} if the app serves it`,
			),
		);
	}
	return out;
}
