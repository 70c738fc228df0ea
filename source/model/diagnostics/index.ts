/**
 * Every Service-level rule of the diagnostics catalogue (KW101–KW409, KW601; the Ingress rules
 * KW501–KW509 live in model/ingress), and the few that look across Services or at other objects
 * (KW109 on StatefulSets, KW406/KW407 between Services, KW801 per Node, KW602 on Ingresses,
 * KW603/KW604 on NetworkPolicies). Each rule is a small
 * pure function of one Service's wiring and the shared indexes; none walks all pods per Service
 * (what several need is computed once per snapshot), and none speaks about a resource the
 * snapshot could not read.
 */
import type { ModelContext } from '../context.js';
import type { Finding } from '../findings.js';
import { clusterIPFindings } from './cluster-ips.js';
import { noReadyEndpointRule, staleEndpointRule, terminatingOnlyRule } from './endpoints.js';
import { externalIPsRule } from './external-ips.js';
import { externalNameRule } from './external-name.js';
import { hostNetworkRule } from './host-network.js';
import { internalLocalTrafficRule } from './internal-local-traffic.js';
import { ipFamilyRule } from './ip-families.js';
import { kubeProxyNodeFindings } from './kube-proxy-nodes.js';
import { loadBalancerRule } from './load-balancer.js';
import { localTrafficRule } from './local-traffic.js';
import { networkPolicyRule } from './network-policy.js';
import { nodePortFindings } from './node-ports.js';
import { controllerAccessRule } from './controller-access.js';
import { dnsEgressRule } from './dns-egress.js';
import { outsideAccessRule } from './outside-access.js';
import { unusedPolicySteps } from './unused-policy.js';
import { ownersRule } from './owners.js';
import { peerDiscoveryRule } from './peer-discovery.js';
import { readinessGateRule } from './readiness-gates.js';
import { readinessRule } from './readiness.js';
import { ruleContextFor, type RuleContext, type ServiceRule } from './rule.js';
import type { ServiceWiring } from '../wiring.js';
import { runSteps, type Steps } from '../steps.js';
import { selectorRule } from './selector.js';
import { selectorlessRule } from './selectorless.js';
import { statefulSetServiceFindings } from './statefulset-service.js';
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
	readinessGateRule, // KW107
	peerDiscoveryRule, // KW108
	hostNetworkRule, // KW110
	ipFamilyRule, // KW405
	internalLocalTrafficRule, // KW409
	outsideAccessRule, // KW605
];

/**
 * Rules that look across Services or at other objects: StatefulSets, nodePort and ClusterIP
 * clashes, nodes, policies. Each is a computation in steps (model/steps.ts): the one that takes
 * long on a large cluster yields inside, so a live update can run it in slices.
 */
export type ClusterRule = (rc: RuleContext) => Steps<Finding[]>;

/** A rule (or any computation across objects) quick enough to run in one step. */
export function oneStep(rule: (rc: RuleContext) => Finding[]): ClusterRule {
	return function* (rc) {
		return rule(rc);
	};
}

export const clusterRules: readonly ClusterRule[] = [
	oneStep(statefulSetServiceFindings), // KW109 (on the StatefulSet)
	oneStep(nodePortFindings), // KW406
	oneStep(clusterIPFindings), // KW407
	oneStep(kubeProxyNodeFindings), // KW801 (on the Node)
	oneStep(controllerAccessRule), // KW602 (on the Ingress)
	oneStep(dnsEgressRule), // KW603 (on the NetworkPolicy)
	unusedPolicySteps, // KW604 (on the NetworkPolicy)
];

export function diagnose(ctx: ModelContext): Finding[] {
	const rc = ruleContextFor(ctx);
	const out: Finding[] = [];
	for (const wiring of ctx.services) out.push(...diagnoseService(wiring, rc));
	out.push(...diagnoseAcross(rc));
	return out;
}

/** Every Service rule over one Service, in catalogue order. */
export function diagnoseService(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const out: Finding[] = [];
	for (const rule of serviceRules) out.push(...rule(wiring, rc));
	return out;
}

/** The rules that look across Services or at other objects (clusterRules). */
export function diagnoseAcross(rc: RuleContext): Finding[] {
	const out: Finding[] = [];
	for (const rule of clusterRules) out.push(...runSteps(rule(rc)));
	return out;
}

export { ruleContextFor, type RuleContext } from './rule.js';
export { servedEndpoints, type ServedEndpoint, type ServedEndpoints } from './served-endpoints.js';
export { blockedPorts } from './network-policy.js';
