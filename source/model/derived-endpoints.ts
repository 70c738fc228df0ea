/**
 * The endpoints the EndpointSlice controller would publish for a Service whose input holds no
 * EndpointSlice and no Endpoints object (a capture or manifests that left them out: the
 * controller writes a slice, even an empty one, for every selector Service). One row per pod and
 * Service port, in the same shape as rows read from slices, marked `derived`.
 *
 * As the controller does: pods in a terminal phase are skipped; an unready pod counts as ready
 * when the Service sets publishNotReadyAddresses; the port is the target port resolved on each
 * pod (undefined when it does not resolve: kube-proxy then ignores the row). Planned pods (the
 * templates of workloads in manifests) have no address and no readiness yet: they publish
 * nothing, and neither does a pod without an address unless it says it is Ready (an input that
 * left status out of a running pod).
 */
import type { Pod, Service } from '../cluster/snapshot.js';
import type { EndpointView } from './endpoints.js';
import type { PortResolution } from './ports.js';

/** For each Service port, one resolution per pod, in the order of `pods`. */
export interface PortOnPods {
	port: { name: string; protocol: EndpointView['protocol'] };
	pods: readonly { resolution: PortResolution }[];
}

const derivedSource = { kind: 'derived', name: 'derived from the pods: the input has no EndpointSlice' } as const;

export function derivedEndpoints(service: Service, pods: readonly Pod[], ports: readonly PortOnPods[]): EndpointView[] {
	const rows: EndpointView[] = [];
	pods.forEach((pod, i) => {
		if (!publishes(pod)) return;
		const serving = pod.ready;
		const ready = service.publishNotReadyAddresses || (serving && !pod.terminating);
		const hostname = pod.hostname !== '' && pod.subdomain === service.name ? pod.hostname : '';
		for (const pw of ports) {
			rows.push({
				ip: pod.podIP,
				port: pw.pods[i]?.resolution.containerPort,
				portName: pw.port.name,
				protocol: pw.port.protocol,
				ready,
				serving,
				terminating: pod.terminating,
				node: pod.nodeName,
				zone: '',
				hostname,
				targetRef: { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid },
				pod: pod.name,
				derived: true,
				source: derivedSource,
			});
		}
	});
	return rows;
}

/** Whether the controller would publish an address for this pod at all. */
export function publishes(pod: Pod): boolean {
	if (pod.planned) return false;
	if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return false;
	return pod.podIP !== '' || pod.ready;
}
