/**
 * `kubewire route URL` when the request goes through a Gateway: the listener, the route rule that
 * won by the spec's precedence, the backend(s) with their shares and ready endpoints, the status
 * the client gets and the findings on the way; as text, or the JSON DESIGN.md fixes (`via`,
 * `status`, `gateway`, `httpRoute` beside the Ingress route's fields).
 */
import type { RouteBackendRef } from '../cluster/snapshot.js';
import type { Finding } from '../model/findings.js';
import { listenerText } from '../model/gateway/listeners.js';
import { matchText } from '../model/gateway/match.js';
import { backendText } from '../model/gateway/refs.js';
import type { GatewayRouteRequest, GatewayRouteResult } from '../model/gateway/route.js';
import { wrapHard } from './ingresses.js';
import { safe } from './safe-text.js';

export interface GatewayRouteReport {
	url: string;
	request: GatewayRouteRequest;
	result: GatewayRouteResult;
	/** How the Gateway was chosen. */
	choice: string;
	findings: Finding[];
}

function label(name: string, value: string, width: number): string[] {
	return wrapHard(safe(`${name.padEnd(10)}${value}`), width, ' '.repeat(10));
}

/** The request as answered: the gRPC call when the model answered the URL as one. */
function answeredRequest(r: GatewayRouteReport): GatewayRouteRequest {
	return r.result.asGrpc?.request ?? r.request;
}

/** The status in words: a number, gRPC's name for it, or that no HTTP answer comes at all. */
function statusText(result: GatewayRouteResult): string {
	if (result.grpcStatus) return `${result.grpcStatus} (gRPC)`;
	return result.status === null ? 'no HTTP answer' : String(result.status);
}

export function gatewayRouteText(r: GatewayRouteReport, width: number): string {
	const { result } = r;
	const request = answeredRequest(r);
	const g = result.gateway.gateway;
	const lines: string[] = [];
	lines.push(...label('URL', r.url, width));
	const headers = [...request.headers].map(([k, v]) => `${k}=${v}`).join(', ');
	lines.push(...label('Request', `${request.method} host ${request.host || '(an address)'} (port ${request.port}), path ${request.path}${headers ? `, headers ${headers}` : ''}`, width));
	lines.push(...label('Gateway', `${g.namespace}/${g.name} (${r.choice})`, width));
	lines.push(...label('Listener', result.listener ? listenerText(result.listener) : 'none', width));
	const m = result.matched;
	if (m) {
		const route = m.state.route;
		lines.push(...label('Route', `${route.kind} ${route.namespace}/${route.name} rule ${m.ruleIndex} (${matchText(m.matchIndex >= 0 ? m.match : undefined, route.kind)}), hostname ${m.hostname || '*'}`, width));
	} else {
		lines.push(...label('Route', 'none', width));
	}
	for (const share of result.shares) {
		const b = share.resolution;
		const port = b.servicePort ? ` → targetPort ${b.servicePort.targetPort}` : '';
		// Not judged is not broken: no ✗, and the Result line says what was not judged.
		const state = b.reason === 'ResolvedRefs' ? '' : b.reason === undefined ? ' ? not judged' : ` ✗ ${b.reason}: ${b.detail}`;
		lines.push(...label('Backend', `${backendText(m!.state.route, b.ref)}${port} (${share.percent}%)${state}`, width));
		if (b.endpoints?.known) {
			lines.push(...label('Endpoints', `${b.endpoints.ready.length} ready of ${b.endpoints.all.length}${b.endpoints.derived ? ' (derived from the pods)' : ''}`, width));
		}
	}
	if (result.redirect) lines.push(...label('Redirect', `${result.redirect.status} Location: ${result.redirect.location}`, width));
	if (result.asGrpc) lines.push(...label('gRPC', result.asGrpc.note, width));
	lines.push(...label('Result', `${statusText(result)}: ${result.reason}`, width));
	if (result.hint) lines.push(...label('Hint', result.hint, width));
	if (r.findings.length > 0) {
		lines.push('', 'On the way');
		for (const f of r.findings) {
			lines.push(...wrapHard(`  ${f.code} ${safe(f.message)}`, width, '        '));
			lines.push(...wrapHard(`        fix: ${safe(f.hint)}`, width, '             '));
		}
	}
	return lines.join('\n');
}

/** `kind` of every backend, and `group` beside it for a kind of another API group. */
function kindOf(ref: RouteBackendRef): { kind: string; group?: string } {
	return ref.group ? { kind: ref.kind, group: ref.group } : { kind: ref.kind || 'Service' };
}

export function gatewayRouteJson(r: GatewayRouteReport): object {
	const { result } = r;
	const g = result.gateway.gateway;
	const b = result.status === 200 || result.status === 503 ? result.backend : undefined;
	const m = result.matched;
	return {
		url: r.url,
		via: 'gateway',
		status: result.status,
		grpcStatus: result.grpcStatus ?? null,
		// `kind` (and `group`) say when the backend is not a Service: an implementation-specific kind such as Envoy Gateway's Backend.
		backend: b ? { namespace: b.namespace, service: b.ref.name, port: b.ref.port ?? null, ...kindOf(b.ref) } : null,
		defaultBackend: false,
		ingress: null,
		rule: null,
		gateway: { namespace: g.namespace, name: g.name, listener: result.listener?.name ?? null },
		httpRoute: m ? { kind: m.state.route.kind, namespace: m.state.route.namespace, name: m.state.route.name, rule: m.ruleIndex } : null,
		host: r.request.host,
		path: r.request.path,
		method: answeredRequest(r).method,
		reason: result.reason,
		hint: result.hint ?? null,
		asGrpc: result.asGrpc?.note ?? null,
		notJudged: result.unjudged ?? null,
		chosenBy: r.choice,
		backends: result.shares.map((s) => ({
			namespace: s.resolution.namespace,
			service: s.resolution.ref.name,
			port: s.resolution.ref.port ?? null,
			...kindOf(s.resolution.ref),
			weight: s.weight,
			percent: s.percent,
			resolved: s.resolution.reason ?? null,
			ready: s.resolution.endpoints?.known ? s.resolution.endpoints.ready.length : null,
		})),
		redirect: result.redirect ?? null,
		findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, kind: f.kind, namespace: f.namespace, name: f.name, message: f.message, hint: f.hint })),
	};
}
