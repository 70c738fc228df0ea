/**
 * Every Service-level rule of the diagnostics catalogue (KW101–KW404, KW601; the Ingress rules
 * KW501–KW509 live in model/ingress). Each rule is a small pure function of one Service's wiring
 * and the shared indexes; none walks all pods, and none speaks about a resource the snapshot
 * could not read.
 */
import type { ModelContext } from '../context.js';
import type { Finding } from '../findings.js';
import { noReadyEndpointRule, staleEndpointRule, terminatingOnlyRule } from './endpoints.js';
import { externalIPsRule } from './external-ips.js';
import { externalNameRule } from './external-name.js';
import { loadBalancerRule } from './load-balancer.js';
import { localTrafficRule } from './local-traffic.js';
import { networkPolicyRule } from './network-policy.js';
import { ownersRule } from './owners.js';
import { readinessRule } from './readiness.js';
import { ruleContextFor, type RuleContext, type ServiceRule } from './rule.js';
import type { ServiceWiring } from '../wiring.js';
import { selectorRule } from './selector.js';
import { selectorlessRule } from './selectorless.js';
import { targetPortRule } from './target-ports.js';

export const serviceRules: readonly ServiceRule[] = [
	selectorRule, // KW101, KW102, KW103
	selectorlessRule, // KW104
	readinessRule, // KW105
	ownersRule, // KW106
	targetPortRule, // KW201, KW202, KW203
	noReadyEndpointRule, // KW301
	staleEndpointRule, // KW302
	terminatingOnlyRule, // KW303
	loadBalancerRule, // KW401
	localTrafficRule, // KW402
	externalNameRule, // KW403
	externalIPsRule, // KW404
	networkPolicyRule, // KW601
];

export function diagnose(ctx: ModelContext): Finding[] {
	const rc = ruleContextFor(ctx);
	const out: Finding[] = [];
	for (const wiring of ctx.services) out.push(...diagnoseService(wiring, rc));
	return out;
}

/** Every Service rule over one Service, in catalogue order. */
export function diagnoseService(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const out: Finding[] = [];
	for (const rule of serviceRules) out.push(...rule(wiring, rc));
	return out;
}

export { ruleContextFor, type RuleContext } from './rule.js';
export { servedEndpoints, type ServedEndpoint, type ServedEndpoints } from './served-endpoints.js';
export { blockedPorts } from './network-policy.js';
