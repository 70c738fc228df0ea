/**
 * Reads the kubeconfig the way kubectl does: --kubeconfig, else every file in $KUBECONFIG merged
 * (the first file to define a name or a current-context wins, where client-node would throw on a
 * duplicate), else ~/.kube/config, else the in-cluster service account. Then picks the context.
 * client-node is loaded lazily: commands reading files never pay for it.
 */
import { readFileSync } from 'node:fs';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { InputError } from '../../errors.js';
import { findKubeconfig, NoKubeconfigError } from '../kubeconfig-presence.js';
import type { Target } from './errors.js';

export interface ResolvedKubeconfig {
	/** A KubeConfig holding only the chosen context, its cluster and user: what requests use. */
	kc: KubeConfig;
	target: Target;
	cluster: Cluster;
	user?: User;
	/** The context's namespace, '' when it names none. */
	namespace: string;
	/** Where the configuration came from, for messages. */
	sources: string[];
}

export interface KubeconfigRequest {
	kubeconfig?: string;
	context?: string;
}

type ClientNode = typeof import('@kubernetes/client-node');

function firstLine(text: string): string {
	return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

function readOne(k8s: ClientNode, file: string): KubeConfig | undefined {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new InputError(`kubeconfig ${file}: ${firstLine((error as Error).message)}`);
	}
	// kubectl skips empty files in $KUBECONFIG; client-node would crash on them.
	if (text.trim() === '') return undefined;
	const kc = new k8s.KubeConfig();
	try {
		kc.loadFromFile(file);
	} catch (error) {
		throw new InputError(`kubeconfig ${file}: not a valid kubeconfig (${firstLine((error as Error).message)})`);
	}
	return kc;
}

function addFirst<T extends { name: string }>(into: T[], items: T[] | undefined): void {
	for (const item of items ?? []) if (!into.some((existing) => existing.name === item.name)) into.push(item);
}

function contextList(contexts: Context[]): string {
	return contexts.length === 0 ? 'none' : contexts.map((c) => c.name).join(', ');
}

/** Every file of the kubeconfig merged the way kubectl merges them (see the file comment). */
interface MergedKubeconfig {
	k8s: ClientNode;
	clusters: Cluster[];
	users: User[];
	contexts: Context[];
	currentContext: string;
	sources: string[];
}

async function mergeKubeconfig(request: KubeconfigRequest, env: NodeJS.ProcessEnv): Promise<MergedKubeconfig> {
	const found = findKubeconfig(request.kubeconfig, env);
	const k8s: ClientNode = await import('@kubernetes/client-node');
	const clusters: Cluster[] = [];
	const users: User[] = [];
	const contexts: Context[] = [];
	let currentContext = '';
	if (found.inCluster) {
		const kc = new k8s.KubeConfig();
		kc.loadFromCluster();
		addFirst(clusters, kc.getClusters());
		addFirst(users, kc.getUsers());
		addFirst(contexts, kc.getContexts());
		currentContext = kc.getCurrentContext();
	}
	for (const file of found.files) {
		const kc = readOne(k8s, file);
		if (!kc) continue;
		addFirst(clusters, kc.getClusters());
		addFirst(users, kc.getUsers());
		addFirst(contexts, kc.getContexts());
		if (!currentContext) currentContext = kc.getCurrentContext() ?? '';
	}
	const sources = found.inCluster ? ['in-cluster service account'] : found.files;
	if (contexts.length === 0) {
		throw new NoKubeconfigError(`no usable kubeconfig (${sources.join(', ')} defines no context)`);
	}
	return { k8s, clusters, users, contexts, currentContext, sources };
}

export interface KubeconfigContext {
	name: string;
	/** The server of its cluster ('' when the cluster is not defined). */
	server: string;
	/** The context's namespace, '' when it names none. */
	namespace: string;
}

/** The kubeconfig's contexts in file order, and the current one: what the TUI's `:ctx` lists. */
export async function listContexts(request: KubeconfigRequest, env: NodeJS.ProcessEnv): Promise<{ contexts: KubeconfigContext[]; current: string }> {
	const merged = await mergeKubeconfig(request, env);
	return {
		current: merged.currentContext,
		contexts: merged.contexts.map((c) => ({
			name: c.name,
			server: merged.clusters.find((cluster) => cluster.name === c.cluster)?.server ?? '',
			namespace: c.namespace ?? '',
		})),
	};
}

export async function loadKubeconfig(request: KubeconfigRequest, env: NodeJS.ProcessEnv): Promise<ResolvedKubeconfig> {
	const { k8s, clusters, users, contexts, currentContext, sources } = await mergeKubeconfig(request, env);
	const name = request.context ?? currentContext;
	if (!name) {
		throw new InputError(`the kubeconfig sets no current-context; choose one with --context (contexts: ${contextList(contexts)})`);
	}
	const context = contexts.find((c) => c.name === name);
	if (!context) throw new InputError(`context "${name}" not found in the kubeconfig (contexts: ${contextList(contexts)})`);
	const cluster = clusters.find((c) => c.name === context.cluster);
	if (!cluster) throw new InputError(`context ${name}: cluster "${context.cluster}" is not defined in the kubeconfig`);
	if (!cluster.server) throw new InputError(`context ${name}: cluster "${cluster.name}" has no server`);
	try {
		new URL(cluster.server);
	} catch {
		throw new InputError(`context ${name}: server "${cluster.server}" is not a URL`);
	}
	const user = users.find((u) => u.name === context.user);
	if (context.user && !user) throw new InputError(`context ${name}: user "${context.user}" is not defined in the kubeconfig`);
	// client-node refuses plain-http servers unless TLS checks are off; over http there is no TLS to
	// check, so the copy used for credentials says so (kubectl talks to http servers too).
	const forCredentials: Cluster = cluster.server.startsWith('http:') ? { ...cluster, skipTLSVerify: true } : cluster;
	const kc = new k8s.KubeConfig();
	kc.loadFromOptions({
		clusters: [forCredentials],
		users: user ? [user] : [],
		contexts: [context],
		currentContext: name,
	});
	return {
		kc,
		target: { context: name, server: cluster.server },
		cluster,
		user,
		namespace: context.namespace ?? '',
		sources,
	};
}
