/**
 * KW406: a nodePort outside the default range 30000–32767, or one nodePort and protocol claimed
 * by two Services. The API server refuses both, so they appear only in merged captures and
 * hand-written manifests, where they are easy to miss and fail at apply time. A clash is raised
 * on the newer Service (see created-order.ts); the out-of-range check names the default range,
 * since a cluster may have widened --service-node-port-range.
 */
import type { Service, ServicePort } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { olderFirst, orderNote } from './created-order.js';
import type { RuleContext } from './rule.js';
import { subject } from './text.js';

export const nodePortRange = { min: 30000, max: 32767 } as const;

interface Claim {
	service: Service;
	port: ServicePort;
}

function hasNodePorts(svc: Service): boolean {
	return svc.type === 'NodePort' || svc.type === 'LoadBalancer';
}

function portLabel(port: ServicePort): string {
	return `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol}`;
}

export function nodePortFindings(rc: RuleContext): Finding[] {
	const out: Finding[] = [];
	const claims = new Map<string, Claim[]>();
	for (const svc of rc.model.snapshot.services) {
		if (!hasNodePorts(svc)) continue;
		for (const port of svc.ports) {
			const np = port.nodePort;
			if (np === undefined || np === 0) continue;
			if (np < nodePortRange.min || np > nodePortRange.max) {
				out.push(
					finding(
						'KW406',
						subject('Service', svc.namespace, svc.name),
						`port ${portLabel(port)} asks for nodePort ${np}, outside the default NodePort range ${nodePortRange.min}–${nodePortRange.max}: the API server refuses it unless its --service-node-port-range was widened`,
						`pick a nodePort between ${nodePortRange.min} and ${nodePortRange.max}, or leave nodePort out and let the API server assign one`,
					),
				);
			}
			const key = `${np}/${port.protocol}`;
			const list = claims.get(key) ?? [];
			list.push({ service: svc, port });
			claims.set(key, list);
		}
	}
	for (const [key, list] of claims) {
		const services = [...new Map(list.map((c) => [`${c.service.namespace}/${c.service.name}`, c.service] as const)).values()];
		if (services.length < 2) continue;
		services.sort(olderFirst);
		const holder = services[0]!;
		for (const svc of services.slice(1)) {
			const port = list.find((c) => c.service === svc)!.port;
			out.push(
				finding(
					'KW406',
					subject('Service', svc.namespace, svc.name),
					`nodePort ${key} (port ${portLabel(port)}) is already claimed by Service ${holder.namespace}/${holder.name} (${orderNote(holder, svc)}): the API server refuses the second claim`,
					`give ${svc.name} another nodePort, or leave nodePort out and let the API server assign a free one`,
				),
			);
		}
	}
	return out;
}
