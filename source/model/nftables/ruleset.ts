/**
 * The ruleset kube-proxy's nftables mode writes for one node and IP family, as data: the objects
 * of its `kube-proxy` table (chains, sets, verdict maps, rules, elements) in emission order, and,
 * per service port, the decisions behind them, so the tree and the trace can explain the text.
 */
import type { Categorized, ProxyEndpoint } from '../iptables/proxy-endpoints.js';
import type { SkippedService } from '../iptables/ruleset.js';
import type { ProxyServicePort } from '../iptables/service-ports.js';
import type { ProxySettings } from '../iptables/settings.js';

/** nft's address family of the table: `ip` for IPv4, `ip6` for IPv6. */
export type NftFamily = 'ip' | 'ip6';

export interface NftChain {
	name: string;
	/** `{ type filter hook input priority 0 ; }` for a base chain, or a chain comment; absent otherwise. */
	options?: string;
	spn?: string;
}

/** A named set or verdict map. */
export interface NftSet {
	kind: 'set' | 'map';
	name: string;
	options: string;
	spn?: string;
}

export interface NftRule {
	chain: string;
	/** The rule as kube-proxy writes it after `add rule <family> kube-proxy <chain> `. */
	text: string;
	spn?: string;
}

export interface NftElement {
	set: string;
	/** The key as nft writes it: `172.30.0.41 . tcp . 80`. */
	key: string;
	comment?: string;
	/** The verdict of a map element: `goto service-…`, `drop`, `goto reject-chain`. */
	value?: string;
	spn?: string;
}

/** The chain names of one service port (nftables-spec.md §4). */
export interface NftPortChains {
	service: string;
	local: string;
	external: string;
	firewall: string;
}

/** What kube-proxy decided for one service port on this node, in nftables mode. */
export interface NftPortPlan {
	sp: ProxyServicePort;
	endpoints: ProxyEndpoint[];
	cat: Categorized;
	chains: NftPortChains;
	usesC: boolean;
	usesL: boolean;
	usesE: boolean;
	usesF: boolean;
	hasInternal: boolean;
	hasExternal: boolean;
	/** Where ClusterIP traffic goes: service-… or, with internalTrafficPolicy Local, local-…. */
	internalChain: string;
	/** Where external traffic ends: service-… or, with externalTrafficPolicy Local, local-…. */
	externalPolicyChain: string;
	/** The no-endpoint verdict: `goto reject-chain` without any endpoint, else `drop` (Local policy, none here). */
	noEndpointVerdict: 'goto reject-chain' | 'drop';
	/** endpoint-… chain name per endpoint (`ep`), for the endpoints this node writes chains for. */
	endpointChains: Map<string, string>;
}

export interface NftRuleSet {
	settings: ProxySettings;
	family: NftFamily;
	/** `ip kube-proxy` or `ip6 kube-proxy`. */
	table: string;
	chains: NftChain[];
	sets: NftSet[];
	rules: NftRule[];
	elements: NftElement[];
	ports: NftPortPlan[];
	skipped: SkippedService[];
	masqueradeMark: string;
	/** The service CIDRs of this family (from ServiceCIDR objects); empty: no "unallocated" drop. */
	serviceCIDRs: string[];
	/** The addresses in the nodeport-ips set, or undefined when NodePorts are served on every local address. */
	nodePortIPs?: string[];
	/** Services whose endpoints were derived from their pods (the input has no EndpointSlice for them). */
	derivedEndpoints?: string[];
	/** Selectorless Services whose EndpointSlices were not read: written as without endpoints, which is not known. */
	endpointsNotGiven?: string[];
}
