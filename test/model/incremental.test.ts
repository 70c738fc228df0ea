/**
 * The incremental analysis must give exactly what a full analysis of the same Snapshot gives.
 * Random watch events (seeded, so a failure replays) go through the live store, as they do in a
 * live session; after each batch the incremental answer is compared with `analyze`.
 */
import { describe, expect, it } from 'vitest';
import { liveKinds, type LiveKind } from '../../source/cluster/live/kinds.js';
import { Projector } from '../../source/cluster/live/project.js';
import { LiveStore } from '../../source/cluster/live/store.js';
import type { Snapshot } from '../../source/cluster/snapshot.js';
import { analyze, type Analysis } from '../../source/model/analyze.js';
import { gatewayModel } from '../../source/model/gateway/index.js';
import { lastUpdateStats, updateAnalysis } from '../../source/model/incremental.js';
import { Random } from '../support/random-objects.js';

const namespaces = ['a', 'b', 'c'];
const apps = ['web', 'api', 'db', 'webb'];
const tiers = ['front', 'back'];

function kindOf(name: string): LiveKind {
	const kind = liveKinds.find((k) => k.kind === name);
	if (!kind) throw new Error(`no live kind ${name}`);
	return kind;
}

/** A small cluster world that random events change, fed to a LiveStore through the projector. */
class World {
	private readonly projector = new Projector();
	readonly store = new LiveStore({ kind: 'live', description: 'test', context: 'test', server: 'https://test' });
	private serial = 0;

	constructor(private readonly r: Random) {}

	private put(kindName: string, raw: Record<string, unknown>): void {
		const kind = kindOf(kindName);
		const projected = this.projector.project(kind, raw, []);
		if (projected) this.store.upsert(kind.list, projected.key, projected.record);
	}

	private drop(kindName: string, namespace: string, name: string): void {
		const kind = kindOf(kindName);
		this.store.remove(kind.list, `${kind.namespaced ? namespace : ''}/${name}`);
	}

	private labels(): Record<string, string> {
		const labels: Record<string, string> = {};
		if (this.r.chance(0.85)) labels['app'] = this.r.pick(apps);
		if (this.r.chance(0.6)) labels['tier'] = this.r.pick(tiers);
		if (this.r.chance(0.2)) labels['name'] = this.r.pick(apps);
		return labels;
	}

	pod(name = `p${this.r.int(18)}`, namespace = this.r.pick(namespaces), fixed: { labels?: Record<string, string>; ready?: boolean } = {}): void {
		const ip = `10.1.${namespaces.indexOf(namespace)}.${this.r.int(40) + 1}`;
		const ready = fixed.ready ?? this.r.chance(0.7);
		this.put('Pod', {
			metadata: { name, namespace, uid: `u-${name}-${namespace}`, labels: fixed.labels ?? this.labels() },
			spec: {
				nodeName: this.r.pick(['n1', 'n2']),
				containers: [{ name: 'c', ports: this.r.chance(0.8) ? [{ name: 'http', containerPort: 8080 }] : [] }],
			},
			status: {
				phase: this.r.chance(0.9) ? 'Running' : 'Pending',
				podIP: ip,
				podIPs: [{ ip }],
				conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
			},
		});
	}

	service(name = `s${this.r.int(8)}`, namespace = this.r.pick(namespaces), fixedSelector?: Record<string, string>): void {
		const selector: Record<string, string> = fixedSelector ? { ...fixedSelector } : {};
		if (!fixedSelector && this.r.chance(0.9)) selector['app'] = this.r.pick(apps);
		if (!fixedSelector && this.r.chance(0.4)) selector['tier'] = this.r.pick(tiers);
		this.put('Service', {
			metadata: { name, namespace, uid: `u-${name}-${namespace}` },
			spec: {
				type: this.r.chance(0.8) ? 'ClusterIP' : 'NodePort',
				clusterIP: `10.0.0.${this.r.int(200) + 1}`,
				externalTrafficPolicy: this.r.chance(0.3) ? 'Local' : 'Cluster',
				selector: Object.keys(selector).length > 0 ? selector : undefined,
				ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: this.r.pick(['http', 8080, 9090]) }],
			},
		});
	}

	/** A slice for a Service, with endpoints taken from the pods of its namespace (some stale). */
	slice(snapshot: Snapshot): void {
		const namespace = this.r.pick(namespaces);
		const service = `s${this.r.int(8)}`;
		const pods = snapshot.pods.filter((p) => p.namespace === namespace);
		const endpoints = [];
		for (let i = this.r.int(4); i > 0; i--) {
			const pod = pods.length > 0 && this.r.chance(0.85) ? this.r.pick(pods) : undefined;
			const name = pod?.name ?? `gone${this.r.int(3)}`;
			endpoints.push({
				addresses: [pod?.podIP || `10.9.9.${this.r.int(9)}`],
				conditions: { ready: this.r.chance(0.7), terminating: this.r.chance(0.1) },
				nodeName: pod?.nodeName,
				targetRef: { kind: 'Pod', name, namespace },
			});
		}
		this.put('EndpointSlice', {
			metadata: { name: `${service}-${this.r.int(2)}`, namespace, labels: { 'kubernetes.io/service-name': service } },
			addressType: 'IPv4',
			endpoints,
			ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
		});
	}

	endpoints(): void {
		const namespace = this.r.pick(namespaces);
		const name = `s${this.r.int(8)}`;
		this.put('Endpoints', {
			metadata: { name, namespace },
			subsets: [{ addresses: [{ ip: `10.1.0.${this.r.int(40) + 1}` }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
		});
	}

	/**
	 * An Ingress of one to three rules (some contested by another Ingress, some with TLS), now and
	 * then with a default backend: enough of them that a pod batch leaves most untouched, which
	 * the table then keeps (ingress/reuse.ts).
	 */
	ingress(): void {
		const backend = () => ({ service: { name: `s${this.r.int(8)}`, port: this.r.chance(0.8) ? { number: 80 } : { name: 'http' } } });
		const hosts = ['shop.example', 'api.example', 'www.example', 'admin.example', ''];
		const rules = [];
		for (let n = 1 + this.r.int(3); n > 0; n--) {
			rules.push({ host: this.r.pick(hosts), http: { paths: [{ path: this.r.pick(['/', '/api', '/static']), pathType: this.r.pick(['Prefix', 'Exact']), backend: backend() }] } });
		}
		const tlsHost = this.r.pick(hosts);
		this.put('Ingress', {
			metadata: { name: `i${this.r.int(6)}`, namespace: this.r.pick(namespaces), uid: `ui${this.serial++}`, creationTimestamp: `2024-01-0${1 + this.r.int(8)}T00:00:00Z` },
			spec: {
				ingressClassName: this.r.chance(0.9) ? 'nginx' : 'other',
				...(this.r.chance(0.3) ? { defaultBackend: backend() } : {}),
				...(this.r.chance(0.3) && tlsHost !== '' ? { tls: [{ hosts: [tlsHost], secretName: 'shop-tls' }] } : {}),
				rules,
			},
			status: { loadBalancer: this.r.chance(0.7) ? { ingress: [{ ip: '203.0.113.9' }] } : {} },
		});
	}

	/**
	 * An HTTPRoute on the Gateway of namespace a, one or two rules of backendRefs to the random
	 * Services (now and then a wrong port, or another namespace without a ReferenceGrant).
	 */
	httpRoute(): void {
		const namespace = this.r.pick(namespaces);
		const ref = () => ({
			name: `s${this.r.int(8)}`,
			port: this.r.chance(0.85) ? 80 : 8080,
			...(this.r.chance(0.15) ? { namespace: this.r.pick(namespaces) } : {}),
		});
		const rules = [];
		for (let n = 1 + this.r.int(2); n > 0; n--) rules.push({ backendRefs: [ref(), ...(this.r.chance(0.3) ? [ref()] : [])] });
		this.put('HTTPRoute', {
			apiVersion: 'gateway.networking.k8s.io/v1',
			metadata: { name: `r${this.r.int(5)}`, namespace, uid: `ur${this.serial++}` },
			spec: { parentRefs: [{ name: 'gw', namespace: 'a' }], hostnames: [this.r.pick(['shop.example', 'api.example'])], rules },
		});
	}

	/** A pod of the ingress-nginx controller (its changes must rebuild every Ingress: KW602, classes). */
	controllerPod(): void {
		const ip = `10.1.9.${this.r.int(3) + 1}`;
		this.put('Pod', {
			metadata: { name: `ingress-nginx-${this.r.int(2)}`, namespace: 'a', uid: `u-nginx-${this.serial++}`, labels: { app: 'ingress-nginx' } },
			spec: {
				nodeName: 'n1',
				containers: [{ name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.10.0', args: ['/nginx-ingress-controller', `--ingress-class=nginx`] }],
			},
			status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: this.r.chance(0.8) ? 'True' : 'False' }] },
		});
	}

	policy(): void {
		this.put('NetworkPolicy', {
			metadata: { name: 'only-front', namespace: this.r.pick(namespaces) },
			spec: {
				podSelector: { matchLabels: { app: this.r.pick(apps) } },
				policyTypes: ['Ingress'],
				ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'front' } } }], ports: [{ port: this.r.pick([8080, 9090]) }] }],
			},
		});
	}

	seed(): void {
		this.put('IngressClass', {
			metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
			spec: { controller: 'k8s.io/ingress-nginx' },
		});
		for (const name of ['n1', 'n2']) {
			this.put('Node', {
				metadata: { name },
				status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: `192.168.0.${name.slice(1)}` }] },
			});
		}
		for (const namespace of namespaces) this.put('Namespace', { metadata: { name: namespace }, status: { phase: 'Active' } });
		for (let i = 0; i < 14; i++) this.pod();
		for (let i = 0; i < 8; i++) this.service();
		const first = this.store.build();
		for (let i = 0; i < 6; i++) this.slice(first);
		for (let i = 0; i < 6; i++) this.ingress();
		this.put('GatewayClass', { apiVersion: 'gateway.networking.k8s.io/v1', metadata: { name: 'gc' }, spec: { controllerName: 'example.com/gateway' } });
		this.put('Gateway', {
			apiVersion: 'gateway.networking.k8s.io/v1',
			metadata: { name: 'gw', namespace: 'a' },
			spec: { gatewayClassName: 'gc', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] },
		});
		for (let i = 0; i < 5; i++) this.httpRoute();
		this.controllerPod();
		this.policy();
	}

	/** One random watch event; mostly pods, as in a real cluster. */
	event(snapshot: Snapshot): void {
		const roll = this.r.next();
		if (roll < 0.43) this.pod();
		else if (roll < 0.45) this.controllerPod();
		else if (roll < 0.55) this.drop('Pod', this.r.pick(namespaces), `p${this.r.int(18)}`);
		else if (roll < 0.7) this.slice(snapshot);
		else if (roll < 0.75) this.drop('EndpointSlice', this.r.pick(namespaces), `s${this.r.int(8)}-${this.r.int(2)}`);
		else if (roll < 0.85) this.service();
		else if (roll < 0.89) this.drop('Service', this.r.pick(namespaces), `s${this.r.int(8)}`);
		else if (roll < 0.93) this.endpoints();
		else if (roll < 0.95) this.ingress();
		else if (roll < 0.96) this.httpRoute();
		else this.policy();
	}
}

/** Everything an Analysis shows, as plain data. */
function shown(analysis: Analysis) {
	return {
		findings: analysis.findings,
		services: analysis.services.map((s) => ({
			key: s.wiring.key,
			status: s.status,
			findings: s.findings,
			pods: s.wiring.pods.map((p) => `${p.namespace}/${p.name}`),
			endpoints: s.wiring.endpoints,
			endpointCount: s.wiring.endpointCount,
			ready: s.wiring.readyEndpointCount,
			ports: s.wiring.ports.map((p) => ({ key: p.key, containerPorts: p.containerPorts, pods: p.pods.map((r) => [r.pod.name, r.resolution]) })),
			chain: s.chain,
		})),
		routing: analysis.routing,
		gateway: gatewayModel(analysis.context).routes.map((r) => ({ route: `${r.route.namespace}/${r.route.name}`, rules: r.rules, parents: r.parents })),
	};
}

describe('incremental analysis', () => {
	it('equals a full analysis after every batch of random watch events', () => {
		let incremental = 0;
		let batches = 0;
		let keptRows = 0;
		let keptRowsAfterKeptTable = 0;
		let keptRoutes = 0;
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const r = new Random(seed * 7919);
			const world = new World(r);
			world.seed();
			let snapshot = world.store.build();
			let analysis = analyze(snapshot);
			let tableKept = false;
			for (let batch = 0; batch < 40; batch++) {
				for (let n = 1 + r.int(3); n > 0; n--) world.event(snapshot);
				const next = world.store.build();
				const changes = world.store.changesSince(snapshot);
				expect(changes).toBeDefined();
				const updated = updateAnalysis(analysis, next, changes);
				if (!lastUpdateStats().full) incremental++;
				batches++;
				expect(shown(updated), `seed ${seed}, batch ${batch}`).toEqual(shown(analyze(next)));
				const before = new Set(analysis.routing.rows);
				if (updated.routing !== analysis.routing && updated.routing.rows.some((row) => before.has(row))) {
					keptRows++;
					if (tableKept) keptRowsAfterKeptTable++;
				}
				tableKept = updated.routing === analysis.routing;
				const statesBefore = new Set(gatewayModel(analysis.context).routes);
				const statesAfter = gatewayModel(updated.context).routes;
				if (statesAfter.some((state) => statesBefore.has(state)) && statesAfter.some((state) => !statesBefore.has(state))) keptRoutes++;
				snapshot = next;
				analysis = updated;
			}
		}
		// Most batches must really be incremental, or the test proves nothing about the shortcut.
		expect(incremental).toBeGreaterThan(batches * 0.7);
		// And the routing table must often have been rebuilt keeping some Ingresses' rows, or the
		// comparison above says nothing about that shortcut either.
		expect(keptRows).toBeGreaterThan(batches * 0.1);
		// Including a table that the batch before kept whole (it then stands for that batch's context).
		expect(keptRowsAfterKeptTable).toBeGreaterThan(batches * 0.02);
		// Likewise the Gateway routes: some kept, some made again, in one update.
		expect(keptRoutes).toBeGreaterThan(batches * 0.1);
	});

	it('re-analyses only the Services a pod change can affect', () => {
		const r = new Random(99);
		const world = new World(r);
		world.seed();
		for (let i = 0; i < 30; i++) world.service(`extra${i}`, 'c');
		const before = world.store.build();
		const analysis = analyze(before);
		world.pod('p1', 'a');
		const after = world.store.build();
		updateAnalysis(analysis, after, world.store.changesSince(before));
		const stats = lastUpdateStats();
		expect(stats.full).toBe(false);
		expect(stats.reanalysed).toBeLessThan(after.services.length / 2);
	});

	it('follows one Service whose selector breaks and is restored, then whose pods change, as a full analysis does', () => {
		// The live bench's status change, step by step: each step must be incremental and its
		// answer (row and detail: status, findings, pods, endpoints, ports, chain) that of `analyze`.
		const world = new World(new Random(11));
		world.seed();
		const selector = { app: 'shop', tier: 'front' };
		world.pod('shop-1', 'b', { labels: selector, ready: true });
		world.pod('shop-2', 'b', { labels: selector, ready: true });
		world.service('shop', 'b', selector);
		let snapshot = world.store.build();
		let analysis = analyze(snapshot);
		const codes = () => analysis.serviceByKey.get('b/shop')?.findings.map((f) => f.code) ?? [];
		const podsOf = () => analysis.serviceByKey.get('b/shop')?.wiring.pods.map((p) => p.name) ?? [];
		expect(codes()).not.toContain('KW101');
		expect(podsOf()).toEqual(['shop-1', 'shop-2']);

		const step = (label: string, change: () => void) => {
			change();
			const next = world.store.build();
			const updated = updateAnalysis(analysis, next, world.store.changesSince(snapshot));
			expect(lastUpdateStats().full, label).toBe(false);
			expect(shown(updated), label).toEqual(shown(analyze(next)));
			snapshot = next;
			analysis = updated;
		};
		for (let round = 0; round < 2; round++) {
			step(`break ${round}`, () => world.service('shop', 'b', { 'kubewire-bench': 'matches-nothing' }));
			expect(codes()).toContain('KW101');
			expect(podsOf()).toEqual([]);
			step(`restore ${round}`, () => world.service('shop', 'b', selector));
			expect(codes()).not.toContain('KW101');
			expect(podsOf()).toEqual(['shop-1', 'shop-2']);
		}
		step('a pod turns unready', () => world.pod('shop-1', 'b', { labels: selector, ready: false }));
		expect(analysis.serviceByKey.get('b/shop')?.status).not.toBe('ok');
		step('a pod loses a label', () => world.pod('shop-2', 'b', { labels: { app: 'shop' }, ready: true }));
		expect(podsOf()).toEqual(['shop-1']);
		step('the pods match again', () => {
			world.pod('shop-1', 'b', { labels: selector, ready: true });
			world.pod('shop-2', 'b', { labels: selector, ready: true });
		});
		expect(podsOf()).toEqual(['shop-1', 'shop-2']);
	});

	it('falls back to a full pass when the store cannot say what changed', () => {
		const world = new World(new Random(5));
		world.seed();
		const first = world.store.build();
		const analysis = analyze(first);
		world.policy();
		const next = world.store.build();
		expect(shown(updateAnalysis(analysis, next, world.store.changesSince(first)))).toEqual(shown(analyze(next)));
		expect(lastUpdateStats().full).toBe(true);
		// A Snapshot the store never built (or forgot): nothing to go on.
		expect(world.store.changesSince({ ...first })).toBeUndefined();
	});
});
