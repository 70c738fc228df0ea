/**
 * NetworkPolicy evaluation, exported for the diagnostics (KW601) and for screens that show which
 * policies select a Service's pods and what they admit.
 */
export { cidrContains, isIPAddress, parseAddress, parseCidr, type Address, type Cidr } from './cidr.js';
export { admits, describeAccess, ingressAccess, type AdmittingRule, type IngressAccess, type TrafficTarget } from './ingress.js';
export { describePeer, peerMatches, type TrafficSource } from './peers.js';
export { NetworkPolicyIndex, namespaceNameLabel } from './policy-index.js';
export { describePolicyPort, policyPortMatches, rulePortsMatch } from './ports.js';
export {
	connectionVerdict,
	decidingPolicy,
	egressVerdict,
	ingressVerdict,
	type ConnectionVerdict,
	type Direction,
	type LegVerdict,
	type PolicyEnd,
} from './connection.js';
