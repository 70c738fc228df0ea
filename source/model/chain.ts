/**
 * The ordered chain of links from a client to a pod for one Service, each with its state, so a
 * screen can show where traffic stops without recomputing anything:
 *   dns → ingress → service-port → kube-proxy → endpoint → pod → network-policy → container-port
 * A link's state comes from the findings about it (an error finding breaks it, a warning marks
 * it) plus what the wiring shows; links that do not apply (kube-proxy for a headless Service, pods
 * for a selector-less one) are 'skipped'. `firstBroken` is the link to look at first.
 */
import type { Ingress, IngressBackend } from '../cluster/snapshot.js';
import type { ModelContext } from './context.js';
import { ruleContextFor } from './diagnostics/rule.js';
import { dnsRecords, serviceDomain } from './dns.js';
import type { Code, Finding } from './findings.js';
import { describeAccess, ingressAccess } from './netpol/ingress.js';
import { endpointsAwaitApply, isPlanned } from './planned-pods.js';
import { formatServicePort } from './ports.js';
import { formatLabels } from './selectors.js';
import type { ServiceWiring } from './wiring.js';


/** Ingress findings about one backend rather than the Ingress as a whole. */
const backendCodes: ReadonlySet<string> = new Set(['KW501', 'KW502', 'KW503']);
export type LinkState = 'ok' | 'warning' | 'broken' | 'skipped';

export interface ChainLink {
	/** dns, ingress, service-port, kube-proxy, endpoint, pod, network-policy, container-port */
	kind: string;
	label: string;
	state: LinkState;
	detail: string;
}

/** What the chain needs beyond the Service: the shared model and every finding (Ingress ones too). */
export interface ChainInput {
	context: ModelContext;
	findings: readonly Finding[];
}

interface IngressRef {
	ingress: Ingress;
	/** `shop.example.com/api`, or `default backend`. */
	where: string;
	port: { number?: number; name?: string };
}

interface ChainIndex {
	/** `ns/service` → the Ingress paths that send to it. */
	refs: Map<string, IngressRef[]>;
	/** `ns/name` → findings about that Ingress. */
	ingressFindings: Map<string, Finding[]>;
}

const indexes = new WeakMap<ModelContext, ChainIndex>();

function chainIndex(input: ChainInput): ChainIndex {
	let index = indexes.get(input.context);
	if (index) return index;
	const refs = new Map<string, IngressRef[]>();
	const add = (ingress: Ingress, backend: IngressBackend | undefined, where: string) => {
		const service = backend?.service;
		if (!service || service.name === '') return;
		const key = `${ingress.namespace}/${service.name}`;
		const ref: IngressRef = { ingress, where, port: service.port };
		const list = refs.get(key);
		if (list) list.push(ref);
		else refs.set(key, [ref]);
	};
	for (const ingress of input.context.snapshot.ingresses) {
		add(ingress, ingress.defaultBackend, 'default backend');
		for (const rule of ingress.rules) {
			for (const path of rule.paths) add(ingress, path.backend, `${rule.host || '*'}${path.path || '/'}`);
		}
	}
	const ingressFindings = new Map<string, Finding[]>();
	for (const f of input.findings) {
		if (f.kind !== 'Ingress') continue;
		const key = `${f.namespace}/${f.name}`;
		const list = ingressFindings.get(key);
		if (list) list.push(f);
		else ingressFindings.set(key, [f]);
	}
	index = { refs, ingressFindings };
	indexes.set(input.context, index);
	return index;
}

/** The state a set of findings gives a link: any error breaks it, any warning marks it. */
function stateOf(findings: readonly Finding[], fallback: LinkState = 'ok'): LinkState {
	if (findings.some((f) => f.severity === 'error')) return 'broken';
	if (findings.some((f) => f.severity === 'warning')) return 'warning';
	return fallback;
}

function worst(a: LinkState, b: LinkState): LinkState {
	const rank: Record<LinkState, number> = { broken: 0, warning: 1, ok: 2, skipped: 3 };
	return rank[a] <= rank[b] ? a : b;
}

export function chainFor(wiring: ServiceWiring, own: readonly Finding[], input: ChainInput): ChainLink[] {
	const pick = (...codes: Code[]) => own.filter((f) => codes.includes(f.code));
	const detailOf = (findings: readonly Finding[], fallback: string) => findings[0]?.message ?? fallback;
	const svc = wiring.service;
	const domain = input.context.options.clusterDomain;
	const rc = ruleContextFor(input.context);
	const served = rc.served(wiring);
	const links: ChainLink[] = [];

	// DNS: the first thing a client resolves.
	const records = dnsRecords(wiring, domain);
	const fqdn = serviceDomain(wiring, domain);
	if (wiring.externalName) {
		const kw403 = pick('KW403');
		links.push({ kind: 'dns', label: fqdn, state: stateOf(kw403), detail: records[0] ? `CNAME ${records[0].value}` : detailOf(kw403, 'no externalName') });
	} else if (wiring.headless) {
		const addresses = records.filter((r) => r.name === fqdn && r.type !== 'SRV');
		links.push({
			kind: 'dns',
			label: fqdn,
			state: addresses.length > 0 ? 'ok' : 'broken',
			detail: addresses.length > 0 ? `headless: ${addresses.map((r) => r.value).join(', ')}` : 'headless with no ready endpoint: the name has no address',
		});
	} else {
		const a = records.filter((r) => r.type === 'A' || r.type === 'AAAA');
		links.push({ kind: 'dns', label: fqdn, state: 'ok', detail: a.length > 0 ? `${a[0]!.type} ${a.map((r) => r.value).join(', ')}` : 'ClusterIP not given in the input' });
	}

	// Ingress rules that send here.
	const index = chainIndex(input);
	const refs = index.refs.get(wiring.key) ?? [];
	if (refs.length === 0) {
		links.push({ kind: 'ingress', label: 'no Ingress', state: 'skipped', detail: 'no Ingress routes to this Service' });
	} else {
		const badPort = refs.filter((r) => !svc.ports.some((p) => (r.port.name ? p.name === r.port.name : p.port === r.port.number)));
		const ingressNames = [...new Set(refs.map((r) => `${r.ingress.namespace}/${r.ingress.name}`))];
		// Only what concerns the Ingress as a whole (class, TLS, address, conflicts) reaches this link:
		// a finding about another backend of the same Ingress is not this Service's broken link,
		// and this Service's own backend troubles show as badPort here and in the links below.
		const fs = ingressNames.flatMap((n) => index.ingressFindings.get(n) ?? []).filter((f) => !backendCodes.has(f.code));
		let state = stateOf(fs);
		if (badPort.length > 0) state = worst(state, badPort.length === refs.length && !wiring.externalName ? 'broken' : 'warning');
		const first = refs[0]!;
		const more = refs.length > 1 ? ` (+${refs.length - 1} more)` : '';
		links.push({
			kind: 'ingress',
			label: `${first.ingress.name}: ${first.where}${more}`,
			state,
			detail:
				badPort.length > 0
					? `Ingress ${badPort[0]!.ingress.name} sends ${badPort[0]!.where} to port ${badPort[0]!.port.name ?? badPort[0]!.port.number}, which ${svc.name} does not have`
					: detailOf(fs, `${plural(refs.length, 'Ingress path')} from ${ingressNames.join(', ')}`),
		});
	}

	// The Service's ports.
	if (wiring.externalName) {
		links.push({ kind: 'service-port', label: 'ExternalName', state: 'skipped', detail: 'an ExternalName Service is a DNS alias: no port is proxied' });
	} else {
		const text = wiring.ports.map((p) => formatServicePort(p.port, p.containerPorts.length === 1 ? p.containerPorts[0] : undefined)).join(', ');
		const none = svc.ports.length === 0;
		links.push({
			kind: 'service-port',
			label: none ? 'no ports' : text,
			state: none && !wiring.headless ? 'broken' : 'ok',
			detail: none ? (wiring.headless ? 'headless without ports: DNS only' : 'the Service declares no port') : `${svc.type} ${text}`,
		});
	}

	// kube-proxy: the virtual IP and its rules.
	if (wiring.externalName || wiring.headless) {
		links.push({
			kind: 'kube-proxy',
			label: 'no rules',
			state: 'skipped',
			detail: wiring.headless ? 'headless: no virtual IP, clients connect to pod addresses' : 'ExternalName: kube-proxy writes no rules',
		});
	} else {
		const fs = pick('KW301', 'KW402', 'KW404');
		const ready = served.list.filter((ep) => ep.ready).length;
		links.push({
			kind: 'kube-proxy',
			label: `${svc.clusterIP || 'ClusterIP'} → ${plural(ready, 'ready endpoint')}`,
			state: stateOf(fs),
			detail: detailOf(fs.filter((f) => f.severity !== 'info'), `kube-proxy spreads connections over ${plural(ready, 'ready endpoint')}`),
		});
	}

	// Endpoints.
	if (wiring.externalName) {
		links.push({ kind: 'endpoint', label: 'none', state: 'skipped', detail: 'ExternalName Services have no endpoints' });
	} else {
		const fs = pick('KW104', 'KW301', 'KW302', 'KW303');
		const ready = served.list.filter((ep) => ep.ready).length;
		const noneReady = ready === 0 && (wiring.headless || svc.ports.length > 0);
		const awaiting = endpointsAwaitApply(wiring.pods, input.context.endpoints.hasAny(svc.namespace, svc.name));
		if (awaiting) {
			links.push({ kind: 'endpoint', label: 'on apply', state: 'skipped', detail: 'the matched pods are planned or carry no status: their endpoints exist once the manifests are applied' });
		} else links.push({
			kind: 'endpoint',
			label: `${ready}/${served.list.length} ready`,
			state: noneReady ? 'broken' : stateOf(fs),
			detail: detailOf(
				fs,
				served.derived
					? `${ready}/${served.list.length} ready, derived from the pods (the input has no EndpointSlice for ${svc.name})`
					: `${ready} of ${plural(served.list.length, 'endpoint address', 'endpoint addresses')} ready`,
			),
		});
	}

	// Pods the selector matches.
	if (wiring.externalName || !svc.selector) {
		links.push({
			kind: 'pod',
			label: 'no selector',
			state: 'skipped',
			detail: wiring.externalName ? 'ExternalName: no pods' : 'no selector: the endpoints are managed by hand',
		});
	} else {
		const fs = pick('KW101', 'KW102', 'KW103', 'KW105', 'KW106');
		let ready = 0;
		for (const p of wiring.pods) if (p.ready && !p.terminating) ready++;
		const planned = wiring.pods.filter(isPlanned).length;
		const serious = fs.filter((f) => f.severity !== 'info');
		links.push({
			kind: 'pod',
			label: `${plural(wiring.pods.length, 'pod')} match ${formatLabels(svc.selector)}`,
			state: stateOf(fs),
			detail: detailOf(
				serious.length > 0 ? serious : fs,
				planned > 0 ? `${plural(planned, 'planned pod')} from workload templates (readiness is known once applied)` : `${ready} of ${plural(wiring.pods.length, 'pod')} Ready`,
			),
		});
	}

	// NetworkPolicies in front of the pods, and the container ports.
	if (wiring.pods.length === 0) {
		links.push({ kind: 'network-policy', label: 'no pods', state: 'skipped', detail: 'no selected pod to protect' });
		links.push({ kind: 'container-port', label: 'no pods', state: 'skipped', detail: 'no selected pod to receive traffic' });
		return links;
	}
	const kw601 = pick('KW601');
	const sample = sampleTarget(wiring);
	const access = sample
		? describeAccess(ingressAccess(rc.policies, { pod: sample.row.pod, port: sample.row.resolution.containerPort!, protocol: sample.pw.port.protocol }))
		: 'no resolved port to judge';
	links.push({
		kind: 'network-policy',
		label: kw601.length > 0 ? 'port closed' : access.startsWith('no NetworkPolicy') ? 'not isolated' : 'isolated',
		state: kw601.length > 0 ? 'broken' : 'ok',
		detail: detailOf(kw601, sample ? `${sample.pw.port.protocol}/${sample.row.resolution.containerPort} on ${sample.row.pod.name}: ${access}` : access),
	});
	const portFindings = pick('KW201', 'KW202', 'KW203');
	const resolved = wiring.ports.map((pw) => `${pw.containerPorts.join('/') || '?'}${pw.port.protocol === 'TCP' ? '' : `/${pw.port.protocol}`}`);
	links.push({
		kind: 'container-port',
		label: resolved.join(', '),
		state: stateOf(portFindings),
		detail: detailOf(portFindings, `the pods declare the ports the Service sends to`),
	});
	return links;
}

/** The first selected pod and Service port with a resolved pod port: what the policy link describes. */
function sampleTarget(wiring: ServiceWiring) {
	for (const pw of wiring.ports) {
		for (const row of pw.pods) if (row.resolution.containerPort !== undefined && !row.pod.hostNetwork) return { pw, row };
	}
	return undefined;
}

/** Where traffic stops: the first broken link, or undefined when none is. */
export function firstBroken(chain: readonly ChainLink[]): ChainLink | undefined {
	return chain.find((l) => l.state === 'broken');
}

function plural(n: number, word: string, many = `${word}s`): string {
	return `${n} ${n === 1 ? word : many}`;
}
