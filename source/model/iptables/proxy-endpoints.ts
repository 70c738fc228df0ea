/**
 * EndpointSlices as kube-proxy reads them: one endpoint per `ip:port` for each service port
 * (matched by port name and protocol), and the split into the endpoints cluster-wide traffic
 * uses, the ones node-local traffic uses, and the ones this node needs chains for.
 */
import type { EndpointSlice, SlicePort, Snapshot } from '../../cluster/snapshot.js';
import { buildContext } from '../context.js';
import { serviceKnowledge } from '../known.js';
import type { EndpointView } from '../endpoints.js';
import { endpointChainName } from './hash.js';
import { canonicalIP, hostPort, type Family } from '../net.js';
import type { ProxyServicePort } from './service-ports.js';

export interface ProxyEndpoint {
	ip: string;
	port: number;
	/** `ip:port` or `[ip]:port`. */
	ep: string;
	ready: boolean;
	serving: boolean;
	terminating: boolean;
	local: boolean;
	nodeName: string;
	zoneHints: string[];
	nodeHints: string[];
	/** The pod behind it, when the slice says. */
	pod: string;
	chain: string;
}

/**
 * The EndpointSlices kube-proxy reads on this snapshot, by Service (`ns/name`): the input's, and,
 * for each selector Service the input holds no EndpointSlice or Endpoints for, the ones the
 * controller would publish for its pods: the model's derived endpoint view (wiring.endpoints),
 * written as slices, so the rules, the tree and trace use the endpoints every table shows.
 * `derived` lists those Services, so a report can say their endpoints were computed.
 */
export function proxySlices(snapshot: Snapshot): ProxySlices {
	let found = computed.get(snapshot);
	if (!found) computed.set(snapshot, (found = readProxySlices(snapshot)));
	return found;
}

interface ProxySlices {
	byService: ReadonlyMap<string, EndpointSlice[]>;
	derived: string[];
	/**
	 * Services (`ns/name`) without a selector whose EndpointSlices were not read (not in the input,
	 * or forbidden): the slices someone writes for them were not given, and nothing can be derived
	 * in their place. Their rules are written as for no endpoints; a report says that is not known.
	 */
	notGiven: string[];
}

/** Once per snapshot: every node and family of one run reads the same slices. */
const computed = new WeakMap<Snapshot, ProxySlices>();

function readProxySlices(snapshot: Snapshot): ProxySlices {
	const byService = slicesByService(snapshot.endpointSlices);
	const derived: string[] = [];
	const notGiven: string[] = [];
	// An ExternalName Service never has slices: it alone is no reason to wire every Service.
	if (!snapshot.services.some((s) => s.type !== 'ExternalName' && !byService.has(`${s.namespace}/${s.name}`))) return { byService, derived, notGiven };
	const context = buildContext(snapshot);
	for (const wiring of context.services) {
		// The question the Services table asks (known.ts): a count of none stands on nothing here.
		if (!wiring.service.selector && !wiring.externalName && serviceKnowledge(wiring, context.readable).endpoints !== 'read') notGiven.push(wiring.key);
		if (!wiring.endpointsDerived) continue;
		derived.push(wiring.key);
		byService.set(wiring.key, derivedSlices(wiring.service.namespace, wiring.service.name, wiring.endpoints));
	}
	return { byService, derived, notGiven };
}

/** One slice per pod (kube-proxy merges a Service's slices), holding that pod's resolved ports. */
function derivedSlices(namespace: string, serviceName: string, rows: readonly EndpointView[]): EndpointSlice[] {
	const byPod = new Map<string, EndpointSlice>();
	for (const row of rows) {
		if (row.ip === '') continue;
		const key = `${row.pod}\u0000${row.ip}`;
		let slice = byPod.get(key);
		if (!slice) {
			slice = {
				namespace,
				name: `${serviceName}-derived-${row.pod}`,
				uid: '',
				labels: { 'kubernetes.io/service-name': serviceName },
				annotations: {},
				serviceName,
				addressType: row.ip.includes(':') ? 'IPv6' : 'IPv4',
				endpoints: [
					{
						addresses: [row.ip],
						conditions: { ready: row.ready, serving: row.serving, terminating: row.terminating },
						nodeName: row.node || undefined,
						targetRef: row.targetRef,
						hintsForZones: [],
						hintsForNodes: [],
					},
				],
				ports: [],
			};
			byPod.set(key, slice);
		}
		if (row.port === undefined) continue;
		const port: SlicePort = { name: row.portName, port: row.port, protocol: row.protocol };
		slice.ports.push(port);
	}
	return [...byPod.values()];
}

/** EndpointSlices grouped by the Service they belong to (`ns/name`). */
export function slicesByService(slices: readonly EndpointSlice[]): Map<string, EndpointSlice[]> {
	const map = new Map<string, EndpointSlice[]>();
	for (const slice of slices) {
		if (!slice.serviceName) continue;
		const key = `${slice.namespace}/${slice.serviceName}`;
		const list = map.get(key);
		if (list) list.push(slice);
		else map.set(key, [slice]);
	}
	return map;
}

const byEp = (a: ProxyEndpoint, b: ProxyEndpoint) => (a.ep < b.ep ? -1 : a.ep > b.ep ? 1 : 0);

/** The endpoints of one service port, sorted by `ep` as a plain string, as kube-proxy orders them. */
export function endpointsFor(
	sp: ProxyServicePort,
	slices: readonly EndpointSlice[],
	family: Family,
	nodeName: string,
): ProxyEndpoint[] {
	const byAddress = new Map<string, ProxyEndpoint>();
	for (const slice of slices) {
		if (slice.addressType !== family) continue;
		for (const port of slice.ports) {
			if (!port.port || port.name !== sp.portName || port.protocol.toLowerCase() !== sp.protocol) continue;
			for (const e of slice.endpoints) {
				const first = e.addresses[0];
				if (first === undefined) continue;
				const ip = canonicalIP(first);
				if (ip === undefined || ip.includes(':') !== (family === 'IPv6')) continue;
				const ep = hostPort(ip, port.port);
				const terminating = e.conditions.terminating === true;
				// A later duplicate replaces an earlier one, unless it is terminating.
				if (byAddress.has(ep) && terminating) continue;
				byAddress.set(ep, {
					ip,
					port: port.port,
					ep,
					ready: e.conditions.ready !== false,
					serving: e.conditions.serving !== false,
					terminating,
					local: nodeName !== '' && e.nodeName === nodeName,
					nodeName: e.nodeName ?? '',
					zoneHints: e.hintsForZones,
					nodeHints: e.hintsForNodes,
					pod: e.targetRef?.kind === 'Pod' ? e.targetRef.name : '',
					chain: endpointChainName(sp.spn, sp.protocol, ep),
				});
			}
		}
	}
	return [...byAddress.values()].sort(byEp);
}

export interface Categorized {
	clusterEps: ProxyEndpoint[];
	localEps: ProxyEndpoint[];
	reachableEps: ProxyEndpoint[];
	hasAny: boolean;
	/** '', PreferSameNode or PreferSameZone: how topology hints narrowed clusterEps. */
	topologyMode: string;
	/** localEps are serving-and-terminating endpoints (no local endpoint is ready). */
	localTerminatingFallback: boolean;
	/** clusterEps are serving-and-terminating endpoints (no endpoint is ready anywhere). */
	clusterTerminatingFallback: boolean;
}

function topologyMode(eps: readonly ProxyEndpoint[], nodeName: string, zone: string, nodeHints: boolean): string {
	let allNode = true;
	let forNode = false;
	let allZone = true;
	let forZone = false;
	for (const e of eps) {
		if (!e.ready) continue;
		if (e.nodeHints.length === 0) allNode = false;
		else if (e.nodeHints.includes(nodeName)) forNode = true;
		if (e.zoneHints.length === 0) allZone = false;
		else if (e.zoneHints.includes(zone)) forZone = true;
	}
	if (nodeHints && allNode && forNode) return 'PreferSameNode';
	if (allZone && forZone) return 'PreferSameZone';
	return '';
}

const servingTerminating = (e: ProxyEndpoint) => e.serving && e.terminating;

export function categorize(
	sp: ProxyServicePort,
	eps: readonly ProxyEndpoint[],
	nodeName: string,
	zone: string,
	nodeHints: boolean,
): Categorized {
	const result: Categorized = {
		clusterEps: [],
		localEps: [],
		reachableEps: [],
		hasAny: false,
		topologyMode: '',
		localTerminatingFallback: false,
		clusterTerminatingFallback: false,
	};
	if (eps.length === 0) return result;
	if (sp.usesClusterEndpoints) {
		const mode = topologyMode(eps, nodeName, zone, nodeHints);
		result.topologyMode = mode;
		result.clusterEps = eps.filter(
			(e) =>
				e.ready &&
				(mode === '' ||
					(mode === 'PreferSameNode' ? e.nodeHints.includes(nodeName) : e.zoneHints.includes(zone))),
		);
		if (result.clusterEps.length === 0) {
			result.clusterEps = eps.filter(servingTerminating);
			result.clusterTerminatingFallback = result.clusterEps.length > 0;
		}
		result.hasAny = result.clusterEps.length > 0;
	}
	if (!sp.usesLocalEndpoints) {
		result.reachableEps = result.clusterEps;
		return result;
	}
	let localReady = false;
	let localServingTerminating = false;
	for (const e of eps) {
		if (e.ready) {
			result.hasAny = true;
			if (e.local) localReady = true;
		} else if (servingTerminating(e)) {
			result.hasAny = true;
			if (e.local) localServingTerminating = true;
		}
	}
	if (localReady) result.localEps = eps.filter((e) => e.local && e.ready);
	else if (localServingTerminating) {
		result.localTerminatingFallback = true;
		result.localEps = eps.filter((e) => e.local && servingTerminating(e));
	}
	if (!sp.usesClusterEndpoints) {
		result.reachableEps = result.localEps;
		return result;
	}
	if (result.topologyMode === '' && !result.localTerminatingFallback) {
		result.reachableEps = result.clusterEps;
		return result;
	}
	const merged = new Map<string, ProxyEndpoint>();
	for (const e of result.clusterEps) merged.set(e.ep, e);
	for (const e of result.localEps) merged.set(e.ep, e);
	result.reachableEps = [...merged.values()].sort(byEp);
	return result;
}
