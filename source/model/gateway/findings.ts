/**
 * KW701–KW706: why a Gateway route carries no traffic, from the objects alone (gateway-spec.md
 * §4, §8). Each message names the route, the parentRef or backendRef and what is missing; each
 * hint says what to add. Nothing is concluded from what the snapshot could not read.
 */
import type { Gateway, GatewayRoute } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { finding, type Finding } from '../findings.js';
import type { BackendResolution } from './backends.js';
import { grantFor, grantYaml, type GrantQuery } from './grants.js';
import { gatewayModel, type ParentStatus, type RouteState } from './index.js';
import { missingCertificates } from './listener-status.js';
import { listenerText } from './listeners.js';
import { backendText, parentText, routeText } from './refs.js';
import { runSteps, type Steps } from '../steps.js';

const routeRef = (route: GatewayRoute) => ({ kind: route.kind, namespace: route.namespace, name: route.name });
const gatewayRef = (gateway: Gateway) => ({ kind: 'Gateway', namespace: gateway.namespace, name: gateway.name });

function notAccepted(parent: ParentStatus): Finding {
	const route = parent.route;
	return finding(
		'KW701',
		routeRef(route),
		`${routeText(route)} is not accepted by parentRef ${parentText(route, parent.parentRef)} (${parent.reason}): ${parent.detail}`,
		parent.fix,
	);
}

function backendFinding(ctx: ModelContext, route: GatewayRoute, b: BackendResolution, rule: number): Finding | undefined {
	const where = `${routeText(route)} rule ${rule} backendRef ${backendText(route, b.ref)}`;
	if (b.reason === 'RefNotPermitted') {
		return finding(
			'KW703',
			routeRef(route),
			`${where} points into namespace ${b.namespace} without a ReferenceGrant there (RefNotPermitted): the Gateway answers 500`,
			`create a ${grantYaml(b.grant!)}`,
		);
	}
	if (b.reason === 'BackendNotFound') {
		const services = ctx.snapshot.services.filter((s) => s.namespace === b.namespace).map((s) => s.name).sort();
		const known = b.wiring ? '' : `; Services in ${b.namespace}: ${services.slice(0, 6).join(', ') || 'none'}`;
		return finding(
			'KW702',
			routeRef(route),
			`${where} does not resolve (BackendNotFound): ${b.detail}${known}; the Gateway answers 500`,
			b.wiring
				? `set the backendRef port to a port of Service ${b.namespace}/${b.ref.name} (${b.wiring.service.ports.map((p) => p.port).join(', ') || 'it has none'})`
				: `create Service ${b.namespace}/${b.ref.name} or point the backendRef at an existing Service`,
		);
	}
	if (b.reason === 'ResolvedRefs' && b.endpoints?.known && b.endpoints.ready.length === 0) {
		const total = b.endpoints.all.length;
		return finding(
			'KW706',
			routeRef(route),
			`${where}: Service ${b.namespace}/${b.ref.name} port ${b.ref.port} has no ready endpoints (${total === 0 ? 'none at all' : `${total}, none ready`}): the Gateway answers 500/503`,
			total === 0
				? `make Service ${b.namespace}/${b.ref.name} select running pods (see its own findings)`
				: `make the pods behind Service ${b.namespace}/${b.ref.name} pass their readiness probes`,
		);
	}
	return undefined;
}

function findingsOfGateway(ctx: ModelContext, gateway: Gateway): TaggedGatewayFinding[] {
	const out: TaggedGatewayFinding[] = [];
	const key = `${gateway.namespace}/${gateway.name}`;
	const classes = ctx.snapshot.gatewayClasses;
	// An app's manifests rarely carry the GatewayClass (the controller installs it): judge it only
	// when the input holds GatewayClasses at all, or was read live.
	const classesKnown = ctx.readable.canRead('gatewayclasses') && (classes.length > 0 || ctx.snapshot.origin.kind === 'live');
	if (classesKnown && !classes.some((c) => c.name === gateway.gatewayClassName)) {
		const names = classes.map((c) => c.name).sort();
		out.push({
			finding: finding(
				'KW704',
				gatewayRef(gateway),
				`Gateway ${key}: gatewayClassName ${gateway.gatewayClassName || '(empty)'} names no GatewayClass (GatewayClasses: ${names.join(', ') || 'none'}): no controller programs it`,
				names.length > 0 ? `set spec.gatewayClassName to ${names.join(' or ')}` : `install the Gateway controller that provides GatewayClass ${gateway.gatewayClassName}`,
			),
		});
	}
	for (const listener of gateway.listeners) {
		if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') continue;
		for (const missing of missingCertificates(gateway, listener, ctx.snapshot.secrets, ctx.readable)) {
			out.push({
				listener: listener.name,
				finding: finding(
					'KW705',
					gatewayRef(gateway),
					`Gateway ${key} listener ${listenerText(listener)}: certificateRef Secret ${missing} does not exist: the listener is not programmed`,
					`create the kubernetes.io/tls Secret ${missing} (or correct tls.certificateRefs of listener ${listener.name})`,
				),
			});
		}
		for (const ref of listener.certificateRefs) {
			if (ref.namespace === '' || ref.namespace === gateway.namespace) continue;
			if (!ctx.readable.canRead('referencegrants', ref.namespace)) continue;
			const q: GrantQuery = { fromKind: 'Gateway', fromNamespace: gateway.namespace, toGroup: '', toKind: 'Secret', toNamespace: ref.namespace, toName: ref.name };
			if (grantFor(ctx.snapshot.referenceGrants, q)) continue;
			out.push({
				listener: listener.name,
				finding: finding(
					'KW703',
					gatewayRef(gateway),
					`Gateway ${key} listener ${listener.name}: certificateRef ${ref.namespace}/${ref.name} is in another namespace and no ReferenceGrant there permits it (RefNotPermitted)`,
					`create a ${grantYaml(q)}`,
				),
			});
		}
	}
	return out;
}

/** A finding and, for a backend finding, the rule it is about (so a screen marks only that rule). */
export interface TaggedGatewayFinding {
	finding: Finding;
	rule?: number;
	/** For a listener's finding (KW705, a certificateRef's KW703): the listener's name. */
	listener?: string;
}

const computed = new WeakMap<ModelContext, TaggedGatewayFinding[]>();

/** Every KW701–KW706 finding of the snapshot, tagged, once per context. */
export function taggedGatewayFindings(ctx: ModelContext): TaggedGatewayFinding[] {
	return computed.get(ctx) ?? runSteps(taggedGatewayFindingsSteps(ctx));
}

/**
 * The findings of one route, kept per RouteState: a live update that carries a route's state over
 * (gateway/index.ts, model/carry-over.ts) carries its findings over with it.
 */
const ofRoute = new WeakMap<RouteState, TaggedGatewayFinding[]>();

function routeFindings(ctx: ModelContext, state: RouteState): TaggedGatewayFinding[] {
	const out: TaggedGatewayFinding[] = [];
	for (const parent of state.parents) if (parent.accepted === false) out.push({ finding: notAccepted(parent) });
	const seen = new Set<string>();
	state.rules.forEach((rule, i) => {
		for (const b of rule) {
			const f = backendFinding(ctx, state.route, b, i);
			// One finding per backend and code: the same broken Service in three rules is one fix.
			const key = `${f?.code}:${b.namespace}/${b.ref.name}:${b.ref.port}`;
			if (f && !seen.has(key)) {
				seen.add(key);
				out.push({ finding: f, rule: i });
			}
		}
	});
	return out;
}

/** Routes judged between two yields of `taggedGatewayFindingsSteps`. */
const routesPerStep = 32;

/** `taggedGatewayFindings` in steps: a yield after the Gateway model and every few dozen routes. */
function* taggedGatewayFindingsSteps(ctx: ModelContext): Steps<TaggedGatewayFinding[]> {
	const done = computed.get(ctx);
	if (done) return done;
	const model = gatewayModel(ctx);
	yield;
	const out: TaggedGatewayFinding[] = model.gateways.flatMap((g) => findingsOfGateway(ctx, g.gateway));
	let judged = 0;
	for (const state of model.routes) {
		if (++judged % routesPerStep === 0) yield;
		let own = ofRoute.get(state);
		if (!own) ofRoute.set(state, (own = routeFindings(ctx, state)));
		out.push(...own);
	}
	computed.set(ctx, out);
	return out;
}

/** Every KW701–KW706 finding of the snapshot. */
export function gatewayFindings(ctx: ModelContext): Finding[] {
	return runSteps(gatewayFindingsSteps(ctx));
}

/** `gatewayFindings` in steps (see taggedGatewayFindingsSteps). */
export function* gatewayFindingsSteps(ctx: ModelContext): Steps<Finding[]> {
	return (yield* taggedGatewayFindingsSteps(ctx)).map((t) => t.finding);
}
