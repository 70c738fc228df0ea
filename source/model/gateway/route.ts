/**
 * A request through one Gateway (gateway-spec.md §13): the listener on the port with the most
 * specific hostname (only its routes count: listener isolation), the routes attached there whose
 * hostnames fit, every (route, rule, match) that matches, ranked as §7 (HTTPRoute) or §9
 * (GRPCRoute) orders them, then the winner's redirect or backend. Nothing matches → 404 (gRPC:
 * UNIMPLEMENTED); a rule without backendRefs or an unresolved backend → 500. Where nothing
 * answers with HTTP at all — no controller programs the Gateway, no listener on the port, an
 * HTTPS listener that cannot terminate TLS — the status is null and the reason says why.
 */
import type { GatewayListener, RouteFilter, RouteMatch } from '../../cluster/snapshot.js';
import { noEndpointsOnApply } from '../planned-pods.js';
import { formatLabels } from '../selectors.js';
import type { BackendResolution } from './backends.js';
import { compareKeys, hostMatches, hostSpecificity, listenerSpecificity } from './hostnames.js';
import type { GatewayState, GatewayModel, RouteState } from './index.js';
import { certificateProblemText } from './listener-status.js';
import { everything, grpcMatches, grpcSpecificity, httpMatches, httpSpecificity, type GatewayRequest } from './match.js';
import { notProgrammedText } from './programmed.js';

type Redirect = NonNullable<RouteFilter['redirect']>;

export interface GatewayRouteRequest extends GatewayRequest {
	scheme: 'http' | 'https';
	/** Normalised host ('' for an IP or no Host: only catch-all listeners and routes take it). */
	host: string;
	port: number;
	/** TLS server name (HTTPS); the host when not given. */
	sni?: string;
	/** The caller gave the method or a content-type: the request is taken exactly as given. */
	shapeGiven: boolean;
}

export interface MatchedRule {
	state: RouteState;
	ruleIndex: number;
	/** Index into the rule's matches; -1 for a rule without matches (it matches everything). */
	matchIndex: number;
	match: RouteMatch;
	/** The route hostname that matched ('' = every host). */
	hostname: string;
}

export interface BackendShare {
	resolution: BackendResolution;
	weight: number;
	/** Percent of the rule's traffic. */
	percent: number;
}

export interface GatewayRouteResult {
	gateway: GatewayState;
	listener?: GatewayListener;
	/**
	 * 200 when a backend is chosen; 404, 421, 500, 503, or a redirect's status; null when no HTTP
	 * answer comes at all (the Gateway or the listener is not programmed, no listener on the port).
	 */
	status: number | null;
	/** gRPC's name for "no rule matched". */
	grpcStatus?: 'UNIMPLEMENTED';
	/** One sentence: why this status. */
	reason: string;
	/** What to ask instead, when the request missed by its port alone. */
	hint?: string;
	/**
	 * Set when a request given without method or content-type matched no HTTPRoute and was answered
	 * as the gRPC call a GRPCRoute takes (see asGrpcCall): says so, and what a plain request gets.
	 */
	asGrpc?: { request: GatewayRouteRequest; note: string };
	/**
	 * What about the chosen backend could not be judged (no ReferenceGrant in the input for a
	 * cross-namespace reference, say): the 200 holds only if that reference is good.
	 */
	unjudged?: string;
	matched?: MatchedRule;
	/** The backend the largest share of the rule's traffic goes to. */
	backend?: BackendResolution;
	shares: BackendShare[];
	redirect?: { status: number; location: string };
}

const httpProtocol = { http: 'HTTP', https: 'HTTPS' } as const;

function chooseListener(listeners: readonly GatewayListener[], host: string): GatewayListener | undefined {
	return listeners
		.filter((l) => hostMatches(l.hostname, host))
		.sort((a, b) => compareKeys(listenerSpecificity(a.hostname), listenerSpecificity(b.hostname)))[0];
}

function bestHostname(hostnames: readonly string[], host: string): string | undefined {
	return hostnames.filter((h) => hostMatches(h, host)).sort((a, b) => compareKeys(hostSpecificity(a), hostSpecificity(b)))[0];
}

/** The matching candidates on one listener, best first. */
export function candidatesOn(model: GatewayModel, gateway: GatewayState, listener: GatewayListener, request: GatewayRouteRequest): MatchedRule[] {
	const kind = request.grpc ? 'GRPCRoute' : 'HTTPRoute';
	const out: MatchedRule[] = [];
	const seen = new Set<RouteState>();
	for (const attachment of gateway.attachments) {
		if (attachment.route.kind !== kind) continue;
		const on = attachment.listeners.find((l) => l.listener === listener);
		if (!on) continue;
		const hostname = bestHostname(on.hostnames, request.host);
		if (hostname === undefined) continue;
		const state = model.stateOf.get(attachment.route);
		if (!state || seen.has(state)) continue;
		seen.add(state);
		state.route.rules.forEach((rule, ruleIndex) => {
			const matches = rule.matches.length > 0 ? rule.matches : [kind === 'GRPCRoute' ? { queryParams: [], headers: [] } : everything];
			matches.forEach((match, j) => {
				const ok = kind === 'GRPCRoute' ? grpcMatches(match, request) : httpMatches(match, request);
				if (ok) out.push({ state, ruleIndex, matchIndex: rule.matches.length > 0 ? j : -1, match, hostname });
			});
		});
	}
	const specificity = kind === 'GRPCRoute' ? grpcSpecificity : httpSpecificity;
	return out.sort(
		(a, b) =>
			compareKeys(hostSpecificity(a.hostname), hostSpecificity(b.hostname)) ||
			compareKeys(specificity(a.match), specificity(b.match)) ||
			compareAge(a.state, b.state) ||
			a.ruleIndex - b.ruleIndex,
	);
}

/** Oldest route first (creationTimestamp), then by namespace/name. */
function compareAge(a: RouteState, b: RouteState): number {
	const ta = a.route.creationTimestamp;
	const tb = b.route.creationTimestamp;
	if (ta !== tb) {
		if (ta === '') return 1;
		if (tb === '') return -1;
		return ta < tb ? -1 : 1;
	}
	const ka = `${a.route.namespace}/${a.route.name}`;
	const kb = `${b.route.namespace}/${b.route.name}`;
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function routeThroughGateway(model: GatewayModel, gateway: GatewayState, request: GatewayRouteRequest): GatewayRouteResult {
	const none = (status: number | null, reason: string, listener?: GatewayListener): GatewayRouteResult => ({
		gateway,
		listener,
		status,
		reason,
		shares: [],
		...(request.grpc && status === 404 ? { grpcStatus: 'UNIMPLEMENTED' as const } : {}),
	});
	const key = `${gateway.gateway.namespace}/${gateway.gateway.name}`;
	const protocol = httpProtocol[request.scheme];
	const onPort = gateway.gateway.listeners.filter((l) => l.port === request.port && l.protocol === protocol);
	// Nothing listens for a Gateway no controller takes: the request gets no HTTP answer.
	if (gateway.missingClass) {
		return none(null, `${notProgrammedText(key, gateway.missingClass)} and nothing listens on its address`, chooseListener(onPort, request.host));
	}
	if (onPort.length === 0) return { ...none(null, noListenerOnPort(gateway, key, request)), ...otherPortHint(gateway, request) };
	const listener = chooseListener(onPort, request.host);
	if (!listener) return none(404, `no listener of Gateway ${key} on port ${request.port} has a hostname matching ${request.host || 'the address'}`);
	if (request.scheme === 'https') {
		const bySni = chooseListener(onPort, request.sni ?? request.host);
		if (!bySni) return none(404, `no HTTPS listener on port ${request.port} takes the server name ${request.sni ?? request.host}`);
		const badCertificate = gateway.listenerStatus.get(bySni)?.certificates[0];
		if (badCertificate) {
			return none(null, `the TLS handshake fails: listener ${bySni.name} is not programmed, its ${certificateProblemText(badCertificate)}`, bySni);
		}
		if (bySni !== listener) return none(421, `the server name picks listener ${bySni.name} but the Host belongs to listener ${listener.name} (misdirected request)`, bySni);
	}
	const asked = candidatesOn(model, gateway, listener, request)[0];
	const call = asked ? undefined : asGrpcCall(model, gateway, listener, request);
	// A request whose method or content-type was given is answered as given; the gRPC reading is only a hint then.
	if (call && request.shapeGiven) {
		const route = call.best.state.route;
		return { ...none(404, noRuleText(request, listener), listener), hint: `GRPCRoute ${route.namespace}/${route.name} matches ${request.path} as a gRPC call: add --method POST --header content-type=application/grpc` };
	}
	const best = asked ?? call?.best;
	if (!best) return none(404, `${noRuleText(request, listener)}${grpcMissText(gateway, listener, request)}`, listener);
	const result = answerFromRule(gateway, listener, best, call?.request ?? request);
	return call ? { ...result, asGrpc: { request: call.request, note: call.note } } : result;
}

function noRuleText(request: GatewayRouteRequest, listener: GatewayListener): string {
	return `no ${request.grpc ? 'GRPCRoute' : 'HTTPRoute'} rule attached to listener ${listener.name} matches the request`;
}

/** The answer of the rule that won: its redirect, or the backend the largest share goes to. */
function answerFromRule(gateway: GatewayState, listener: GatewayListener, best: MatchedRule, request: GatewayRouteRequest): GatewayRouteResult {
	const rule = best.state.route.rules[best.ruleIndex]!;
	const base = { gateway, listener, matched: best };
	const redirect = rule.filters.find((f) => f.type === 'RequestRedirect')?.redirect;
	if (redirect) {
		const status = redirect.statusCode ?? 302;
		const to = location(redirect, best, listener, request);
		const result = { ...base, status, reason: `the rule redirects (RequestRedirect ${status})`, shares: [], redirect: { status, location: to } };
		return to === requestUrl(request) ? { ...result, ...redirectLoop(gateway, listener, best, status) } : result;
	}
	const resolutions = best.state.rules[best.ruleIndex] ?? [];
	if (resolutions.length === 0) return { ...base, status: 500, reason: 'the matching rule has no backendRefs: the Gateway answers 500', shares: [] };
	const total = resolutions.reduce((sum, r) => sum + r.ref.weight, 0);
	const shares = resolutions.map((resolution) => ({ resolution, weight: resolution.ref.weight, percent: total > 0 ? Math.round((resolution.ref.weight * 1000) / total) / 10 : 0 }));
	const chosen = [...shares].filter((s) => s.weight > 0).sort((a, b) => b.weight - a.weight)[0];
	if (!chosen) return { ...base, status: 500, reason: 'every backendRef of the matching rule has weight 0: the Gateway answers 500', shares };
	const backend = chosen.resolution;
	if (backend.reason !== undefined && backend.reason !== 'ResolvedRefs') {
		return { ...base, status: 500, reason: `the backendRef does not resolve (${backend.reason}: ${backend.detail}): the Gateway answers 500`, shares, backend };
	}
	if (backend.endpoints?.known && backend.endpoints.ready.length === 0) {
		return { ...base, status: 503, reason: `Service ${backend.namespace}/${backend.ref.name} has no ready endpoints: the Gateway answers 503 (or 500)`, shares, backend };
	}
	if (backend.wiring && noEndpointsOnApply(backend.endpoints?.unjudged)) {
		const selector = backend.wiring.service.selector ? ` ${formatLabels(backend.wiring.service.selector)}` : '';
		return {
			...base,
			status: 503,
			reason: `Service ${backend.namespace}/${backend.ref.name}'s selector${selector} matches none of the pods and workloads the input holds in ${backend.namespace} (KW101): once applied it has no endpoints and the Gateway answers 503 (or 500)`,
			shares,
			backend,
		};
	}
	if (backend.reason === undefined) {
		// The backend is chosen, so 200 as the contract fixes it; whether the reference holds is not known, and the answer says so.
		return { ...base, status: 200, reason: `a backend is chosen; ${backend.detail}`, unjudged: backend.detail, shares, backend };
	}
	return { ...base, status: 200, reason: 'a backend is chosen', shares, backend };
}

/** A listener on no port the request used: the Gateway does not accept the connection. */
function noListenerOnPort(gateway: GatewayState, key: string, request: GatewayRouteRequest): string {
	const protocol = httpProtocol[request.scheme];
	const ports = [...new Set(gateway.gateway.listeners.filter((l) => l.protocol === protocol).map((l) => l.port))].sort((a, b) => a - b);
	const has = ports.length > 0 ? ` (its ${protocol} ports: ${ports.join(', ')})` : '';
	return `Gateway ${key} has no ${protocol} listener on port ${request.port}${has}, so it does not take the connection`;
}

/**
 * Listeners of the Gateway on other ports that take the host: the URL most likely carries the
 * port of a port-forward, NodePort or load balancer in front of one of them.
 */
function otherPortHint(gateway: GatewayState, request: GatewayRouteRequest): Pick<GatewayRouteResult, 'hint'> {
	const taking = gateway.gateway.listeners.filter((l) => l.protocol === httpProtocol[request.scheme] && l.port !== request.port && hostMatches(l.hostname, request.host));
	if (taking.length === 0) return {};
	const key = `${gateway.gateway.namespace}/${gateway.gateway.name}`;
	const listeners = taking.map((l) => `${l.name} on port ${l.port}`).join(', ');
	const ports = [...new Set(taking.map((l) => l.port))].join(' or ');
	return {
		hint: `Gateway ${key} takes host ${request.host || 'the address'} on listener ${listeners}, not on port ${request.port}; a port-forward, NodePort or load balancer port maps onto the listener's port, so ask with port ${ports} (or without a port)`,
	};
}

/**
 * A plain request whose path reads as a gRPC method, on a listener that carries GRPCRoutes none
 * of which takes it: as the gRPC call it most likely is, it gets UNIMPLEMENTED, said beside the 404.
 */
function grpcMissText(gateway: GatewayState, listener: GatewayListener, request: GatewayRouteRequest): string {
	if (request.grpc || request.shapeGiven || !grpcPath.test(request.path)) return '';
	const carries = gateway.attachments.some((a) => a.route.kind === 'GRPCRoute' && a.listeners.some((l) => l.listener === listener));
	return carries ? `; as a gRPC call no GRPCRoute rule there takes ${request.path} either (UNIMPLEMENTED)` : '';
}

/** A path of the form /package.Service/Method: what a gRPC call's path looks like. */
const grpcPath = /^\/[^/]+\/[^/]+$/;

/**
 * A URL cannot carry gRPC's content-type. When no HTTPRoute rule on the listener matches a plain
 * request and a GRPCRoute rule there takes its path as a gRPC call, the caller most likely means
 * that call: when neither --method nor a content-type was given, routeThroughGateway answers it
 * (POST, content-type application/grpc) and says so, with what a plain HTTP request gets instead.
 */
function asGrpcCall(model: GatewayModel, gateway: GatewayState, listener: GatewayListener, request: GatewayRouteRequest): { request: GatewayRouteRequest; best: MatchedRule; note: string } | undefined {
	if (request.grpc || !grpcPath.test(request.path)) return undefined;
	const headers = new Map(request.headers).set('content-type', 'application/grpc');
	const call: GatewayRouteRequest = { ...request, method: 'POST', headers, grpc: true };
	const best = candidatesOn(model, gateway, listener, call)[0];
	if (!best) return undefined;
	const route = best.state.route;
	return {
		request: call,
		best,
		note: `answered as a gRPC call: GRPCRoute ${route.namespace}/${route.name} matches ${request.path} as a gRPC method and no HTTPRoute matches it; a plain HTTP ${request.method} gets 404 (to ask for the gRPC call explicitly: --method POST --header content-type=application/grpc)`,
	};
}

/** The request as a Location would name it: scheme, host, the port unless the scheme's own, path. */
function requestUrl(request: GatewayRouteRequest): string {
	const defaultPort = request.scheme === 'https' ? 443 : 80;
	return `${request.scheme}://${request.host || '*'}${request.port === defaultPort ? '' : `:${request.port}`}${request.path}`;
}

/**
 * A redirect to the URL asked: a client that follows it loops. Most often an HTTP→HTTPS redirect
 * route whose parentRef names no listener, so it attaches to the HTTPS listener too (gateway-spec.md
 * §12.5, cilium/cilium#28796); the hint names the listener to pin it to.
 */
function redirectLoop(gateway: GatewayState, listener: GatewayListener, best: MatchedRule, status: number): Pick<GatewayRouteResult, 'reason' | 'hint'> {
	const route = best.state.route;
	const reason = `the rule redirects (RequestRedirect ${status}) to the URL asked: a client that follows it loops`;
	const unpinned = route.parentRefs.some(
		(ref) => ref.name === gateway.gateway.name && (ref.namespace || route.namespace) === gateway.gateway.namespace && ref.sectionName === undefined && ref.port === undefined,
	);
	// The listeners of the other scheme: an HTTP→HTTPS redirect belongs on the HTTP ones.
	const others = gateway.gateway.listeners.filter((l) => l.protocol !== listener.protocol && (l.protocol === 'HTTP' || l.protocol === 'HTTPS')).map((l) => l.name);
	if (!unpinned || others.length === 0) return { reason };
	return {
		reason,
		hint: `${route.kind} ${route.namespace}/${route.name} names Gateway ${gateway.gateway.namespace}/${gateway.gateway.name} without a sectionName, so it attaches to listener ${listener.name} too: set sectionName: ${others.join(' or ')} on its parentRef`,
	};
}

/** The Location a RequestRedirect answers with (§8): defaults from the request and the listener. */
function location(r: Redirect, best: MatchedRule, listener: GatewayListener, request: GatewayRouteRequest): string {
	const scheme = r.scheme ?? request.scheme;
	const host = r.hostname ?? (request.host || '*');
	const port = r.port ?? (r.scheme ? (scheme === 'https' ? 443 : 80) : listener.port);
	const defaultPort = scheme === 'https' ? 443 : scheme === 'http' ? 80 : undefined;
	let path = request.path;
	if (r.path?.type === 'ReplaceFullPath') path = r.path.replaceFullPath ?? '/';
	else if (r.path?.type === 'ReplacePrefixMatch' && best.match.path?.type === 'PathPrefix') {
		const prefix = best.match.path.value.length > 1 && best.match.path.value.endsWith('/') ? best.match.path.value.slice(0, -1) : best.match.path.value;
		const rest = prefix === '/' ? request.path : request.path.slice(prefix.length);
		const replacement = r.path.replacePrefixMatch ?? '/';
		const joined = (replacement.endsWith('/') && rest.startsWith('/') ? replacement.slice(0, -1) : replacement) + rest;
		path = joined === '' ? '/' : joined;
	}
	return `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}${path}`;
}
