/**
 * KW501–KW509: what is wrong with an Ingress, from the API objects alone. Each finding is tagged
 * with what it is about (a backend, a host, a claimed path) so that `route` can show the ones a
 * request meets on its way. Nothing is concluded from what the snapshot could not read.
 */
import type { Ingress, IngressBackend, Service } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { ingressControllerAccess } from '../diagnostics/controller-access.js';
import { ruleContextFor } from '../diagnostics/rule.js';
import { editDistance } from '../edit-distance.js';
import { finding, type Finding } from '../findings.js';
import { resolveBackend, portText, targetText, type BackendResolution } from './backend.js';
import { classOf, defaultClasses } from './class.js';
import { claimKey, findConflicts } from './conflicts.js';
import { ingressNginxController, nginxRuns } from '../controllers.js';
import { whoServes } from './servers.js';
import { hostsOverlap } from './host.js';
import { secretExists } from '../secrets.js';
import { ingressRequester } from './tls.js';
import { runSteps, type Steps } from '../steps.js';
import type { RoutingReuse } from './reuse.js';

export interface TaggedFinding {
	finding: Finding;
	/** `ns/service:port` of the backend the finding is about. */
	backend?: string;
	/** The host (TLS) the finding is about. */
	host?: string;
	/** claimKey() of the rule the finding is about (KW506). */
	claim?: string;
}

const ingressRef = (ingress: Ingress) => ({ kind: 'Ingress', namespace: ingress.namespace, name: ingress.name });
const nameOf = (ingress: Ingress) => `Ingress ${ingress.namespace}/${ingress.name}`;

/** Every Service backend of the Ingress (rule paths and defaultBackend), each once. */
export function backendsOf(ingress: Ingress): IngressBackend[] {
	const all = [...ingress.rules.flatMap((r) => r.paths.map((p) => p.backend)), ...(ingress.defaultBackend ? [ingress.defaultBackend] : [])];
	const seen = new Set<string>();
	return all.filter((b) => {
		if (!b.service) return false;
		const key = `${b.service.name}:${portText(b.service.port.number ?? (b.service.port.name || undefined))}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

interface ServiceNames {
	/** Namespace → the names of its Services, in input order. */
	byNamespace: Map<string, string[]>;
	/** Name → the namespaces that have a Service of that name, in input order. */
	byName: Map<string, string[]>;
}

const namesOf = new WeakMap<readonly Service[], ServiceNames>();

/** The Services' names both ways, once per list: KW501's hints ask for each missing backend. */
function serviceNames(services: readonly Service[]): ServiceNames {
	let names = namesOf.get(services);
	if (names) return names;
	names = { byNamespace: new Map(), byName: new Map() };
	for (const s of services) {
		const inNs = names.byNamespace.get(s.namespace);
		if (inNs) inNs.push(s.name);
		else names.byNamespace.set(s.namespace, [s.name]);
		const withName = names.byName.get(s.name);
		if (withName) withName.push(s.namespace);
		else names.byName.set(s.name, [s.namespace]);
	}
	namesOf.set(services, names);
	return names;
}

/** KW501, KW502, KW503 for one resolved backend. */
export function backendFindings(ctx: ModelContext, ingress: Ingress, r: BackendResolution): Finding[] {
	const { target } = r;
	if (target.service === '') return [];
	const ns = target.namespace;
	const where = targetText(target);
	if (r.serviceExists === undefined) return [];
	if (r.serviceExists === false) {
		const names = serviceNames(ctx.snapshot.services);
		const here = [...(names.byNamespace.get(ns) ?? [])];
		const elsewhere = (names.byName.get(target.service) ?? []).filter((namespace) => namespace !== ns);
		const closest = nearest(target.service, here);
		const list = here.length > 0 ? `Services in ${ns}: ${limit(here.sort(), 6)}` : `namespace ${ns} has no Services`;
		const across = elsewhere.length > 0 ? `; a Service of that name exists in ${limit(elsewhere.sort(), 3)}, but a backend cannot reach another namespace` : '';
		return [
			finding(
				'KW501',
				ingressRef(ingress),
				`${nameOf(ingress)}: backend Service ${where} does not exist; ${list}${across}`,
				closest
					? `point the backend at Service ${closest} (the closest name in ${ns}) or create Service ${target.service} in ${ns}`
					: `create Service ${target.service} in ${ns}, or point the backend at an existing Service there`,
			),
		];
	}
	const service = r.wiring!.service;
	if (!r.servicePort) {
		const ports = service.ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port)));
		const asTarget = typeof target.port === 'number' ? service.ports.find((p) => p.targetPort === target.port) : undefined;
		const detail =
			target.port === undefined
				? 'the backend names no port'
				: asTarget
					? `${target.port} is the targetPort of Service port ${asTarget.port}; a backend names the Service port, not the pod's`
					: `its ports: ${ports.join(', ') || 'none'}`;
		const first = asTarget ?? service.ports[0];
		const fix = first
			? `set the backend port to number ${first.port}${first.name ? ` or name ${first.name}` : ''}`
			: `add a port to Service ${ns}/${service.name}`;
		return [
			finding(
				'KW502',
				ingressRef(ingress),
				`${nameOf(ingress)}: backend port ${portText(target.port)} is not a port of Service ${ns}/${service.name} (${detail})`,
				fix,
			),
		];
	}
	if (service.type === 'ExternalName' || !r.endpointsKnown) return [];
	if (r.readyEndpoints.length > 0) return [];
	const total = new Set(r.endpoints.map((e) => e.ip)).size;
	const state = total === 0 ? 'no endpoints at all' : `${total} endpoint${total === 1 ? '' : 's'}, none ready`;
	return [
		finding(
			'KW503',
			ingressRef(ingress),
			`${nameOf(ingress)}: backend Service ${where} has no ready endpoints (${state}): the controller answers 503`,
			total === 0
				? `make Service ${ns}/${service.name} select running pods (see kubewire check for its own findings)`
				: `make the pods behind Service ${ns}/${service.name} pass their readiness probes`,
		),
	];
}

const computed = new WeakMap<ModelContext, Map<Ingress, TaggedFinding[]>>();

/** All KW501–KW509 and the Ingresses' KW602 findings, tagged, for every Ingress in the snapshot; computed once per context. */
export function taggedIngressFindings(ctx: ModelContext): Map<Ingress, TaggedFinding[]> {
	return computed.get(ctx) ?? runSteps(taggedIngressFindingsSteps(ctx));
}

/**
 * A live update that kept the routing table (model/incremental.ts: no Service an Ingress routes
 * to was affected) keeps these findings too: they stand for the new context as they are.
 */
export function carryTaggedFindings(from: ModelContext, to: ModelContext): void {
	const done = computed.get(from);
	if (done && !computed.has(to)) computed.set(to, done);
}

/** Ingresses judged between two yields of `taggedIngressFindingsSteps`. */
const ingressesPerStep = 32;

/**
 * `taggedIngressFindings` in steps, a yield every few dozen Ingresses (the routing table is built
 * in slices). With `reuse`, an Ingress not in `reuse.redo` keeps its findings of the previous context.
 */
export function* taggedIngressFindingsSteps(ctx: ModelContext, reuse?: RoutingReuse): Steps<Map<Ingress, TaggedFinding[]>> {
	const done = computed.get(ctx);
	if (done) return done;
	const before = reuse ? computed.get(reuse.previous) : undefined;
	const kept = (ingress: Ingress) => (before && !reuse!.redo.has(ingress) ? before.get(ingress) : undefined);
	const out = new Map<Ingress, TaggedFinding[]>();
	const add = (ingress: Ingress, tagged: TaggedFinding) => {
		const list = out.get(ingress);
		if (list) list.push(tagged);
		else out.set(ingress, [tagged]);
	};
	for (const ingress of ctx.snapshot.ingresses) {
		if (out.size % ingressesPerStep === ingressesPerStep - 1) yield;
		const previous = kept(ingress);
		if (previous) {
			out.set(ingress, previous);
			continue;
		}
		out.set(ingress, []);
		for (const backend of backendsOf(ingress)) {
			const r = resolveBackend(ctx, ingress, backend);
			for (const f of backendFindings(ctx, ingress, r)) add(ingress, { finding: f, backend: targetText(r.target) });
		}
		// KW602: its controller's pods are refused by a backend's pods (one finding, on each backend it names).
		const access = ingressControllerAccess(ruleContextFor(ctx), ingress);
		for (const target of access?.targets ?? []) add(ingress, { finding: access!.finding, backend: target });
		for (const t of tlsFindings(ctx, ingress)) add(ingress, t);
		for (const f of classFindings(ctx, ingress)) add(ingress, { finding: f });
		// A manifest carries no status: no controller could have written an address into it yet.
		if (ingress.loadBalancerIngress.length === 0 && ingress.hasStatus) add(ingress, { finding: noAddress(ctx, ingress) });
	}
	yield;
	for (const { winner, shadowed } of findConflicts(ctx.snapshot.ingresses)) {
		// A kept Ingress's findings hold its KW506 already (none: ingressesToRedo redoes contested ones).
		if (kept(shadowed.ingress)) continue;
		const host = shadowed.host === '' ? 'every host' : `host ${shadowed.host}`;
		const path = shadowed.path === '' ? '(all paths)' : shadowed.path;
		add(shadowed.ingress, {
			claim: claimKey(shadowed.host, shadowed.path, shadowed.pathType),
			finding: finding(
				'KW506',
				ingressRef(shadowed.ingress),
				`${nameOf(shadowed.ingress)}: ${host} path ${path} (${shadowed.pathType}) is also claimed by ${nameOf(winner.ingress)}, which is older and wins; this rule gets no traffic`,
				`remove the duplicate rule from ${nameOf(shadowed.ingress)} or give it another host or path (ingress-nginx's admission webhook refuses such a duplicate)`,
			),
		});
	}
	computed.set(ctx, out);
	return out;
}

/** Each finding once: one finding may be tagged with several hosts (a Secret serving many). */
export function ingressFindingList(ctx: ModelContext): Finding[] {
	return [...new Set([...taggedIngressFindings(ctx).values()].flatMap((list) => list.map((t) => t.finding)))];
}

function tlsFindings(ctx: ModelContext, ingress: Ingress): TaggedFinding[] {
	const out: TaggedFinding[] = [];
	const missing = new Set<string>();
	for (const entry of ingress.tls) {
		if (entry.secretName === '' || missing.has(entry.secretName)) continue;
		if (secretExists(ctx, ingress.namespace, entry.secretName, ingressRequester(ingress)) !== false) continue;
		missing.add(entry.secretName);
		const elsewhere = ctx.snapshot.secrets.filter((s) => s.name === entry.secretName && s.namespace !== ingress.namespace).map((s) => s.namespace);
		const across = elsewhere.length > 0 ? `; a Secret of that name is in ${limit(elsewhere.sort(), 3)}, but only the Ingress's namespace counts` : '';
		const hosts = entry.hosts.length > 0 ? ` (hosts ${limit(entry.hosts, 4)})` : '';
		const f = finding(
			'KW504',
			ingressRef(ingress),
			`${nameOf(ingress)}: TLS secret ${entry.secretName}${hosts} does not exist in namespace ${ingress.namespace}${across}`,
			`create the kubernetes.io/tls Secret ${entry.secretName} in ${ingress.namespace} or correct secretName; until then the controller presents its default certificate`,
		);
		if (entry.hosts.length === 0) out.push({ finding: f, host: '*' });
		for (const h of entry.hosts) out.push({ finding: f, host: h });
	}
	const unique = out;
	if (ingress.tls.length > 0) {
		const ruleHosts = [...new Set(ingress.rules.map((r) => r.host).filter((h) => h !== ''))];
		const tlsHosts = [...new Set(ingress.tls.flatMap((t) => t.hosts))];
		const unserved = tlsHosts.filter((h) => !ruleHosts.some((r) => hostsOverlap(h, r)));
		const everyHost = ingress.tls.some((t) => t.hosts.length === 0);
		const uncovered = everyHost ? [] : ruleHosts.filter((r) => !tlsHosts.some((h) => hostsOverlap(h, r)));
		if (unserved.length > 0) {
			unique.push({
				finding: finding(
					'KW507',
					ingressRef(ingress),
					`${nameOf(ingress)}: TLS host${unserved.length === 1 ? '' : 's'} ${limit(unserved, 4)} ${unserved.length === 1 ? 'is' : 'are'} not served by any rule of this Ingress`,
					`add a rule for ${limit(unserved, 4)} or remove ${unserved.length === 1 ? 'it' : 'them'} from spec.tls[].hosts`,
				),
			});
		}
		if (uncovered.length > 0) {
			const f = finding(
				'KW507',
				ingressRef(ingress),
				`${nameOf(ingress)}: rule host${uncovered.length === 1 ? '' : 's'} ${limit(uncovered, 4)} ${uncovered.length === 1 ? 'is' : 'are'} not in any spec.tls[].hosts although the Ingress sets TLS`,
				`add ${limit(uncovered, 4)} to spec.tls[].hosts (with a Secret whose certificate covers ${uncovered.length === 1 ? 'it' : 'them'})`,
			);
			for (const h of uncovered) unique.push({ finding: f, host: h });
		}
	}
	return unique;
}

function classFindings(ctx: ModelContext, ingress: Ingress): Finding[] {
	if (!ctx.readable.canRead('ingressclasses')) return [];
	const classes = ctx.snapshot.ingressClasses;
	const names = classes.map((c) => c.name).sort();
	const field = ingress.ingressClassName ?? '';
	const ref = classOf(ingress);
	const defaults = defaultClasses(classes);
	if (field !== '' && !classes.some((c) => c.name === field)) {
		// Contour and Kong take a class by its name, without an IngressClass; a controller whose
		// classes the input does not show may too (servers.ts).
		if (whoServes(ctx.snapshot, { name: field, source: 'field' }).served !== false) return [];
		return [
			finding(
				'KW505',
				ingressRef(ingress),
				`${nameOf(ingress)}: ingressClassName ${field} names no IngressClass (${names.length > 0 ? `IngressClasses: ${limit(names, 6)}` : 'the input holds none'}): no controller serves it`,
				names.length > 0 ? `set spec.ingressClassName to ${limit(names, 6, ' or ')}, or create IngressClass ${field}` : `create IngressClass ${field} for the controller that should serve it`,
			),
		];
	}
	if (ref.source !== 'none') return [];
	// Judged as the input's controllers run: one may serve class-less Ingresses; with none in the
	// input nothing is claimed, since a controller kubewire was not shown may serve it.
	const serving = whoServes(ctx.snapshot, ref);
	if (serving.served === true) return [];
	if (defaults.length === 0) {
		if (serving.served === undefined) return [];
		return [
			finding(
				'KW505',
				ingressRef(ingress),
				`${nameOf(ingress)} sets no ingress class and no default IngressClass exists: ${serving.reason}`,
				names.length > 0 ? `set spec.ingressClassName to ${limit(names, 6, ' or ')}` : 'create an IngressClass for your controller and set spec.ingressClassName to it',
			),
		];
	}
	// A manifest is not created yet: admission writes the default class into it when it is applied.
	if (!ingress.hasStatus) return [];
	const chosen = defaults[0]!;
	// Kong, haproxytech, the AWS Load Balancer Controller, GKE's, Traefik and Contour give a
	// class-less Ingress a class themselves (or take it as such); only ingress-nginx is known to
	// ignore it. Of another controller nothing is claimed.
	const nginx = chosen.controller === ingressNginxController ? 'ingress-nginx' : nginxRuns(ctx.snapshot).find((run) => run.controllerClass === chosen.controller) ? 'ingress-nginx' : undefined;
	if (!nginx) return [];
	return [
		finding(
			'KW509',
			ingressRef(ingress),
			`${nameOf(ingress)} sets no ingress class while IngressClass ${chosen.name} is the default: the default is applied only when an Ingress is created, and its controller, ingress-nginx, ignores Ingresses without a class unless started with --watch-ingress-without-class`,
			`set spec.ingressClassName: ${chosen.name}`,
		),
	];
}

function noAddress(ctx: ModelContext, ingress: Ingress): Finding {
	const ref = classOf(ingress);
	const cls = ref.name !== '' ? ctx.snapshot.ingressClasses.find((c) => c.name === ref.name) : undefined;
	const who = cls ? `the controller ${cls.controller || `of IngressClass ${cls.name}`}` : ref.name !== '' ? `a controller for class ${ref.name}` : 'a controller';
	return finding(
		'KW508',
		ingressRef(ingress),
		`${nameOf(ingress)} has no address in status.loadBalancer: no controller has picked it up`,
		`check that ${who} is running and watches namespace ${ingress.namespace}${ref.name === '' ? ', and give the Ingress a class' : ''}`,
	);
}

function limit(items: readonly string[], n: number, sep = ', '): string {
	return items.length <= n ? items.join(sep) : `${items.slice(0, n).join(sep)}${sep === ', ' ? ',' : ''} … (${items.length - n} more)`;
}

/** The candidate with the smallest edit distance, when it is close enough to be a likely typo. */
function nearest(name: string, candidates: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const c of candidates) {
		const d = editDistance(name, c);
		if (d < bestDistance) {
			best = c;
			bestDistance = d;
		}
	}
	return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
