/**
 * The rules kube-proxy writes for one node, as data: two tables of declared chains and rule
 * lines in the order kube-proxy emits them, plus, per service port, the decisions behind them
 * (which endpoints, which chains, which verdicts) so that trees and traces can explain the text.
 */
import type { Categorized, ProxyEndpoint } from './proxy-endpoints.js';
import type { ProxyServicePort } from './service-ports.js';
import type { ProxySettings } from './settings.js';

export type TableName = 'filter' | 'nat';

export interface Rule {
	chain: string;
	/** The whole line as kube-proxy writes it: `-A CHAIN args…`. */
	text: string;
	/** The service port the rule belongs to (`ns/name[:port]`); absent for the fixed rules. */
	spn?: string;
}

export interface Table {
	name: TableName;
	/** Declared chains, in declaration order. */
	chains: string[];
	/** Every rule, in emission order (rules of different chains interleave, as in kube-proxy). */
	rules: Rule[];
}

export type Verdict = 'REJECT' | 'DROP';

/** What kube-proxy decided for one service port on this node. */
export interface PortPlan {
	sp: ProxyServicePort;
	endpoints: ProxyEndpoint[];
	cat: Categorized;
	/** KUBE-SVC-… is written (cluster-wide endpoints in use). */
	usesC: boolean;
	/** KUBE-SVL-… is written (node-local endpoints in use). */
	usesL: boolean;
	usesE: boolean;
	usesF: boolean;
	hasInternal: boolean;
	hasExternal: boolean;
	/** The chain cluster-IP traffic goes to (KUBE-SVC or, with internalTrafficPolicy Local, KUBE-SVL). */
	internalChain: string;
	/** The chain external traffic ends in (KUBE-SVC or, with externalTrafficPolicy Local, KUBE-SVL). */
	externalPolicyChain: string;
	/** What the filter table does to cluster-IP traffic when there is no internal endpoint. */
	internalVerdict?: Verdict;
	externalVerdict?: Verdict;
	/** The comment text of those filter rules (without quotes). */
	internalVerdictComment?: string;
	externalVerdictComment?: string;
	/** The LoadBalancer traffic chain: KUBE-FW-… with source ranges, else KUBE-EXT-…. */
	loadBalancerChain: string;
	/** A source range holds the node IP, so the VIPs themselves are allowed as sources. */
	allowFromNode: boolean;
}

export interface SkippedService {
	serviceKey: string;
	why: string;
}

export interface RuleSet {
	settings: ProxySettings;
	filter: Table;
	nat: Table;
	ports: PortPlan[];
	/** Services kube-proxy writes nothing for (headless, ExternalName, other family). */
	skipped: SkippedService[];
	/** Services (`ns/name`) whose endpoints were derived from their pods: the input has no EndpointSlice for them. */
	derivedEndpoints?: string[];
	/** Selectorless Services whose EndpointSlices were not read: written as without endpoints, which is not known. */
	endpointsNotGiven?: string[];
	/** More than 1000 endpoints: kube-proxy leaves the comments out of SVC→SEP and SEP rules. */
	largeCluster: boolean;
	masqueradeMark: string;
}
