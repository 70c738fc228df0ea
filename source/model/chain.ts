/**
 * The ordered chain of links from a client to a pod for one Service, each with its state, so a
 * screen can show where traffic stops without recomputing anything:
 *   dns → ingress → gateway → service-port → kube-proxy → endpoint → pod → network-policy → container-port
 *
 * Each link is one small function (`chainLinks` below, in order) that reads what the model
 * already computed: the wiring's one endpoint view, the routing table's rows (so only Ingresses
 * of the table's class route here), and the findings whose code `linkOfCode` gives that link.
 * An error finding breaks a link, a warning marks it; links that do not apply are 'skipped'.
 *
 * To add a kind of link (a Gateway HTTPRoute link, a NetworkPolicy "who may connect" link): add
 * its kind to LinkKind, a function `(input: LinkInput) => ChainLink` to `chainLinks` where it
 * belongs in the order, and point its codes at it in `linkOfCode`. Nothing else changes.
 */
import type { ModelContext } from './context.js';
import type { PodMaker } from '../cluster/snapshot.js';
import { policiesUnknown } from './netpol/unread.js';
import { ruleContextFor, type EndpointsUnjudged } from './diagnostics/rule.js';
import type { ServedEndpoints } from './diagnostics/served-endpoints.js';
import { dnsRecords, serviceDomain } from './dns.js';
import type { Code, Finding } from './findings.js';
import { gatewayRulesFor } from './gateway/chain-link.js';
import { isGatewayParent, listenerSetNames, listenerSetRoutesTo, meshRoutesOf, parentText } from './gateway/refs.js';
import { unmodelledRoutesTo } from './gateway/unmodelled.js';
import { findServicePort } from './ingress/backend.js';
import { rowsToService, type RoutingRow, type RoutingTable } from './ingress/table.js';
import { describeAccess, ingressAccess } from './netpol/ingress.js';
import { serviceKnowledge, type ServiceKnowledge } from './known.js';
import type { ReadState } from './readable.js';
import { podMakerName, podMakerTie } from './pod-makers.js';
import { whoMayConnect } from './reach/who-may-connect.js';
import { formatServicePort } from './ports.js';
import { formatLabels } from './selectors.js';
import type { ServiceWiring } from './wiring.js';

export type LinkKind = 'dns' | 'ingress' | 'gateway' | 'service-port' | 'kube-proxy' | 'endpoint' | 'pod' | 'network-policy' | 'container-port';

export type LinkState = 'ok' | 'warning' | 'broken' | 'skipped';

export interface ChainLink {
	kind: LinkKind;
	label: string;
	state: LinkState;
	detail: string;
	/** The findings that set this link's state (those whose code belongs to this link). */
	findings: Finding[];
}

/**
 * Which link of the chain each diagnostic is about: data, read by every link function. A
 * Record over every Code, so a code added to the catalogue without a link is a type error.
 */
export const linkOfCode: Readonly<Record<Code, LinkKind>> = {
	KW101: 'pod',
	KW102: 'pod',
	KW103: 'pod',
	KW104: 'endpoint',
	KW105: 'pod',
	KW106: 'pod',
	KW107: 'pod',
	KW108: 'dns',
	KW109: 'dns',
	KW110: 'pod',
	KW201: 'container-port',
	KW202: 'container-port',
	KW203: 'container-port',
	KW301: 'kube-proxy',
	KW302: 'endpoint',
	KW303: 'endpoint',
	KW401: 'service-port',
	KW402: 'kube-proxy',
	KW403: 'dns',
	KW404: 'kube-proxy',
	KW405: 'endpoint',
	KW406: 'service-port',
	KW407: 'kube-proxy',
	KW409: 'kube-proxy',
	KW501: 'ingress',
	KW502: 'ingress',
	KW503: 'ingress',
	KW504: 'ingress',
	KW505: 'ingress',
	KW506: 'ingress',
	KW507: 'ingress',
	KW508: 'ingress',
	KW509: 'ingress',
	KW601: 'network-policy',
	KW602: 'network-policy',
	KW603: 'dns',
	KW604: 'network-policy',
	KW605: 'network-policy',
	KW701: 'gateway',
	KW702: 'gateway',
	KW703: 'gateway',
	KW704: 'gateway',
	KW705: 'gateway',
	KW706: 'gateway',
	KW801: 'kube-proxy',
	KW803: 'kube-proxy',
};

/** What the chain needs beyond the Service: the shared model, every finding, and the routing table. */
export interface ChainInput {
	context: ModelContext;
	findings: readonly Finding[];
	/** The routing table of the chosen class: only its rows route to the Service. */
	routing?: RoutingTable;
	/** What the Analysis already knows of the Service's reads (worked out here when absent). */
	known?: ServiceKnowledge;
}

/** What every link function is handed. */
export interface LinkInput {
	wiring: ServiceWiring;
	context: ModelContext;
	/** The Service's endpoints (the wiring's one view), grouped by address. */
	served: ServedEndpoints;
	/** Whether its pods and endpoints were read: links that stand on them are judged only then. */
	known: ServiceKnowledge;
	/** Why the rules leave its endpoints unjudged (undefined when they judge them): the links say the same. */
	unjudged: EndpointsUnjudged | undefined;
	/** In manifests, the custom resource whose operator makes the pods no given pod stands for. */
	podMaker: PodMaker | undefined;
	/** The routing rows whose backend is this Service. */
	routes: RoutingRow[];
	/** The findings about this Service (and its routing rows) that belong to a link. */
	findingsOf(kind: LinkKind): Finding[];
}

export type LinkFunction = (input: LinkInput) => ChainLink;

/** The links of every chain, in the order traffic meets them. */
export const chainLinks: readonly LinkFunction[] = [
	dnsLink,
	ingressLink,
	gatewayLink,
	servicePortLink,
	kubeProxyLink,
	endpointLink,
	podLink,
	networkPolicyLink,
	containerPortLink,
];

export function chainFor(wiring: ServiceWiring, own: readonly Finding[], input: ChainInput): ChainLink[] {
	const routes = input.routing ? rowsToService(input.routing, wiring.key) : [];
	// A routing row's findings are about this Service's way in when they concern its own
	// backend or the Ingress as a whole (see RoutingRow.findings).
	const all = [...own, ...new Set(routes.flatMap((r) => r.findings))];
	const rc = ruleContextFor(input.context);
	const linkInput: LinkInput = {
		wiring,
		context: input.context,
		served: rc.served(wiring),
		unjudged: rc.endpointsUnjudged(wiring),
		podMaker: rc.podMakerOf(wiring),
		known: input.known ?? serviceKnowledge(wiring, input.context.readable),
		routes,
		findingsOf: (kind) => all.filter((f) => linkOfCode[f.code] === kind),
	};
	return chainLinks.map((link) => link(linkInput));
}

/** The state a set of findings gives a link: any error breaks it, any warning marks it. */
function stateOf(findings: readonly Finding[], fallback: LinkState = 'ok'): LinkState {
	if (findings.some((f) => f.severity === 'error')) return 'broken';
	if (findings.some((f) => f.severity === 'warning')) return 'warning';
	return fallback;
}

function detailOf(findings: readonly Finding[], fallback: string): string {
	const serious = findings.filter((f) => f.severity !== 'info');
	return (serious[0] ?? findings[0])?.message ?? fallback;
}

/** A link's label when what it stands on was not read. */
function unknownLabel(state: ReadState): string {
	return state === 'loading' ? 'still loading' : 'not read';
}

function unknownDetail(state: ReadState, what: 'pods' | 'endpoints', judged = 'this link is not judged'): string {
	return state === 'loading'
		? `the ${what} are still being read`
		: `the ${what} were not read (forbidden, or not in the input): ${judged}`;
}

/**
 * The words for endpoints no rule judges, so neither the kube-proxy link nor the endpoint link
 * claims what the rules do not: a manifest's "0 ready" is not a broken link, only not yet known.
 */
function unjudgedWords({ unjudged: why, known, podMaker }: LinkInput & { unjudged: EndpointsUnjudged }): { label: string; endpoint: string; kubeProxy: string } {
	switch (why) {
		case 'operator': {
			const maker = podMaker ? podMakerName(podMaker) : 'a custom resource';
			return {
				label: 'on apply',
				endpoint: `the pods come from ${maker} through its operator: their endpoints exist once applied`,
				kubeProxy: `kube-proxy spreads connections over the ready pods ${maker} gets, once applied`,
			};
		}
		case 'on-apply':
			return {
				label: 'on apply',
				endpoint: 'the matched pods are planned or carry no status: their endpoints exist once the manifests are applied',
				kubeProxy: 'kube-proxy spreads connections over the ready endpoints, which exist once the manifests are applied',
			};
		case 'none-selected':
			return {
				label: 'none once applied',
				endpoint: 'no pod or workload of the namespace in the input matches the selector: once applied the Service has no endpoints (the pod link says why)',
				kubeProxy: 'no pod in the input matches the selector: once applied kube-proxy has no endpoint and REJECTs connections to the ClusterIP',
			};
		case 'nothing-to-derive':
			return {
				label: 'none in the input',
				endpoint: 'no pod in the input matches the selector, so there are no endpoints to derive (the pod link says why)',
				kubeProxy: 'no pod in the input matches the selector: which endpoints kube-proxy gets is known once applied',
			};
		case 'api-server':
			return {
				label: 'not in the input',
				endpoint: 'the API server publishes its own endpoints, not derived from pods, and the input has none',
				kubeProxy: "the API server's endpoints are not in the input: this link is not judged",
			};
		case 'unread': {
			const state = known.endpoints === 'read' ? 'unread' : known.endpoints;
			const what = known.endpoints === 'read' ? 'pods' : 'endpoints';
			return { label: unknownLabel(state), endpoint: unknownDetail(state, what), kubeProxy: unknownDetail(state, what) };
		}
	}
}

function link(kind: LinkKind, label: string, state: LinkState, detail: string, findings: Finding[] = []): ChainLink {
	return { kind, label, state, detail, findings };
}

/** DNS: the first thing a client resolves. */
function dnsLink({ wiring, known, context, findingsOf }: LinkInput): ChainLink {
	const domain = context.options.clusterDomain;
	const records = dnsRecords(wiring, domain);
	const fqdn = serviceDomain(wiring, domain);
	const fs = findingsOf('dns');
	if (wiring.externalName) {
		return link('dns', fqdn, stateOf(fs), records[0] ? `CNAME ${records[0].value}` : detailOf(fs, 'no externalName'), fs);
	}
	if (wiring.headless) {
		const addresses = records.filter((r) => r.name === fqdn && r.type !== 'SRV');
		// A headless name answers with the ready endpoints: unknown while those are.
		if (addresses.length === 0 && fs.length === 0 && known.endpoints !== 'read') return link('dns', fqdn, 'skipped', unknownDetail(known.endpoints, 'endpoints'));
		const state = addresses.length > 0 ? stateOf(fs) : 'broken';
		return link(
			'dns',
			fqdn,
			state,
			addresses.length > 0 ? detailOf(fs, `headless: ${addresses.map((r) => r.value).join(', ')}`) : 'headless with no ready endpoint: the name has no address',
			fs,
		);
	}
	const a = records.filter((r) => r.type === 'A' || r.type === 'AAAA');
	const first = a[0];
	return link('dns', fqdn, stateOf(fs), detailOf(fs, first ? `${first.type} ${a.map((r) => r.value).join(', ')}` : 'ClusterIP not given in the input'), fs);
}

/** The ingress link's label where the Ingresses were not read: the detail's INGRESS RULES says so too. */
export const ingressesNotRead = 'Ingresses not read';

/** The Ingress rules of the chosen class that send here (the routing table's rows). */
function ingressLink({ wiring, routes, findingsOf, context }: LinkInput): ChainLink {
	const first = routes[0];
	if (!first && !context.readable.canRead('ingresses', wiring.service.namespace)) {
		return link('ingress', ingressesNotRead, 'skipped', 'the Ingresses were not read (forbidden, or not in the input): whether one routes here is not known');
	}
	if (!first) return link('ingress', 'no Ingress', 'skipped', 'no Ingress of the chosen class routes to this Service');
	const fs = findingsOf('ingress');
	const badPort = routes.filter((r) => !findServicePort(wiring.service.ports, r.port));
	let state = stateOf(fs);
	if (badPort.length > 0 && state !== 'broken') state = badPort.length === routes.length && !wiring.externalName ? 'broken' : 'warning';
	const names = [...new Set(routes.map((r) => `${r.namespace}/${r.ingress}`))];
	const where = (r: RoutingRow) => (r.defaultBackend ? 'default backend' : `${r.host || '*'}${r.path || '/'}`);
	const more = routes.length > 1 ? ` (+${routes.length - 1} more)` : '';
	const bad = badPort[0];
	return link(
		'ingress',
		`${first.ingress}: ${where(first)}${more}`,
		state,
		bad
			? `Ingress ${bad.ingress} sends ${where(bad)} to port ${bad.port ?? '?'}, which ${wiring.service.name} does not have`
			: detailOf(fs, `${plural(routes.length, 'Ingress path')} from ${names.join(', ')}`),
		fs,
	);
}

/** Gateway routes to this Service: shown when a Gateway finding concerns it (the Gateway link proper comes with model/gateway). */
/** The Gateway API route rules attached to a listener whose backendRefs name this Service. */
function gatewayLink({ wiring, context, findingsOf }: LinkInput): ChainLink {
	const fs = findingsOf('gateway');
	const reaches = gatewayRulesFor(context, wiring.service.namespace, wiring.service.name);
	const first = reaches[0];
	if (!first) {
		const mesh = fs.length === 0 ? meshRoutesOf(context.snapshot, wiring.service)[0] : undefined;
		if (mesh) {
			return link(
				'gateway',
				`mesh route ${mesh.kind} ${mesh.name}`,
				'skipped',
				`${mesh.kind} ${mesh.namespace}/${mesh.name} has this Service as its parent (GAMMA): a service mesh applies it to the Service's traffic, not kube-proxy or a Gateway, so kubewire does not judge it`,
			);
		}
		const unmodelled = fs.length === 0 ? unmodelledRoutesTo(context.snapshot, wiring.service)[0] : undefined;
		if (unmodelled) {
			const parents = unmodelled.parentRefs.filter(isGatewayParent).map((ref) => parentText(unmodelled, ref));
			return link(
				'gateway',
				`${unmodelled.kind} ${unmodelled.name}`,
				'skipped',
				`${unmodelled.kind} ${unmodelled.namespace}/${unmodelled.name} sends to this Service${parents.length > 0 ? ` through ${parents.join(', ')}` : ''}: kubewire does not model ${unmodelled.kind}, so whether it is attached is not judged`,
			);
		}
		const viaSet = fs.length === 0 ? listenerSetRoutesTo(context.snapshot, wiring.service)[0] : undefined;
		if (viaSet) {
			return link(
				'gateway',
				`${viaSet.kind} ${viaSet.name}`,
				'skipped',
				`${viaSet.kind} ${viaSet.namespace}/${viaSet.name} sends to this Service through ${listenerSetNames(viaSet).join(', ')}: kubewire does not model ListenerSets, so whether it is attached is not judged`,
			);
		}
		if (fs.length === 0 && !context.readable.canRead('httproutes', wiring.service.namespace)) {
			return link('gateway', 'Gateway routes not read', 'skipped', 'the HTTPRoutes were not read (forbidden, or not in the input): whether one sends here is not known');
		}
		if (fs.length === 0) return link('gateway', 'no Gateway route', 'skipped', 'no attached HTTPRoute or GRPCRoute rule sends to this Service');
		return link('gateway', 'Gateway routes', stateOf(fs), detailOf(fs, ''), fs);
	}
	// A backendRef that does not resolve (RefNotPermitted, BackendNotFound…) gets a 500 from the Gateway.
	const unresolved = reaches.filter((r) => r.backend.reason !== undefined && r.backend.reason !== 'ResolvedRefs');
	const where = (r: (typeof reaches)[number]) => `${r.gateway} ${r.listener} ${r.hostname || '*'} ${r.match} (${r.route.kind} ${r.route.namespace}/${r.route.name} rule ${r.rule})`;
	const more = reaches.length > 1 ? ` (+${reaches.length - 1} more)` : '';
	const bad = unresolved[0];
	// A Gateway no controller programs (KW704) carries nothing, whatever its routes say.
	const unprogrammed = reaches.filter((r) => r.notProgrammed !== undefined);
	const dead = unprogrammed[0];
	let state = stateOf(fs);
	if (bad && state !== 'broken') state = unresolved.length === reaches.length ? 'broken' : 'warning';
	if (dead && state !== 'broken') state = unprogrammed.length === reaches.length ? 'broken' : 'warning';
	const detail = dead?.notProgrammed
		? dead.notProgrammed
		: bad
		? `${bad.route.kind} ${bad.route.namespace}/${bad.route.name} rule ${bad.rule}: ${bad.backend.reason} (${bad.backend.detail}): the Gateway answers 500`
		: detailOf(fs, `${plural(reaches.length, 'route rule')} through ${[...new Set(reaches.map((r) => r.gateway))].join(', ')}`);
	// A mesh route beside the Gateway's shapes the same traffic inside the cluster: said, not judged.
	const mesh = meshRoutesOf(context.snapshot, wiring.service)[0];
	const meshNote = mesh ? `; ${mesh.kind} ${mesh.namespace}/${mesh.name} also has this Service as its parent (GAMMA): a service mesh applies it, kubewire does not judge it` : '';
	return link('gateway', `${where(first)}${more}`, state, `${detail}${meshNote}`, fs);
}

/** The Service's ports. */
function servicePortLink({ wiring, findingsOf }: LinkInput): ChainLink {
	if (wiring.externalName) return link('service-port', 'ExternalName', 'skipped', 'an ExternalName Service is a DNS alias: no port is proxied');
	const fs = findingsOf('service-port');
	const svc = wiring.service;
	const text = wiring.ports.map((p) => formatServicePort(p.port, p.containerPorts.length === 1 ? p.containerPorts[0] : undefined)).join(', ');
	if (svc.ports.length === 0) {
		return link('service-port', 'no ports', wiring.headless ? stateOf(fs) : 'broken', wiring.headless ? 'headless without ports: DNS only' : 'the Service declares no port', fs);
	}
	return link('service-port', text, stateOf(fs), detailOf(fs, `${svc.type} ${text}`), fs);
}

/** kube-proxy: the virtual IP and its rules. */
function kubeProxyLink(input: LinkInput): ChainLink {
	const { wiring, served, unjudged, findingsOf } = input;
	if (wiring.externalName || wiring.headless) {
		return link(
			'kube-proxy',
			'no rules',
			'skipped',
			wiring.headless ? 'headless: no virtual IP, clients connect to pod addresses' : 'ExternalName: kube-proxy writes no rules',
		);
	}
	const fs = findingsOf('kube-proxy');
	const vip = wiring.service.clusterIP || 'ClusterIP';
	const serious = fs.filter((f) => f.severity !== 'info');
	if (unjudged) {
		const words = unjudgedWords({ ...input, unjudged });
		return link('kube-proxy', `${vip} → endpoints: ${words.label}`, stateOf(fs, 'skipped'), detailOf(serious, words.kubeProxy), fs);
	}
	const ready = served.list.filter((ep) => ep.ready).length;
	return link(
		'kube-proxy',
		`${vip} → ${plural(ready, 'ready endpoint')}`,
		stateOf(fs),
		detailOf(serious, `kube-proxy spreads connections over ${plural(ready, 'ready endpoint')}`),
		fs,
	);
}

/** Endpoints: the one endpoint view of the wiring (read, or derived from the pods). */
function endpointLink(input: LinkInput): ChainLink {
	const { wiring, served, unjudged, findingsOf } = input;
	if (wiring.externalName) return link('endpoint', 'none', 'skipped', 'ExternalName Services have no endpoints');
	const fs = findingsOf('endpoint');
	if (unjudged) {
		const words = unjudgedWords({ ...input, unjudged });
		return link('endpoint', words.label, stateOf(fs, 'skipped'), detailOf(fs, words.endpoint), fs);
	}
	const ready = served.list.filter((ep) => ep.ready).length;
	const noneReady = ready === 0 && (wiring.headless || wiring.service.ports.length > 0);
	return link(
		'endpoint',
		`${ready}/${served.list.length} ready`,
		noneReady ? 'broken' : stateOf(fs),
		detailOf(
			fs,
			served.derived
				? `${ready}/${served.list.length} ready, derived from the pods (the input has no EndpointSlice for ${wiring.service.name})`
				: `${ready} of ${plural(served.list.length, 'endpoint address', 'endpoint addresses')} ready`,
		),
		fs,
	);
}

/** Pods the selector matches. */
function podLink({ wiring, known, podMaker, findingsOf }: LinkInput): ChainLink {
	const svc = wiring.service;
	if (wiring.externalName || !svc.selector) {
		return link('pod', 'no selector', 'skipped', wiring.externalName ? 'ExternalName: no pods' : 'no selector: the endpoints are managed by hand');
	}
	const fs = findingsOf('pod');
	if (known.pods !== 'read' && fs.length === 0) return link('pod', `pods ${unknownLabel(known.pods)}`, 'skipped', unknownDetail(known.pods, 'pods'));
	if (podMaker) {
		const tie = podMakerTie(podMaker, { matchLabels: svc.selector, matchExpressions: [] });
		const trusted = tie && tie.trusted.length > 0 ? `; ${tie.trusted.join(', ')} ${tie.trusted.length === 1 ? 'is' : 'are'} set on the pods by the operator` : '';
		const how = tie
			? `the selector names ${podMakerName(podMaker)} (${podMaker.apiVersion}) by ${tie.anchor}${trusted}`
			: `${podMakerName(podMaker)} (${podMaker.apiVersion}) carries the selector's labels`;
		const detail = `${how}: its operator makes the pods once applied, which kubewire does not plan`;
		return link('pod', `pods from ${podMaker.kind} ${podMaker.name}`, stateOf(fs, 'skipped'), detailOf(fs, detail), fs);
	}
	let ready = 0;
	let planned = 0;
	for (const p of wiring.pods) {
		if (p.planned) planned++;
		else if (p.ready && !p.terminating) ready++;
	}
	const running = wiring.pods.length - planned;
	const fallback = planned > 0 ? `${plural(planned, 'planned pod')} from workload templates${running > 0 ? `, ${ready} of ${running} running Ready` : ''}` : `${ready} of ${plural(wiring.pods.length, 'pod')} Ready`;
	return link('pod', `${plural(wiring.pods.length, 'pod')} ${wiring.pods.length === 1 ? 'matches' : 'match'} ${formatLabels(svc.selector)}`, stateOf(fs), detailOf(fs, fallback), fs);
}

/** The first selected pod and Service port with a resolved pod port: what the policy link describes. */
function sampleTarget(wiring: ServiceWiring) {
	for (const pw of wiring.ports) {
		for (const row of pw.pods) {
			const port = row.resolution.containerPort;
			if (port !== undefined && !row.pod.hostNetwork) return { pw, pod: row.pod, port };
		}
	}
	return undefined;
}

/** NetworkPolicies in front of the pods. */
function networkPolicyLink({ wiring, known, context, findingsOf }: LinkInput): ChainLink {
	// Named for what it is not judging: beside the pod link, a second "pods not read" said nothing new.
	if (wiring.pods.length === 0 && known.pods !== 'read') return link('network-policy', 'policy not judged', 'skipped', unknownDetail(known.pods, 'pods', 'which NetworkPolicies isolate them is not judged'));
	if (wiring.pods.length === 0) return link('network-policy', 'no pods', 'skipped', 'no selected pod to protect');
	const unknown = policiesUnknown(context.readable, [wiring.service.namespace]);
	if (unknown) return link('network-policy', 'policy not judged', 'skipped', `${unknown}: whether one isolates the pods is not judged`);
	const fs = findingsOf('network-policy');
	const sample = sampleTarget(wiring);
	if (!sample) return link('network-policy', 'not judged', stateOf(fs), detailOf(fs, 'no resolved port to judge'), fs);
	const access = ingressAccess(ruleContextFor(context).policies, { pod: sample.pod, port: sample.port, protocol: sample.pw.port.protocol });
	// KW601 is a warning (a client the policies name may still be allowed elsewhere), but for
	// traffic sent to the Service the port is closed: the link is broken.
	const closed = fs.some((f) => f.code === 'KW601');
	// Traffic through an Ingress or a Gateway arrives from the controller's or the Gateway's pods
	// (KW602 is raised on the Ingress or the route): when the pods admit none of them, this
	// Service's way in is broken here too.
	const controller = access.isolated ? whoMayConnect(context, wiring).find((a) => a.client === 'controller' && a.admitted !== 'all') : undefined;
	const state = closed || controller?.admitted === 'none' ? 'broken' : controller ? 'warning' : stateOf(fs);
	const detail = controller
		? `${controller.who}: ${controller.admitted === 'none' ? 'not admitted' : 'admitted by some pods only'} (${controller.by}): users see 504s`
		: detailOf(fs, `${sample.pw.port.protocol}/${sample.port} on ${sample.pod.name}: ${describeAccess(access)}`);
	return link('network-policy', closed ? 'port closed' : access.isolated ? 'isolated' : 'not isolated', state, detail, fs);
}

/** The container ports the Service sends to. */
function containerPortLink({ wiring, known, findingsOf }: LinkInput): ChainLink {
	if (wiring.pods.length === 0 && known.pods !== 'read') return link('container-port', 'ports not judged', 'skipped', unknownDetail(known.pods, 'pods', 'their container ports are not judged'));
	if (wiring.pods.length === 0) return link('container-port', 'no pods', 'skipped', 'no selected pod to receive traffic');
	const fs = findingsOf('container-port');
	const resolved = wiring.ports.map((pw) => `${pw.containerPorts.join('/') || '?'}${pw.port.protocol === 'TCP' ? '' : `/${pw.port.protocol}`}`);
	return link('container-port', resolved.join(', '), stateOf(fs), detailOf(fs, 'the pods declare the ports the Service sends to'), fs);
}

/** Where traffic stops: the first broken link, or undefined when none is. */
export function firstBroken(chain: readonly ChainLink[]): ChainLink | undefined {
	return chain.find((l) => l.state === 'broken');
}

function plural(n: number, word: string, many = `${word}s`): string {
	return `${n} ${n === 1 ? word : many}`;
}
