/**
 * KW701–KW706: why a Gateway route carries no traffic, from the objects alone (gateway-spec.md
 * §4, §8). Each message names the route, the parentRef or backendRef and what is missing; each
 * hint says what to add. Nothing is concluded from what the snapshot could not read.
 */
import type { Gateway, GatewayListener, GatewayRoute, ReferenceGrant } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { finding, type Finding } from '../findings.js';
import type { BackendResolution } from './backends.js';
import { grantMiss, grantYaml, misplacedGrant, type GrantQuery } from './grants.js';
import { gatewayModel, type GatewayState, type ParentStatus, type RouteState } from './index.js';
import type { CertificateProblem } from './listener-status.js';
import { classProblemText, type MissingClass } from './programmed.js';
import { editDistance } from '../edit-distance.js';
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

/**
 * Why no grant permits it: none in the namespace, the one there names another `from` or `to`, or
 * the one that would is in another namespace.
 */
function grantsThere(ctx: ModelContext, b: BackendResolution): string {
	const miss = b.grant ? grantMiss(ctx.snapshot.referenceGrants, b.grant) : undefined;
	if (miss) return `and no ReferenceGrant there permits it (RefNotPermitted): ${miss}`;
	const misplaced = b.grant ? misplacedGrant(ctx.snapshot.referenceGrants, b.grant) : undefined;
	return misplaced ? `without a ReferenceGrant there (RefNotPermitted): ${misplacedText(misplaced, b.grant!)}` : 'without a ReferenceGrant there (RefNotPermitted)';
}

function misplacedText(grant: ReferenceGrant, q: GrantQuery): string {
	return `ReferenceGrant ${grant.namespace}/${grant.name} would permit it, but a grant takes effect only in the namespace of what it grants (${q.toNamespace})`;
}

function misplacedNote(ctx: ModelContext, q: GrantQuery): string {
	const misplaced = misplacedGrant(ctx.snapshot.referenceGrants, q);
	return misplaced ? `; ${misplacedText(misplaced, q)}` : '';
}

/** The fix for a reference no grant permits: move the misplaced grant, else create one. */
function grantFix(ctx: ModelContext, q: GrantQuery): string {
	const misplaced = misplacedGrant(ctx.snapshot.referenceGrants, q);
	return misplaced ? `move ReferenceGrant ${misplaced.namespace}/${misplaced.name} to namespace ${q.toNamespace}` : `create a ${grantYaml(q)}`;
}

function backendFinding(ctx: ModelContext, route: GatewayRoute, b: BackendResolution, rule: number): Finding | undefined {
	const where = `${routeText(route)} rule ${rule} backendRef ${backendText(route, b.ref)}`;
	if (b.reason === 'RefNotPermitted') {
		return finding(
			'KW703',
			routeRef(route),
			`${where} points into namespace ${b.namespace} ${grantsThere(ctx, b)}: the Gateway answers 500`,
			grantFix(ctx, b.grant!),
		);
	}
	if (b.reason === 'BackendNotFound') {
		const services = ctx.snapshot.services.filter((s) => s.namespace === b.namespace).map((s) => s.name).sort();
		const known = b.wiring ? '' : `; Services in ${b.namespace}: ${services.slice(0, 6).join(', ') || 'none'}`;
		// The same name in another namespace: the route (or the Service) is most likely in the wrong one.
		const elsewhere = b.wiring ? [] : ctx.snapshot.services.filter((s) => s.name === b.ref.name && s.namespace !== b.namespace).map((s) => s.namespace).sort();
		const there = elsewhere.length > 0 ? `; a Service ${b.ref.name} exists in ${elsewhere.slice(0, 3).join(', ')}` : '';
		// A name one or two slips from a Service there: most likely a typo in the backendRef.
		const near = b.wiring ? undefined : services.find((name) => editDistance(name, b.ref.name) <= 2);
		return finding(
			'KW702',
			routeRef(route),
			`${where} does not resolve (BackendNotFound): ${b.detail}${known}${there}; the Gateway answers 500`,
			b.wiring
				? `set the backendRef port to a port of Service ${b.namespace}/${b.ref.name} (${b.wiring.service.ports.map((p) => p.port).join(', ') || 'it has none'})`
				: elsewhere.length > 0
				? `create Service ${b.namespace}/${b.ref.name}, or set the backendRef's namespace to ${elsewhere[0]} (with a ReferenceGrant there), or move the route`
				: near
				? `set the backendRef name to ${near} (Service ${b.namespace}/${near} exists), or create Service ${b.namespace}/${b.ref.name}`
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

function findingsOfGateway(ctx: ModelContext, state: GatewayState): TaggedGatewayFinding[] {
	const out: TaggedGatewayFinding[] = [];
	const gateway = state.gateway;
	const key = `${gateway.namespace}/${gateway.name}`;
	const missing = state.missingClass;
	if (missing) {
		out.push({
			finding: finding(
				'KW704',
				gatewayRef(gateway),
				`Gateway ${key}: ${classProblemText(missing)}: no controller programs it`,
				missing.notAccepted
					? classFix(missing)
					: missing.meant
					? `set spec.gatewayClassName to ${missing.meant} (the class Istio's control plane makes)${missing.known.length > 0 ? ` or to ${missing.known.join(' or ')}` : ''}`
					: missing.known.length > 0
						? `set spec.gatewayClassName to ${missing.known.join(' or ')}`
						: `install the Gateway controller that provides GatewayClass ${missing.className}`,
			),
		});
	}
	for (const listener of gateway.listeners) {
		for (const problem of state.listenerStatus.get(listener)?.certificates ?? []) {
			out.push({ listener: listener.name, finding: certificateFinding(ctx, gateway, listener, problem) });
		}
	}
	return out;
}

/** The fix for a class no controller accepted: start its controller, or name a class one did accept. */
function classFix(missing: MissingClass): string {
	const n = missing.notAccepted!;
	const other = n.accepted.length > 0 ? `, or set spec.gatewayClassName to ${n.accepted.join(' or ')} (Accepted)` : '';
	return n.status === 'False'
		? `correct GatewayClass ${missing.className} as its status message says (kubectl describe gatewayclass ${missing.className})${other}`
		: `install or start the Gateway controller whose controllerName is ${n.controllerName || '(empty)'}${other}`;
}

/** KW705 for a certificateRef to a Secret that does not exist, KW703 for one no ReferenceGrant permits. */
function certificateFinding(ctx: ModelContext, gateway: Gateway, listener: GatewayListener, problem: CertificateProblem): Finding {
	const key = `${gateway.namespace}/${gateway.name}`;
	if (problem.reason === 'RefNotPermitted') {
		return finding(
			'KW703',
			gatewayRef(gateway),
			`Gateway ${key} listener ${listener.name}: certificateRef ${problem.secret} is in another namespace and no ReferenceGrant there permits it (RefNotPermitted)${misplacedNote(ctx, problem.grant!)}: the listener is not programmed`,
			grantFix(ctx, problem.grant!),
		);
	}
	const near = nearSecret(ctx, problem.secret);
	return finding(
		'KW705',
		gatewayRef(gateway),
		`Gateway ${key} listener ${listenerText(listener)}: certificateRef Secret ${problem.secret} does not exist${near ? ` (Secret ${near} does)` : ''}: the listener is not programmed`,
		near
			? `set the certificateRef of listener ${listener.name} to ${near.split('/')[1]}, or create the kubernetes.io/tls Secret ${problem.secret}`
			: `create the kubernetes.io/tls Secret ${problem.secret} (or correct tls.certificateRefs of listener ${listener.name})`,
	);
}

/** A Secret in the same namespace whose name is one or two slips from the one referenced (`…-crt` for `…-cert`). */
function nearSecret(ctx: ModelContext, secret: string): string | undefined {
	const [namespace, name] = secret.split('/') as [string, string];
	const near = ctx.snapshot.secrets.filter((s) => s.namespace === namespace && s.name !== name && editDistance(s.name, name) <= 2).map((s) => s.name).sort();
	return near[0] === undefined ? undefined : `${namespace}/${near[0]}`;
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
	const out: TaggedGatewayFinding[] = model.gateways.flatMap((g) => findingsOfGateway(ctx, g));
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
