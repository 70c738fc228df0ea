/** Which namespaces a report covers: one (-n) or every namespace in the snapshot. */
export interface Scope {
	namespace?: string;
}

export function inScope(scope: Scope, namespace: string): boolean {
	return scope.namespace === undefined || namespace === scope.namespace || namespace === '';
}
