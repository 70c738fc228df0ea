/**
 * Custom resources that make pods through an operator: the Prometheus Operator's Prometheus and
 * Alertmanager, an Argo Rollout, a database or queue cluster. kubewire cannot plan their pods (the
 * operator decides names, ports and some labels), but in a manifest set a Service or
 * NetworkPolicy whose selector such an object carries is not "selecting nothing": the pods come
 * once it is applied. Recognised by shape, not by a list of operators: a namespaced object of a
 * kind kubewire does not read, outside the built-in API groups, whose spec sizes or templates pods.
 */
import { labelSelector, podTemplate } from './normalize.js';
import { int, isObject, obj, str, stringMap, type RawObject } from './raw.js';
import type { PodMaker } from './snapshot.js';
import { apiGroupOf } from '../model/api-group.js';

/** Groups of Kubernetes' own API (besides '' and *.k8s.io): their kinds make no pods through an operator. */
const builtinGroups = new Set(['apps', 'batch', 'autoscaling', 'policy', 'extensions']);

/**
 * Fields of a spec that size or template pods (replicas, a pod template, an image; CloudNativePG
 * counts `instances`). One level down, `replicas` sizes a component's pods (a Strimzi Kafka's
 * `kafka.replicas` before node pools).
 */
const podShapedFields = ['replicas', 'instances', 'template', 'podTemplate', 'podMetadata', 'image', 'containers'];

function isPodShaped(spec: RawObject): boolean {
	return podShapedFields.some((field) => field in spec) || Object.values(spec).some((part) => isObject(part) && 'replicas' in part);
}


/** The object as a pod maker, or undefined when it does not look like one. `namespace` is where it goes when it names none. */
export function toPodMaker(kind: string, raw: RawObject, namespace: string): PodMaker | undefined {
	const apiVersion = str(raw['apiVersion']);
	const group = apiGroupOf(apiVersion);
	if (group === '' || group.endsWith('.k8s.io') || builtinGroups.has(group)) return undefined;
	const spec = raw['spec'];
	if (!isObject(spec) || !isPodShaped(spec)) return undefined;
	const metadata = obj(raw['metadata']);
	const name = str(metadata['name']);
	if (name === '') return undefined;
	// The operator's pods carry the template's labels; kube-prometheus and most charts also label
	// the resource itself as its pods are labelled, so both count. A resource without labels is
	// kept too when the operator decides its pods (a CloudNativePG Cluster): a selector may name it
	// in the operator's words (model/pod-makers.ts). One with its own pod template but no label
	// anywhere (a Knative Service) would plan pods no selector can ask for: it stays unused.
	const main = templateLabels(spec);
	const labels = { ...stringMap(metadata['labels']), ...stringMap(main) };
	if (Object.keys(labels).length === 0 && hasFullTemplate(spec)) return undefined;
	const replicas = int(spec['replicas']);
	return {
		kind,
		apiVersion,
		namespace: str(metadata['namespace']) || namespace,
		name,
		labels,
		otherLabels: nestedLabels(spec, main),
		...(hasFullTemplate(spec) ? { template: podTemplate(spec['template']) } : {}),
		replicas: replicas === undefined || replicas < 0 ? 1 : replicas,
		...(isObject(spec['selector']) ? { selector: labelSelector(spec['selector']) } : {}),
		hasStatus: isObject(raw['status']),
	};
}

/**
 * The labels the pods' template gives them, where the resource has one: podMetadata holds them
 * itself, a template under metadata. Kept raw so the walk below can skip this very object.
 */
function templateLabels(spec: RawObject): unknown {
	const podMetadata = spec['podMetadata'];
	if (isObject(podMetadata) && isObject(podMetadata['labels'])) return podMetadata['labels'];
	for (const field of ['template', 'podTemplate']) {
		const labels = obj(obj(spec[field])['metadata'])['labels'];
		if (isObject(labels)) return labels;
	}
	return undefined;
}

/** Bounds on the walk: a spec is small, but a file may be hostile. */
const maxDepth = 10;
const maxSets = 32;

/** Every other non-empty `labels` map in the spec, at any depth (bounded). */
function nestedLabels(spec: RawObject, skip: unknown): Record<string, string>[] {
	const out: Record<string, string>[] = [];
	const walk = (value: unknown, depth: number): void => {
		if (depth > maxDepth || out.length >= maxSets) return;
		if (Array.isArray(value)) {
			for (const item of value) walk(item, depth + 1);
			return;
		}
		if (!isObject(value)) return;
		for (const [key, item] of Object.entries(value)) {
			if (key === 'labels' && isObject(item) && item !== skip) {
				const labels = stringMap(item);
				if (Object.keys(labels).length > 0 && out.length < maxSets) out.push(labels);
			} else walk(item, depth + 1);
		}
	};
	walk(spec, 0);
	return out;
}

/** spec.template is a PodTemplateSpec with containers: the operator makes its pods from it as written. */
function hasFullTemplate(spec: RawObject): boolean {
	const containers = obj(obj(spec['template'])['spec'])['containers'];
	return Array.isArray(containers) && containers.length > 0;
}
