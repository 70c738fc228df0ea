/**
 * KW109: a StatefulSet's pods get their stable DNS names (`db-0.db.ns.svc.cluster.local`) from
 * the headless Service its spec.serviceName names. When that Service does not exist, or is not
 * headless, those names do not exist and peers or seeds configured by them never connect.
 * Raised on the StatefulSet; needs no status, so manifests are judged too. A StatefulSet without
 * serviceName names nothing and is left alone.
 */
import type { Workload } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import type { RuleContext } from './rule.js';
import { subject } from './text.js';

export function statefulSetServiceFindings(rc: RuleContext): Finding[] {
	const { snapshot, readable, serviceByKey, options } = rc.model;
	const out: Finding[] = [];
	for (const set of snapshot.statefulSets) {
		if (set.serviceName === '' || !readable.canRead('services', set.namespace)) continue;
		const wiring = serviceByKey.get(`${set.namespace}/${set.serviceName}`);
		const example = `${set.name}-0.${set.serviceName}.${set.namespace}.svc.${options.clusterDomain}`;
		if (!wiring) {
			out.push(
				finding(
					'KW109',
					subjectOf(set),
					`serviceName ${set.serviceName} names no Service in ${set.namespace}: the per-pod DNS names (${example}) do not exist`,
					`create a headless Service (clusterIP: None) named ${set.serviceName} in ${set.namespace} selecting the StatefulSet's pods (serviceName cannot be changed on an existing StatefulSet)`,
				),
			);
			continue;
		}
		if (wiring.headless) continue;
		const what = wiring.externalName ? 'an ExternalName Service' : `not headless (clusterIP ${wiring.service.clusterIP || 'assigned'})`;
		out.push(
			finding(
				'KW109',
				subjectOf(set),
				`serviceName ${set.serviceName} names Service ${set.namespace}/${set.serviceName}, which is ${what}: the per-pod DNS names (${example}) do not exist${set.replicas <= 1 ? ' (with one replica, clients that use the Service name are not affected)' : ''}`,
				`recreate ${set.serviceName} with clusterIP: None (clusterIP cannot be changed in place) and give clients a separate, non-headless Service`,
				// One pod has no peers to find by name: a database behind its ClusterIP (bank-of-anthos,
				// aks-store-demo) works as published; only a client that uses NAME-0.SERVICE would fail.
				set.replicas <= 1 ? 'warning' : undefined,
			),
		);
	}
	return out;
}

function subjectOf(set: Workload) {
	return subject('StatefulSet', set.namespace, set.name);
}
