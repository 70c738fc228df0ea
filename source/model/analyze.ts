/**
 * analyze(snapshot) → everything the reports and screens show, computed once per snapshot:
 * per-Service wiring, DNS records, findings and chain, the Ingress routing table, and all
 * findings sorted worst first. Pure: no I/O, no React.
 */
import type { PodMaker, Snapshot } from '../cluster/snapshot.js';
import { chainFor, type ChainLink } from './chain.js';
import { contextIndexes, contextSteps, type ModelContext, type ModelOptions } from './context.js';
import { clusterRules, diagnoseService, oneStep, ruleContextFor } from './diagnostics/index.js';
import type { EndpointsUnjudged } from './diagnostics/rule.js';
import { dnsRecords, type DnsRecord } from './dns.js';
import { compareFindings, severityRank, type Finding, type Severity } from './findings.js';
import { gatewayFindingsSteps } from './gateway/findings.js';
import { ingressFindings, routingTableSteps, type RoutingTable } from './ingress/index.js';
import { proxyModeFindings } from './diagnostics/proxy-mode.js';
import { serviceKnowledge, type ServiceKnowledge } from './known.js';
import { runSteps, type Steps } from './steps.js';
import type { ServiceWiring } from './wiring.js';

/** `pending` only in an outline: the diagnostics have not run yet (see outlineAnalysis). */
export type ServiceStatus = Severity | 'ok' | 'pending';

export interface ServiceAnalysis {
	wiring: ServiceWiring;
	/** Whether its pods and endpoints were read: counts of them are facts only then. */
	known: ServiceKnowledge;
	dns: DnsRecord[];
	/** Findings about this Service, worst first. Shared between Analyses of a live stream: read, never change. */
	findings: readonly Finding[];
	/** error, warning or info after the worst finding; ok when there is none; pending in an outline. */
	status: ServiceStatus;
	chain: ChainLink[];
	/** In manifests, the custom resource whose operator makes its pods when none in the input match. */
	podMaker: PodMaker | undefined;
	/** Why no rule judges its endpoints (RuleContext.endpointsUnjudged); undefined when they are judged. */
	endpointsUnjudged: EndpointsUnjudged | undefined;
}

export interface AnalyzeOptions extends Partial<ModelOptions> {
	/** The IngressClass whose routing table is built (default: the default class, else the only one). */
	ingressClass?: string;
}

export interface Analysis {
	context: ModelContext;
	services: ServiceAnalysis[];
	serviceByKey: Map<string, ServiceAnalysis>;
	routing: RoutingTable;
	/** Every finding, worst first. */
	findings: Finding[];
	/** True for an outline: wiring and routing without the diagnostics, which are still to run. */
	pending?: boolean;
}

export function analyze(snapshot: Snapshot, options: AnalyzeOptions = {}): Analysis {
	return completeAnalysis(outlineAnalysis(snapshot, options));
}

/**
 * Every Service's wiring and the routing table, without the diagnostics: on a large cluster the
 * TUI draws this first and the findings a moment later, instead of a blank screen meanwhile.
 */
export function outlineAnalysis(snapshot: Snapshot, options: AnalyzeOptions = {}): Analysis {
	return runSteps(outlineSteps(snapshot, options));
}

/**
 * `outlineAnalysis` in steps (a yield every few hundred Services wired and while the routing
 * table is built), so a live screen can keep answering keys while a large snapshot is outlined.
 */
export function* outlineSteps(snapshot: Snapshot, options: AnalyzeOptions = {}): Steps<Analysis> {
	const context = yield* contextSteps(snapshot, options, contextIndexes(snapshot));
	yield;
	const routing = yield* routingTableSteps(context, options.ingressClass);
	yield;
	const services = context.services.map((wiring) => serviceAnalysis(context, wiring, [], [], 'pending', routing));
	return {
		context,
		services,
		serviceByKey: new Map(services.map((s) => [s.wiring.key, s] as const)),
		routing,
		findings: [],
		pending: true,
	};
}

/** Runs the diagnostics over an outline's context and routing (neither is built again). */
export function completeAnalysis(outline: Analysis): Analysis {
	return runSteps(completionSteps(outline));
}

/**
 * `completeAnalysis` in small steps: it yields after each Service's rules and after each rule
 * across Services, so a caller that must keep a screen responsive (ui/analysis.ts) can run it a
 * slice at a time between keypresses. Pure: the caller decides when to take the next step.
 */
export function* completionSteps(outline: Analysis): Steps<Analysis> {
	const { context, routing } = outline;
	const rc = ruleContextFor(context);
	const perService: Finding[][] = [];
	for (const wiring of context.services) {
		perService.push(diagnoseService(wiring, rc));
		yield;
	}
	const ingress = ingressFindings(context);
	yield;
	return yield* assembleSteps(context, routing, perService, ingress);
}

/**
 * The pieces an Analysis is put together from, in the order they were computed: the findings of
 * each Service's rules (one list per `context.services` entry) and of the Ingress rules. An
 * incremental update (model/incremental.ts) reuses the pieces of what did not change.
 */
export interface AnalysisParts {
	perService: Finding[][];
	ingress: Finding[];
}

const partsOf = new WeakMap<Analysis, AnalysisParts>();

/** The pieces of a complete Analysis (undefined for an outline). */
export function analysisParts(analysis: Analysis): AnalysisParts | undefined {
	return partsOf.get(analysis);
}

/**
 * Findings about more than one Service or about other objects (StatefulSets, Nodes,
 * NetworkPolicies, the Gateway API, kube-proxy's mode): any change can move them, so every pass,
 * incremental or full, computes them again. Each part is one pass over its own objects.
 */
function acrossParts(context: ModelContext): Steps<Finding[]>[] {
	const rc = ruleContextFor(context);
	return [...clusterRules.map((rule) => rule(rc)), gatewayFindingsSteps(context), oneStep(() => proxyModeFindings(context.snapshot, rc.kubeProxy()))(rc)];
}

/**
 * An Analysis from its computed pieces: the findings across Services computed (a step each),
 * every finding sorted once, and each Service's own.
 */
export function* assembleSteps(context: ModelContext, routing: RoutingTable, perService: Finding[][], ingress: Finding[]): Steps<Analysis> {
	const across: Finding[] = [];
	for (const part of acrossParts(context)) {
		across.push(...(yield* part));
		yield;
	}
	const findings = sortedFindings(perService, ingress, across);
	yield;
	return yield* assembleFrom(context, routing, perService, ingress, findings);
}

/** The findings of a Service without any: one shared list, not one per Service and update. Never changed. */
const noFindings: readonly Finding[] = Object.freeze([]);

/** Services put together between two yields of `assembleFrom`. */
const assembledPerStep = 1000;

/** Every finding, worst first. */
function sortedFindings(perService: Finding[][], ingress: Finding[], across: Finding[]): Finding[] {
	return [...perService.flat(), ...ingress, ...across].sort(compareFindings);
}

function* assembleFrom(context: ModelContext, routing: RoutingTable, perService: Finding[][], ingress: Finding[], findings: Finding[]): Steps<Analysis> {
	const bySubject = new Map<string, Finding[]>();
	for (const f of findings) {
		if (f.kind !== 'Service') continue;
		const key = `${f.namespace}/${f.name}`;
		const list = bySubject.get(key);
		if (list) list.push(f);
		else bySubject.set(key, [f]);
	}
	yield;
	const services: ServiceAnalysis[] = [];
	const serviceByKey = new Map<string, ServiceAnalysis>();
	for (const wiring of context.services) {
		const own = bySubject.get(wiring.key) ?? noFindings;
		const service = serviceAnalysis(context, wiring, own, findings, own[0]?.severity ?? 'ok', routing);
		services.push(service);
		serviceByKey.set(wiring.key, service);
		if (services.length % assembledPerStep === 0) yield;
	}
	const analysis: Analysis = { context, services, serviceByKey, routing, findings };
	partsOf.set(analysis, { perService, ingress });
	return analysis;
}

function serviceAnalysis(
	context: ModelContext,
	wiring: ServiceWiring,
	own: readonly Finding[],
	findings: Finding[],
	status: ServiceStatus,
	routing: RoutingTable,
): ServiceAnalysis {
	return new AssembledService(context, wiring, own, findings, status, routing);
}

/**
 * A ServiceAnalysis whose DNS records and chain are computed on first use, once: they are read by
 * `services` and the TUI's detail, not by `check`, so a 10,000-Service check does not build them.
 * A class, not an object literal with getters: a live update assembles every Service again, and
 * a literal with accessors costs two closures and a slow object per Service.
 */
class AssembledService implements ServiceAnalysis {
	readonly known: ServiceKnowledge;
	#dns: DnsRecord[] | undefined;
	#chain: ChainLink[] | undefined;
	/** null until asked: undefined is an answer (the endpoints are judged). */
	#endpointsUnjudged: EndpointsUnjudged | undefined | null = null;

	constructor(
		private readonly context: ModelContext,
		readonly wiring: ServiceWiring,
		readonly findings: readonly Finding[],
		private readonly allFindings: Finding[],
		readonly status: ServiceStatus,
		private readonly routing: RoutingTable,
	) {
		this.known = serviceKnowledge(wiring, context.readable);
	}

	get dns(): DnsRecord[] {
		return (this.#dns ??= dnsRecords(this.wiring, this.context.options.clusterDomain));
	}

	get podMaker(): PodMaker | undefined {
		return ruleContextFor(this.context).podMakerOf(this.wiring);
	}

	/** Asked for by every READY cell a table draws or measures: computed once. */
	get endpointsUnjudged(): EndpointsUnjudged | undefined {
		if (this.#endpointsUnjudged === null) this.#endpointsUnjudged = this.wiring.externalName ? undefined : ruleContextFor(this.context).endpointsUnjudged(this.wiring);
		return this.#endpointsUnjudged;
	}

	get chain(): ChainLink[] {
		const { context, allFindings: findings, routing, known } = this;
		return (this.#chain ??= chainFor(this.wiring, this.findings, { context, findings, routing, known }));
	}
}

/** Broken first, then warnings, then info, then healthy; by namespace and name within each. */
export function compareServices(a: ServiceAnalysis, b: ServiceAnalysis): number {
	const rank = (s: ServiceStatus) => (s === 'ok' ? 3 : s === 'pending' ? 4 : severityRank[s]);
	return rank(a.status) - rank(b.status) || (a.wiring.key < b.wiring.key ? -1 : a.wiring.key > b.wiring.key ? 1 : 0);
}
