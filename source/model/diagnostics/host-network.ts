/**
 * KW110: pods with hostNetwork share their node's address, so the Service's endpoints are node
 * IPs (and the port must be free on every node), and NetworkPolicies do not apply to them: no
 * policy isolates them, none admits traffic to them. This needs no status, so it applies to
 * manifests' planned pods as well.
 */
import { finding, type Finding } from '../findings.js';
import { formatLabels } from '../selectors.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { allOf, listNames, plural } from './text.js';

export function hostNetworkRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || !rc.podsReadable(svc.namespace)) return [];
	const live = wiring.pods.filter((p) => !p.terminating);
	const onHost = live.filter((p) => p.hostNetwork);
	if (onHost.length === 0) return [];
	const who = onHost.length === live.length ? allOf(onHost.length) : `${onHost.length} of ${plural(live.length, 'pod')}`;
	return [
		finding(
			'KW110',
			serviceSubject(wiring),
			`${who} matching ${formatLabels(svc.selector)} use${onHost.length === 1 ? 's' : ''} hostNetwork (${listNames(onHost.map((p) => p.name))}): ${onHost.length === 1 ? 'its endpoint is a node IP' : 'their endpoints are node IPs'} and NetworkPolicies do not apply to ${onHost.length === 1 ? 'it' : 'them'}`,
			`expected for node agents (a DaemonSet that must see the host); otherwise remove hostNetwork: true from the pod template, and do not count on NetworkPolicies to protect these pods`,
		),
	];
}
