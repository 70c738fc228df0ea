/**
 * What file input means, beyond parsing it (files.ts): where namespace-less objects go (`-n`, as
 * `kubectl apply -n` places them), standard input for `--fixtures -`, a Helm template that was
 * not rendered, objects of kinds kubewire does not use (counted, not silently dropped), which file
 * each record came from (so a duplicate names the copy that lost), and which kinds the files do
 * not hold at all: those are unknown, not empty, and listed as `not in the input`.
 */
import { readSync } from 'node:fs';
import { isatty } from 'node:tty';
import { InputError } from '../errors.js';
import { notInInput } from '../model/readable.js';
import { proxyConfigUnreadable, readableKinds } from './normalize.js';
import { isGatewayApi, toUnmodelledRoute, unmodelledRouteKinds } from './normalize-gateway.js';
import { toPodMaker } from './pod-makers.js';
import { removedApiOf } from './removed-apis.js';
import { toSecretMaker } from './secret-makers.js';
import { isObject, obj, str, type RawObject } from './raw.js';
import { recordLists, type RecordListKey, type Snapshot } from './snapshot.js';

/** The name `--fixtures -` is given in messages and record origins. */
export const stdinName = 'stdin';

/**
 * Standard input, read whole (a pipe from `helm template` or `kubectl get -o yaml`). Read in a
 * loop, not with readFileSync(0): loading `node:process` as an ES module (as meow does) opens
 * process.stdin, which puts a pipe into non-blocking mode, so a read made before the command
 * on the left of the pipe has written anything fails with EAGAIN. That only means "not yet":
 * wait a moment and read on, until the end of the input.
 */
export function readStdin(): Buffer {
	if (isatty(0)) throw new InputError(`${stdinName}: nothing to read (pipe manifests in, e.g. helm template … | kubewire check --fixtures -)`);
	const chunks: Buffer[] = [];
	const buffer = Buffer.allocUnsafe(1 << 20);
	for (;;) {
		let read: number;
		try {
			read = readSync(0, buffer, 0, buffer.length, null);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EAGAIN') {
				Atomics.wait(pause, 0, 0, 5);
				continue;
			}
			if (code === 'EOF') break;
			throw new InputError(`${stdinName}: ${(error as Error).message.split('\n')[0]}`);
		}
		if (read === 0) break;
		chunks.push(Buffer.from(buffer.subarray(0, read)));
	}
	return Buffer.concat(chunks);
}

/** What readStdin sleeps on while the writer has nothing for it yet (Atomics.wait needs shared memory). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Kinds that live in a namespace (the ones kubewire reads, and the ones it only counts). */
const clusterScopedKinds = new Set([
	'Namespace',
	'Node',
	'IngressClass',
	'GatewayClass',
	'ClusterRole',
	'ClusterRoleBinding',
	'CustomResourceDefinition',
	'PersistentVolume',
	'StorageClass',
	'PriorityClass',
	'ValidatingWebhookConfiguration',
	'MutatingWebhookConfiguration',
	'APIService',
	'CSIDriver',
	'RuntimeClass',
]);

interface InputState {
	/** `-n`: where objects without metadata.namespace go ('' leaves them to the default). */
	namespace: string;
	/** Per file read, the length of every record list after it: which file a record came from. */
	ends: { file: string; lengths: number[] }[];
	unused: Map<string, number>;
	/** Documents that were Kubernetes objects or lists: none at all means the input was not what the user meant. */
	objects: number;
	/** Kinds of the typed lists read (`NetworkPolicyList` → NetworkPolicy): given, even when empty. */
	listed: Set<string>;
}

const states = new WeakMap<Snapshot, InputState>();
const listKeys = Object.keys(recordLists) as RecordListKey[];
const used = new Set([...readableKinds, 'ConfigMap']);

/** Starts reading files into `snapshot`; `namespace` is `-n`, when given. */
export function beginInput(snapshot: Snapshot, namespace = ''): void {
	states.set(snapshot, { namespace, ends: [], unused: new Map(), objects: 0, listed: new Set() });
}

/** A document that is a Kubernetes object (it has a kind) or a list of them, even an empty one. */
export function noteObject(snapshot: Snapshot): void {
	const state = states.get(snapshot);
	if (state) state.objects++;
}

/**
 * A typed list (`kubectl get networkpolicies -o json`, a support bundle's per-namespace
 * `NetworkPolicyList`) says its kind was read: an empty one is an answer, "none", not an absence.
 */
export function noteListKind(snapshot: Snapshot, itemKind: string): void {
	if (itemKind !== '') states.get(snapshot)?.listed.add(itemKind);
}

/** Whether the input held any Kubernetes object or list at all (undefined outside a file read). */
export function heldObjects(snapshot: Snapshot): boolean | undefined {
	const state = states.get(snapshot);
	return state ? state.objects > 0 : undefined;
}

/**
 * Called for every object before it is projected: puts a namespaced object that names no
 * namespace into the `-n` namespace, counts objects of kinds kubewire does not read, and keeps
 * those that make pods through an operator (cluster/pod-makers.ts) and the Gateway API routes
 * it lists without modelling them (TCPRoute, TLSRoute, UDPRoute).
 */
export function placeObject(snapshot: Snapshot, kind: string, raw: RawObject): void {
	const state = states.get(snapshot);
	// Copied on append, as podMakers, so a file read over again can restore the list it had.
	if (unmodelledRouteKinds.has(kind) && isGatewayApi(raw) && str(obj(raw['metadata'])['name']) !== '') {
		snapshot.unmodelledRoutes = [...(snapshot.unmodelledRoutes ?? []), toUnmodelledRoute(raw, kind, state?.namespace || 'default')];
		return;
	}
	if (!state) return;
	const removed = removedApiOf(kind, raw, state.namespace || 'default');
	// Copied on append, as podMakers, so a file read over again can restore the list it had.
	if (removed) snapshot.removedApis = [...(snapshot.removedApis ?? []), removed];
	if (!used.has(kind)) {
		const secret = toSecretMaker(kind, raw, state.namespace || 'default');
		// Copied on append, as podMakers, so a file read over again can restore the list it had.
		if (secret) {
			snapshot.secretMakers = [...(snapshot.secretMakers ?? []), secret];
			return;
		}
		const maker = toPodMaker(kind, raw, state.namespace || 'default');
		// Copied on append, as serviceCIDRs, so a file read over again can restore the list it had.
		if (maker) snapshot.podMakers = [...(snapshot.podMakers ?? []), maker];
		else state.unused.set(kind, (state.unused.get(kind) ?? 0) + 1);
		return;
	}
	if (state.namespace === '' || clusterScopedKinds.has(kind)) return;
	const meta = raw['metadata'];
	if (isObject(meta) && str(meta['namespace']) === '') meta['namespace'] = state.namespace;
}

/** Counts an object kubewire leaves out under `label` (the "not used" line). */
export function countUnused(snapshot: Snapshot, label: string): void {
	const state = states.get(snapshot);
	if (state) state.unused.set(label, (state.unused.get(label) ?? 0) + 1);
}

/**
 * A Helm test hook (`helm.sh/hook: test`, test-success, test-failure, and nothing else): `helm
 * install` does not create it, `helm test` does, later. `helm template` prints it with the rest;
 * read as installed, the default chart's test Pod (busybox, no ports, the release's labels) stood
 * for the Deployment's pods and broke its Service's named targetPort (KW202).
 */
export function isHelmTestHook(raw: RawObject): boolean {
	// Asked of every object a file holds: most carry no hook, and nothing is split for them.
	const hook = str(obj(obj(raw['metadata'])['annotations'])['helm.sh/hook']);
	if (hook === '') return false;
	const hooks = hook.split(',').map((h) => h.trim()).filter(Boolean);
	return hooks.length > 0 && hooks.every((h) => helmTestHooks.has(h));
}

const helmTestHooks = new Set(['test', 'test-success', 'test-failure']);

/** What a file read has counted so far (unused kinds, objects, typed lists), so that a reader that undoes a file can restore it. */
export interface CountsMark {
	unused: Map<string, number>;
	objects: number;
	listed: Set<string>;
}

export function countsMark(snapshot: Snapshot): CountsMark | undefined {
	const state = states.get(snapshot);
	return state ? { unused: new Map(state.unused), objects: state.objects, listed: new Set(state.listed) } : undefined;
}

export function restoreCounts(snapshot: Snapshot, mark: CountsMark | undefined): void {
	const state = states.get(snapshot);
	if (!state || !mark) return;
	state.unused = mark.unused;
	state.objects = mark.objects;
	state.listed = mark.listed;
}

/** Marks the end of one file's records. */
export function endFile(snapshot: Snapshot, file: string): void {
	states.get(snapshot)?.ends.push({ file, lengths: listKeys.map((key) => snapshot[key].length) });
}

/** The file the record at `index` of list `key` was read from, when files were read. */
export function fileOf(snapshot: Snapshot, key: RecordListKey, index: number): string | undefined {
	const state = states.get(snapshot);
	if (!state) return undefined;
	const k = listKeys.indexOf(key);
	for (const end of state.ends) if (index < end.lengths[k]!) return end.file;
	return undefined;
}

/** The plural resource name of each record list, as `unreadable` names it. */
const resourceOf: Partial<Record<RecordListKey, string>> = {
	services: 'services',
	endpointSlices: 'endpointslices',
	endpoints: 'endpoints',
	pods: 'pods',
	ingresses: 'ingresses',
	ingressClasses: 'ingressclasses',
	nodes: 'nodes',
	namespaces: 'namespaces',
	networkPolicies: 'networkpolicies',
	secrets: 'secrets',
	gatewayClasses: 'gatewayclasses',
	gateways: 'gateways',
	httpRoutes: 'httproutes',
	grpcRoutes: 'grpcroutes',
	referenceGrants: 'referencegrants',
};

const gatewayApiKeys: RecordListKey[] = ['gatewayClasses', 'gateways', 'httpRoutes', 'grpcRoutes', 'referenceGrants'];

const workloadKeys: RecordListKey[] = ['deployments', 'statefulSets', 'daemonSets', 'replicaSets', 'replicationControllers', 'jobs', 'cronJobs'];

/**
 * Ends reading: lists every kind the files hold no object of as unreadable, `not in the input`
 * (no finding is drawn from its absence), and records the count of unused objects. Pods are not
 * absent when workloads stand for them (planned pods); legacy Endpoints are not listed when
 * EndpointSlices were given, since they are read only in their place.
 */
export function finishInput(snapshot: Snapshot): void {
	const state = states.get(snapshot);
	// A kubewire capture says which kinds it read completely: an empty one of those is truly empty.
	const captured = new Set(snapshot.captured?.resources ?? []);
	// An app's chart often ships HTTPRoutes while the platform team's ships the Gateway: when the
	// files use the Gateway API, a kind of it they lack is not given (no "Gateway does not exist").
	// Files without any Gateway API object route nothing through it, and need no line about it.
	const usesGatewayApi = gatewayApiKeys.some((key) => snapshot[key].length > 0) || (snapshot.unmodelledRoutes?.length ?? 0) > 0;
	for (const key of listKeys) {
		const resource = resourceOf[key];
		if (!resource || snapshot[key].length > 0 || captured.has(resource) || state?.listed.has(recordLists[key])) continue;
		if (gatewayApiKeys.includes(key) && !usesGatewayApi) continue;
		// Workloads, or custom resources whose operator makes pods, stand for the pods to come.
		if (key === 'pods' && (workloadKeys.some((w) => snapshot[w].length > 0) || (snapshot.podMakers?.length ?? 0) > 0)) continue;
		if (key === 'endpoints' && snapshot.endpointSlices.length > 0) continue;
		if (snapshot.unreadable.some((u) => u.resource === resource && u.namespace === '')) continue;
		snapshot.unreadable.push({ resource, namespace: '', reason: notInInput });
	}
	if (!captured.has('pods')) {
		for (const namespace of podsLeftOut(snapshot)) snapshot.unreadable.push({ resource: 'pods', namespace, reason: podsLeftOutReason });
	}
	if (!captured.has('secrets')) {
		for (const namespace of secretsLeftOut(snapshot)) snapshot.unreadable.push({ resource: 'secrets', namespace, reason: secretsLeftOutReason });
	}
	const proxyConfig = proxyConfigUnreadable(snapshot.proxyConfig);
	if (proxyConfig) snapshot.unreadable.push(proxyConfig);
	if (state && state.unused.size > 0) snapshot.unusedKinds = Object.fromEntries(state.unused);
}

const podsLeftOutReason = `${notInInput}: its EndpointSlices name pods there`;

/**
 * Namespaces whose pods a capture left out: their EndpointSlices (or Endpoints) name pods while
 * the input holds none of the namespace's pods, though it holds pods elsewhere (`kubectl get pods
 * -n a` beside `kubectl get services,endpointslices -A`). Judged as they are, their Services read
 * "selector matches no pod" and "endpoints point at pods that no longer exist"; the pods are simply
 * not in the input there, so no finding is drawn from their absence.
 */
function podsLeftOut(snapshot: Snapshot): string[] {
	if (snapshot.pods.length === 0) return [];
	const withPods = new Set(snapshot.pods.map((p) => p.namespace));
	const named = new Set<string>();
	const note = (ref: { kind: string; namespace: string } | undefined, namespace: string) => {
		if (ref?.kind === 'Pod') named.add(ref.namespace || namespace);
	};
	for (const slice of snapshot.endpointSlices) for (const e of slice.endpoints) note(e.targetRef, slice.namespace);
	for (const ep of snapshot.endpoints) for (const subset of ep.subsets) for (const a of [...subset.addresses, ...subset.notReadyAddresses]) note(a.targetRef, ep.namespace);
	return [...named].filter((namespace) => !withPods.has(namespace)).sort();
}

const secretsLeftOutReason = `${notInInput}: the input holds Secrets of other namespaces only`;

/**
 * Namespaces whose Secrets a capture left out: an Ingress's TLS or a Gateway listener names a
 * Secret there, the input holds no Secret of that namespace, though it holds Secrets elsewhere
 * (`kubectl get secrets -n app` beside everything else, or one chart's Secret beside another's
 * Ingress). Judged as they are, each TLS secret there would read "does not exist" (KW504, KW705).
 */
function secretsLeftOut(snapshot: Snapshot): string[] {
	if (snapshot.secrets.length === 0) return [];
	const withSecrets = new Set(snapshot.secrets.map((s) => s.namespace));
	const named = new Set<string>();
	for (const ingress of snapshot.ingresses) if (ingress.tls.some((t) => t.secretName !== '')) named.add(ingress.namespace);
	for (const gateway of snapshot.gateways) for (const l of gateway.listeners) for (const ref of l.certificateRefs) named.add(ref.namespace || gateway.namespace);
	return [...named].filter((namespace) => !withSecrets.has(namespace)).sort();
}

/** `{{ … }}` where YAML would read structure: a Helm (Go template) action, not a value. */
const templateAction = /^\s*(?:-\s+)?\{\{-?\s|:\s+\{\{-?\s|^\s*\{\{-?\s*(?:if|else|end|range|with|define|include|template|toYaml|\/\*|-)/m;

/**
 * The one-line error for a file that is an unrendered Helm template, or undefined when it is not
 * one. Called when the YAML does not parse, and on parsed documents whose identity (kind, name,
 * namespace) still holds a `{{`: template text inside quoted values (alert templates, say) is data.
 */
export function helmTemplateError(text: string, file: string, docs?: unknown[]): HelmTemplateError | undefined {
	if (!text.includes('{{')) return undefined;
	if (docs !== undefined && !docs.some(templatedIdentity)) return undefined;
	if (docs === undefined && !templateAction.test(text)) return undefined;
	const line = text.split('\n').findIndex((l) => l.includes('{{')) + 1;
	return new HelmTemplateError(file, line);
}

/**
 * A file that is an unrendered Helm template. Beside other files it is left out with a note (the
 * rest is judged); when nothing else was given it is the input's one-line error.
 */
export class HelmTemplateError extends InputError {
	readonly where: string;
	static readonly advice = 'render it first: helm template RELEASE CHART | kubewire check --fixtures -';

	constructor(file: string, line: number) {
		const where = `${file}${line > 0 ? `:${line}` : ''}`;
		super(`${where}: an unrendered Helm template ({{ … }}); ${HelmTemplateError.advice}`);
		this.where = where;
	}
}

/** A document whose kind, apiVersion, name, namespace or keys still hold `{{ … }}`: a template, not an object. */
export function templatedIdentity(doc: unknown): boolean {
	if (!isObject(doc)) return false;
	const meta = isObject(doc['metadata']) ? doc['metadata'] : {};
	// These four are strings in any object; a mapping there is `{{ … }}` read as YAML flow style.
	const unrendered = (v: unknown) => (typeof v === 'string' && v.includes('{{')) || isObject(v);
	return [doc['kind'], doc['apiVersion'], meta['name'], meta['namespace']].some(unrendered) ||
		Object.keys(doc).some((k) => k.includes('{{')) ||
		Object.keys(meta).some((k) => k.includes('{{'));
}
