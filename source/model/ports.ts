/**
 * How a Service port reaches a pod: a numeric targetPort is used as it is (whether or not a
 * container declares it); a named one is looked up among the pod's container ports by name and
 * protocol, as the EndpointSlice controller does (FindPort). Native sidecars' ports count too.
 */
import type { Pod, ServicePort } from '../cluster/snapshot.js';

export interface PortResolution {
	/** The port traffic is sent to on the pod; undefined when a named targetPort does not resolve. */
	containerPort?: number;
	/** The container that declares the port, when one does. */
	container?: string;
	/** A container declares the port (by number, or by name for named targetPorts). */
	declared: boolean;
	/** False when only a port of another protocol carries that number or name. */
	protocolMatches: boolean;
	/** The protocol of the container port that was found with another protocol. */
	foundProtocol?: string;
}

export function resolveTargetPort(servicePort: ServicePort, pod: Pod): PortResolution {
	const target = servicePort.targetPort;
	let otherProtocol: { port: number; container: string; protocol: string } | undefined;
	for (const container of pod.containers) {
		for (const cp of container.ports) {
			const hit = typeof target === 'number' ? cp.containerPort === target : cp.name === target;
			if (!hit) continue;
			if (cp.protocol === servicePort.protocol) {
				return { containerPort: cp.containerPort, container: container.name, declared: true, protocolMatches: true };
			}
			otherProtocol ??= { port: cp.containerPort, container: container.name, protocol: cp.protocol };
		}
	}
	if (otherProtocol) {
		return {
			// A number is still sent to; a name with the wrong protocol does not resolve at all.
			containerPort: typeof target === 'number' ? target : undefined,
			container: otherProtocol.container,
			declared: true,
			protocolMatches: false,
			foundProtocol: otherProtocol.protocol,
		};
	}
	return {
		containerPort: typeof target === 'number' ? target : undefined,
		declared: false,
		protocolMatches: true,
	};
}

/** `80→http(8080)/TCP` style text for one Service port, with its NodePort when it has one. */
export function formatServicePort(port: ServicePort, resolved?: number): string {
	const target =
		typeof port.targetPort === 'number'
			? String(port.targetPort)
			: resolved !== undefined
				? `${port.targetPort}(${resolved})`
				: port.targetPort;
	const node = port.nodePort ? `:${port.nodePort}` : '';
	const proto = port.protocol === 'TCP' ? '' : `/${port.protocol}`;
	return `${port.port}${node}→${target}${proto}`;
}
