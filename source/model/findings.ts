/**
 * The diagnostics catalogue: stable codes, their severity and what each means. Codes never
 * change meaning; a finding's message names the objects involved and its hint says what to change.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
	code: Code;
	severity: Severity;
	/** The object the finding is about. */
	kind: string;
	namespace: string;
	name: string;
	message: string;
	hint: string;
}

/** Titles stay short: the Services list shows one beside the code in a few columns. */
export const catalogue = {
	KW101: { severity: 'error', title: 'selector matches no pod' },
	KW102: { severity: 'error', title: 'pods in another namespace' },
	KW103: { severity: 'info', title: 'near miss: one label off' },
	KW104: { severity: 'error', title: 'no selector, no endpoints' },
	KW105: { severity: 'error', title: 'pods not ready' },
	KW106: { severity: 'warning', title: 'pods of several owners' },
	KW107: { severity: 'warning', title: 'readiness gate not passed' },
	KW108: { severity: 'warning', title: 'peers hidden from DNS' },
	KW109: { severity: 'error', title: 'StatefulSet serviceName bad' },
	KW110: { severity: 'warning', title: 'hostNetwork pods' },
	KW201: { severity: 'warning', title: 'targetPort not declared' },
	KW202: { severity: 'error', title: 'named port not found' },
	KW203: { severity: 'warning', title: 'protocol mismatch' },
	KW301: { severity: 'error', title: 'no ready endpoint' },
	KW302: { severity: 'warning', title: 'stale endpoints' },
	KW303: { severity: 'warning', title: 'only terminating endpoints' },
	KW401: { severity: 'warning', title: 'LoadBalancer has no address' },
	KW402: { severity: 'warning', title: 'Local policy: nodes drop' },
	KW403: { severity: 'warning', title: 'ExternalName misconfigured' },
	KW404: { severity: 'info', title: 'externalIPs set' },
	KW405: { severity: 'warning', title: 'IP family without endpoint' },
	KW406: { severity: 'error', title: 'nodePort invalid or taken' },
	KW407: { severity: 'error', title: 'ClusterIP shared' },
	KW409: { severity: 'warning', title: 'internal Local: no endpoint' },
	KW501: { severity: 'error', title: 'backend Service missing' },
	KW502: { severity: 'error', title: 'backend port missing' },
	KW503: { severity: 'error', title: 'backend has no endpoints' },
	KW504: { severity: 'error', title: 'TLS secret missing' },
	KW505: { severity: 'error', title: 'IngressClass missing' },
	KW506: { severity: 'warning', title: 'host and path claimed twice' },
	KW507: { severity: 'warning', title: 'TLS and rule hosts differ' },
	KW508: { severity: 'warning', title: 'Ingress has no address' },
	KW509: { severity: 'warning', title: 'no class; default exists' },
	KW601: { severity: 'warning', title: 'NetworkPolicy blocks port' },
	KW602: { severity: 'error', title: 'policy blocks the controller' },
	KW603: { severity: 'error', title: 'egress policy blocks DNS' },
	KW604: { severity: 'warning', title: 'policy selects no pod' },
	KW605: { severity: 'warning', title: 'outside traffic blocked' },
	KW701: { severity: 'error', title: 'route not accepted' },
	KW702: { severity: 'error', title: 'route backend not found' },
	KW703: { severity: 'error', title: 'no ReferenceGrant' },
	KW704: { severity: 'error', title: 'GatewayClass missing' },
	KW705: { severity: 'error', title: 'listener secret missing' },
	KW706: { severity: 'error', title: 'route backend not ready' },
	KW801: { severity: 'error', title: 'kube-proxy not ready' },
	KW803: { severity: 'info', title: 'kube-proxy in IPVS mode' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type Code = keyof typeof catalogue;

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Builds a finding with the catalogue's severity, unless the rule says otherwise (KW105). */
export function finding(
	code: Code,
	object: { kind: string; namespace: string; name: string },
	message: string,
	hint: string,
	severity: Severity = catalogue[code].severity,
): Finding {
	return { code, severity, kind: object.kind, namespace: object.namespace, name: object.name, message, hint };
}

/** Errors first, then warnings, then info; within a severity by object, then code. */
export function compareFindings(a: Finding, b: Finding): number {
	return (
		severityRank[a.severity] - severityRank[b.severity] ||
		cmp(a.namespace, b.namespace) ||
		cmp(a.kind, b.kind) ||
		cmp(a.name, b.name) ||
		cmp(a.code, b.code)
	);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
