/**
 * Whether a Secret an Ingress's TLS or a Gateway listener's certificateRef names exists, judged
 * once for both (KW504, KW705). Undefined, not judged, when the Secrets of its namespace were not
 * read, or when the input holds what will make it: a custom resource (cluster/secret-makers.ts),
 * or cert-manager's annotation on the Ingress or Gateway itself (its ingress-shim and
 * gateway-shim make a Certificate for each TLS secret named there).
 */
import type { Labels } from '../cluster/snapshot.js';
import type { ModelContext } from './context.js';

const certManagerAnnotations = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer', 'kubernetes.io/tls-acme'];

interface SecretIndex {
	present: Set<string>;
	made: Map<string, string>;
}

const indexes = new WeakMap<ModelContext, SecretIndex>();

function indexOf(ctx: ModelContext): SecretIndex {
	let index = indexes.get(ctx);
	if (!index) {
		const present = new Set(ctx.snapshot.secrets.map((s) => `${s.namespace}/${s.name}`));
		const made = new Map((ctx.snapshot.secretMakers ?? []).map((m) => [`${m.namespace}/${m.name}`, m.by] as const));
		indexes.set(ctx, (index = { present, made }));
	}
	return index;
}

/** Who will make the Secret once applied, when the input says: "Certificate shop/web (cert-manager)". */
function secretMaker(ctx: ModelContext, namespace: string, name: string, requester?: { kind: string; namespace: string; name: string; annotations: Labels }): string | undefined {
	const made = indexOf(ctx).made.get(`${namespace}/${name}`);
	if (made) return made;
	const annotation = requester ? certManagerAnnotations.find((a) => a in requester.annotations && requester.annotations[a] !== 'false') : undefined;
	return annotation && requester ? `cert-manager, as ${annotation} on ${requester.kind} ${requester.namespace}/${requester.name} asks` : undefined;
}

/** True or false when judged; undefined when the namespace's Secrets were not read or something in the input will make it. */
export function secretExists(ctx: ModelContext, namespace: string, name: string, requester?: { kind: string; namespace: string; name: string; annotations: Labels }): boolean | undefined {
	if (!ctx.readable.canRead('secrets', namespace)) return undefined;
	if (indexOf(ctx).present.has(`${namespace}/${name}`)) return true;
	return secretMaker(ctx, namespace, name, requester) ? undefined : false;
}
