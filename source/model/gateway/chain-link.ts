/**
 * The Gateway link of a Service's chain (DESIGN.md: "Gateway listener ─► HTTPRoute/GRPCRoute rule
 * (host, path, headers…) ─► Service port"): every attached route rule whose backendRefs name this
 * Service, with the Gateway, listener, hostname and match it is reached by. Pure; the chain view
 * renders it.
 */
import type { ModelContext } from '../context.js';
import type { BackendResolution } from './backends.js';
import { notProgrammedText } from './programmed.js';
import { gatewayTable } from './table.js';

export interface GatewayReach {
	/** `ns/name` of the Gateway. */
	gateway: string;
	listener: string;
	/** The hostname the rule serves on the listener ('' = every host). */
	hostname: string;
	route: { kind: 'HTTPRoute' | 'GRPCRoute'; namespace: string; name: string };
	rule: number;
	/** The match in words ("PathPrefix /api, header x-env=canary"). */
	match: string;
	/** The backendRef that names this Service, with its resolution (RefNotPermitted, BackendNotFound …). */
	backend: BackendResolution;
	/** Why no controller programs the Gateway (KW704), when none does: it carries nothing. */
	notProgrammed?: string;
}

/** The route rules that reach Service `namespace/name`, in the routing table's precedence order. */
export function gatewayRulesFor(ctx: ModelContext, namespace: string, name: string): GatewayReach[] {
	const out: GatewayReach[] = [];
	for (const row of gatewayTable(ctx).rows) {
		for (const backend of row.backends) {
			if (backend.namespace !== namespace || backend.ref.name !== name || (backend.ref.kind !== '' && backend.ref.kind !== 'Service') || backend.ref.group !== '') continue;
			const route = row.state.route;
			out.push({
				gateway: `${row.gateway.gateway.namespace}/${row.gateway.gateway.name}`,
				listener: row.listener.name,
				hostname: row.hostname,
				route: { kind: route.kind, namespace: route.namespace, name: route.name },
				rule: row.ruleIndex,
				match: row.matchText,
				backend,
				...(row.gateway.missingClass ? { notProgrammed: notProgrammedText(`${row.gateway.gateway.namespace}/${row.gateway.gateway.name}`, row.gateway.missingClass) } : {}),
			});
		}
	}
	return out;
}
