/**
 * "The pods of a controller": the clients that an Ingress or a Gateway backend really sees. An
 * Ingress controller sends to the endpoint pods itself (no DNS, no ClusterIP), from its own pods,
 * so those pods are what the backend's ingress policies must admit.
 *
 * Each kind of controller plugs in one finder. Ingress classes are found through
 * model/controllers.ts and model/ingress/servers.ts (the controllers whose own pods proxy: their
 * pods or their template). A Gateway's are the pods labelled with its name (`gatewayControllerPods`).
 */
import type { Gateway, GatewayRoute, Labels, Pod } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { ingressControllers, type IngressControllerRun } from '../controllers.js';
import { controllerName, serversOfClass } from '../ingress/servers.js';
import { judgeRun, runWatchesNamespace, type ClassView } from '../ingress/judges.js';
import { gatewayModel } from '../gateway/index.js';
import { classOf, defaultClasses } from '../ingress/class.js';
import type { Ingress } from '../../cluster/snapshot.js';
import { matchesLabels } from '../selectors.js';
import { labelledStandIn } from './stand-in.js';

export interface ControllerPods {
	/** `ingress-nginx (class nginx)` */
	label: string;
	namespace: string;
	/** Its pods in the input, or one stand-in with its template's labels. */
	pods: Pod[];
	/** How it was identified: "the pods of Deployment ingress-nginx/ingress-nginx-controller". */
	evidence: string;
	/** The labels that identify its pods, when the finder knows them (what a policy rule should select). */
	podLabels?: Labels;
}

/** A finder answers the controller pods behind a reference (a class name, a Gateway), or why there are none. */
export type ControllerPodsFinder = (ctx: ModelContext, ref: string) => { found: ControllerPods[] } | { missing: string; known: string[] };

function podsOfRun(ctx: ModelContext, run: IngressControllerRun): Pod[] {
	// Its pods in the input (planned ones too, once the context carries them), by the labels they share.
	const pods = ctx.pods.inNamespace(run.namespace).filter((p) => matchesLabels(run.podLabels, p.labels) && (run.pods.length === 0 || run.pods.includes(p.name)));
	return pods.length > 0 ? pods : [labelledStandIn(run.namespace, `${run.implementation} (template)`, run.podLabels)];
}

/** `className` '' for the Ingresses without a class that the run takes. */
function toControllerPods(ctx: ModelContext, run: IngressControllerRun, className: string): ControllerPods {
	const serves = className === '' ? 'Ingresses without a class' : `class ${className}`;
	return { label: `${controllerName(run)} (${serves})`, namespace: run.namespace, pods: podsOfRun(ctx, run), evidence: run.evidence, podLabels: run.selectBy };
}

/**
 * The controllers whose own pods are the proxy, so that they are the clients a backend sees:
 * ingress-nginx (NGINX in the controller's pod), Traefik (one binary, controller and proxy) and
 * HAProxy Technologies' (HAProxy runs in the controller's container). Not followed: Contour, whose
 * traffic comes from a separate Envoy DaemonSet or Deployment, and Kong, whose proxy is a separate
 * Deployment in current installs; for them nothing is judged, rather than the wrong pods.
 */
const proxiesItself: ReadonlySet<IngressControllerRun['implementation']> = new Set(['ingress-nginx', 'traefik', 'haproxytech']);

function proxyRuns(ctx: ModelContext): IngressControllerRun[] {
	return ingressControllers(ctx.snapshot).filter((run) => proxiesItself.has(run.implementation));
}

/** Bare pods of one controller (their ReplicaSet not in the input) are found one run each: one controller, many pods. */
function merged(list: ControllerPods[]): ControllerPods[] {
	const byKey = new Map<string, ControllerPods>();
	for (const c of list) {
		const key = `${c.label}\u0000${c.namespace}`;
		const seen = byKey.get(key);
		if (!seen) byKey.set(key, { ...c, pods: [...c.pods] });
		else {
			for (const p of c.pods) if (!seen.pods.includes(p)) seen.pods.push(p);
			seen.evidence = seen.evidence.startsWith('pod ') ? `pods ${seen.evidence.slice(4)}, ${c.evidence.replace(/^pod .*\//, '')}` : `${seen.evidence}; ${c.evidence}`;
		}
	}
	return [...byKey.values()];
}

/** The runs that serve class `className` (servers.ts: by its IngressClass or the annotation) and proxy from their own pods. */
function runsForClass(ctx: ModelContext, className: string): IngressControllerRun[] {
	return serversOfClass(ctx.snapshot, className).flatMap((s) => (s.run && proxiesItself.has(s.run.implementation) ? [s.run] : []));
}

export const ingressClassControllerPods: ControllerPodsFinder = (ctx, className) => {
	const runs = runsForClass(ctx, className);
	if (runs.length > 0) return { found: merged(runs.map((run) => toControllerPods(ctx, run, className))) };
	const others = serversOfClass(ctx.snapshot, className).flatMap((s) => (s.run ? [s.run] : []));
	if (others.length > 0) {
		const who = others.map((run) => `${controllerName(run)} in ${run.evidence}`).join('; ');
		return { missing: `class "${className}" is served by ${who}, whose traffic comes from proxy pods kubewire does not follow: ask from one of them (NS/POD:PORT)`, known: [] };
	}
	const proxies = proxyRuns(ctx);
	const known = [...new Set([...ctx.snapshot.ingressClasses.map((c) => c.name), ...proxies.flatMap((r) => (r.implementation === 'ingress-nginx' ? [r.ingressClass] : []))])];
	const why = proxies.length === 0 ? 'the input shows no Ingress controller whose pods kubewire knows to be the proxy (ingress-nginx, Traefik, HAProxy: their pods or Deployment)' : `no controller in the input serves class "${className}"`;
	return { missing: why, known };
};

const gatewayNames = new WeakMap<readonly Gateway[], string[]>();

/** `namespace/name` of every Gateway, sorted once per list (asked for each route whose Gateway has no pods). */
function knownGateways(gateways: readonly Gateway[]): string[] {
	let names = gatewayNames.get(gateways);
	if (!names) gatewayNames.set(gateways, (names = gateways.map((g) => `${g.namespace}/${g.name}`).sort()));
	return names;
}

/**
 * The data-plane pods of a Gateway: the pods its implementation labels with the Gateway's name.
 * The Gateway API's in-cluster deployment convention (GEP-1762, used by Istio and others) is the
 * label gateway.networking.k8s.io/gateway-name in the Gateway's namespace; Envoy Gateway labels its
 * proxies gateway.envoyproxy.io/owning-gateway-name and -namespace, in its own namespace.
 */
export const gatewayControllerPods: ControllerPodsFinder = (ctx, ref) => {
	const known = () => knownGateways(ctx.snapshot.gateways);
	const gateway = ctx.snapshot.gateways.find((g) => `${g.namespace}/${g.name}` === ref);
	if (!gateway) return { missing: `no Gateway ${ref} in the input`, known: known() };
	const { namespace, name } = gateway;
	// Through the pod index's label postings: a scan of every pod per Gateway and route is what
	// a 10,000-Service cluster cannot afford.
	const pods = [
		...new Set([
			...ctx.pods.withLabel(namespace, 'gateway.networking.k8s.io/gateway-name', name),
			...ctx.pods.selectAnywhere({ 'gateway.envoyproxy.io/owning-gateway-name': name, 'gateway.envoyproxy.io/owning-gateway-namespace': namespace }),
		]),
	];
	const first = pods[0];
	if (!first) {
		return {
			missing: `the pods of Gateway ${ref} are not in the input (looked for gateway.networking.k8s.io/gateway-name=${name} in ${namespace}, and Envoy Gateway's owning-gateway labels): add them (kubectl get pods -A -l gateway.networking.k8s.io/gateway-name=${name} -o yaml), or ask from their address`,
			// The Gateway is found: naming it again as the "closest" would only confuse.
			known: [],
		};
	}
	// The labels a policy rule would select them by: the convention the first pod follows.
	const podLabels: Labels =
		first.namespace === namespace && first.labels['gateway.networking.k8s.io/gateway-name'] === name
			? { 'gateway.networking.k8s.io/gateway-name': name }
			: { 'gateway.envoyproxy.io/owning-gateway-name': name, 'gateway.envoyproxy.io/owning-gateway-namespace': namespace };
	return {
		found: [
			{
				label: `Gateway ${ref} (class ${gateway.gatewayClassName})`,
				namespace: first.namespace,
				pods,
				evidence: `pods ${pods.map((p) => `${p.namespace}/${p.name}`).join(', ')}, labelled ${labelsText(podLabels)}`,
				podLabels,
			},
		],
	};
};

/**
 * The Gateways a route is accepted by, each with its data-plane pods when the input has them
 * (a Gateway whose pods are not in the input is left out: nothing is judged for it). A route
 * attached to one Gateway through several listeners counts the Gateway once.
 */
export function gatewaysOfRoute(ctx: ModelContext, route: GatewayRoute): ControllerPods[] {
	const state = gatewayModel(ctx).stateOf.get(route);
	const keys = new Set((state?.parents ?? []).filter((p) => p.accepted === true && p.gateway).map((p) => p.gatewayKey));
	const out: ControllerPods[] = [];
	for (const key of [...keys].sort()) {
		const answer = gatewayControllerPods(ctx, key);
		if ('found' in answer) out.push(...answer.found);
	}
	return out;
}

/** `a=b, c=d`: spaced so that a long pair of labels wraps. */
export function labelsText(labels: Labels): string {
	return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** The controllers that serve an Ingress: by its class (or the default class); class-less ones by --watch-ingress-without-class. */
export function controllersOfIngress(ctx: ModelContext, ingress: Ingress): ControllerPods[] {
	const ref = classOf(ingress);
	const className = ref.name || defaultClasses(ctx.snapshot.ingressClasses)[0]?.name || '';
	// A run that does not watch the Ingress's namespace (--watch-namespace) sends it no traffic.
	const view: ClassView = { classes: ctx.snapshot.ingressClasses, known: ctx.readable.canRead('ingressclasses'), namespaces: ctx.snapshot.namespaces };
	const watching = (run: IngressControllerRun) => runWatchesNamespace(run, ingress.namespace, view) !== false;
	if (className !== '') {
		const runs = runsForClass(ctx, className).filter(watching);
		return merged(runs.map((run) => toControllerPods(ctx, run, className)));
	}
	// No class and no default class: the runs that take class-less Ingresses, by their own rules.
	const classless = { name: '', source: 'none' as const, namespace: ingress.namespace };
	return merged(proxyRuns(ctx)
		.filter((run) => judgeRun(run, classless, view).serves === true && watching(run))
		.map((run) => toControllerPods(ctx, run, '')));
}
