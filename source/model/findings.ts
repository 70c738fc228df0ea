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

export const catalogue = {
	KW101: { severity: 'error', title: 'selector matches no pod' },
	KW102: { severity: 'error', title: 'matching pods are in another namespace' },
	KW103: { severity: 'info', title: 'near miss: pods differ in one label' },
	KW104: { severity: 'error', title: 'no selector and no endpoints' },
	KW105: { severity: 'error', title: 'matching pods are not ready' },
	KW106: { severity: 'warning', title: 'selector matches pods of several owners' },
	KW201: { severity: 'warning', title: 'targetPort not declared by the pods' },
	KW202: { severity: 'error', title: 'named targetPort not found' },
	KW203: { severity: 'warning', title: 'port protocol differs from the container port' },
	KW301: { severity: 'error', title: 'no ready endpoint: kube-proxy rejects' },
	KW302: { severity: 'warning', title: 'endpoints point at missing or unmatched pods' },
	KW303: { severity: 'warning', title: 'only terminating endpoints remain' },
	KW401: { severity: 'warning', title: 'LoadBalancer has no address' },
	KW402: { severity: 'warning', title: 'externalTrafficPolicy Local: nodes without a local endpoint' },
	KW403: { severity: 'warning', title: 'ExternalName misconfigured' },
	KW404: { severity: 'info', title: 'externalIPs set' },
	KW501: { severity: 'error', title: 'Ingress backend Service missing' },
	KW502: { severity: 'error', title: 'Ingress backend port missing' },
	KW503: { severity: 'error', title: 'Ingress backend has no ready endpoints' },
	KW504: { severity: 'error', title: 'TLS secret missing' },
	KW505: { severity: 'error', title: 'IngressClass missing' },
	KW506: { severity: 'warning', title: 'two Ingresses claim the same host and path' },
	KW507: { severity: 'warning', title: 'TLS hosts and rule hosts disagree' },
	KW508: { severity: 'warning', title: 'Ingress has no address' },
	KW509: { severity: 'warning', title: 'Ingress has no class while a default exists' },
	KW601: { severity: 'warning', title: 'NetworkPolicy blocks the Service port' },
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
