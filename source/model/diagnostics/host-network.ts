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
	const them = onHost.length === 1 ? 'it' : 'them';
	// A policy written for these pods (kube-prometheus ships one for node-exporter) protects nothing:
	// the finding names it, since that is what the operator believes is guarding the port.
	const policies = [...new Set(onHost.flatMap((pod) => rc.policies.selecting(pod)).map((p) => `${p.namespace}/${p.name}`))].sort();
	// How plugins treat hostNetwork pods is left open by the NetworkPolicy docs; most ignore them.
	const believed = policies.length > 0 ? `; NetworkPolicy ${listNames(policies)} selects ${them}, but most network plugins do not apply policies to hostNetwork pods (it depends on the plugin)` : '';
	return [
		finding(
			'KW110',
			serviceSubject(wiring),
			`${who} matching ${formatLabels(svc.selector)} use${onHost.length === 1 ? 's' : ''} hostNetwork (${listNames(onHost.map((p) => p.name))}): ${onHost.length === 1 ? 'its endpoint is a node IP' : 'their endpoints are node IPs'} and NetworkPolicies do not apply to ${them}${believed}`,
			policies.length > 0
				? `expected for node agents (a DaemonSet that must see the host); guard the port on the nodes instead (a host firewall, or the plugin's host policies), or remove hostNetwork: true so the NetworkPolicy applies`
				: `expected for node agents (a DaemonSet that must see the host); otherwise remove hostNetwork: true from the pod template, and do not count on NetworkPolicies to protect these pods`,
		),
	];
}
