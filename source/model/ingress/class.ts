/**
 * Which controller an Ingress belongs to. A routing table exists per IngressClass: a controller
 * only sees the Ingresses of its class, so "which backend gets this URL?" needs a class first.
 *
 * An Ingress names its class with `spec.ingressClassName` or the older
 * `kubernetes.io/ingress.class` annotation. The API server refuses an Ingress whose two differ
 * only on create, so an object edited since can carry both, disagreeing. The API reference says
 * the annotation then wins, but most controllers read the field first: ingress-nginx
 * (internal/ingress/controller/store/store.go GetIngressClass), Traefik (shouldProcessIngress)
 * and haproxytech (which reads only the field). kubewire takes the field, as they do, and keeps
 * the annotation in `disagreement` for the controllers that read it first (Contour, GKE's) or
 * take either (Kong's): judges.ts and servers.ts. The default IngressClass is written into
 * `ingressClassName` by admission when an Ingress is created without a class; a stored Ingress
 * without a class stays unclassed, and controllers ignore it.
 */
import type { Ingress, IngressClass, Snapshot } from '../../cluster/snapshot.js';
import type { Readability } from '../readable.js';
import { gceClassNames } from './gce-classes.js';
import { whoServes, type ServeVerdict } from './servers.js';

export const legacyClassAnnotation = 'kubernetes.io/ingress.class';

export interface IngressClassRef {
	/** The class the Ingress asks for; '' when it names none. */
	name: string;
	/** Where that name came from. */
	source: 'field' | 'annotation' | 'none';
	/** Set when the field and the annotation both name a class and they differ. */
	disagreement?: { field: string; annotation: string };
	/** The Ingress's namespace: a controller may watch only some. Unset when a class, not an Ingress, is asked about. */
	namespace?: string;
}

export function classOf(ingress: Ingress): IngressClassRef {
	const field = ingress.ingressClassName ?? '';
	const annotation = ingress.annotations[legacyClassAnnotation] ?? '';
	const namespace = ingress.namespace;
	if (field !== '') {
		return annotation !== '' && annotation !== field
			? { name: field, source: 'field', disagreement: { field, annotation }, namespace }
			: { name: field, source: 'field', namespace };
	}
	if (annotation !== '') return { name: annotation, source: 'annotation', namespace };
	return { name: '', source: 'none', namespace };
}

/**
 * One line on an Ingress whose field and annotation name different classes. Not a finding: no
 * catalogue code says this (KW505 is about a class that names no IngressClass), so it is a note
 * where the Ingress is shown.
 */
export function disagreementNote(ref: IngressClassRef): string | undefined {
	const d = ref.disagreement;
	if (!d) return undefined;
	return `ingressClassName ${d.field} and annotation ${legacyClassAnnotation} ${d.annotation} disagree: kubewire goes by the field, as ingress-nginx, Traefik and haproxytech do (Contour and GKE's controller read the annotation first, Kong's takes either); remove the annotation`;
}

/**
 * Newest first, then by name: with several default classes, the admission plugin (Kubernetes
 * 1.25 and later) applies the newest one.
 */
export function defaultClasses(classes: readonly IngressClass[]): IngressClass[] {
	return classes
		.filter((c) => c.isDefault)
		.sort((a, b) => cmp(b.creationTimestamp ?? '', a.creationTimestamp ?? '') || cmp(a.name, b.name));
}

/** How the table's class was chosen; `reason` is one line for the report. */
export interface ClassChoice {
	/** The class name whose Ingresses make the table; '' with `everything` or when none was chosen. */
	name: string;
	/** The IngressClass object, when one of that name exists. */
	ingressClass?: IngressClass;
	how: 'flag' | 'default' | 'only' | 'named' | 'everything' | 'none';
	/** True when no IngressClass could be read or none exists: Ingresses are grouped by the name they give. */
	withoutClassObjects: boolean;
	/** Every class name an operator could pass to --class. */
	candidates: string[];
	reason: string;
}

/**
 * The table's class: the one asked for, else the default IngressClass, else the only one. When
 * the input holds no IngressClass (a namespace dump, or no permission to read them), the class
 * the Ingresses name is used when they name just one, and with none named every Ingress is shown
 * as if one controller served them all; the reason says so.
 */
export function chooseClass(snapshot: Snapshot, readable: Readability, requested?: string): ClassChoice {
	const classes = snapshot.ingressClasses;
	const named = [...new Set(snapshot.ingresses.map((i) => classOf(i).name).filter((n) => n !== ''))].sort();
	const withoutClassObjects = classes.length === 0 || !readable.canRead('ingressclasses');
	const candidates = [...new Set([...classes.map((c) => c.name), ...named])].sort();
	const byName = (name: string) => classes.find((c) => c.name === name);
	if (requested !== undefined && requested !== '') {
		const ingressClass = byName(requested);
		// With IngressClasses not given (or not readable), their absence says nothing of controllers.
		const reason = ingressClass
			? `IngressClass ${requested} (controller ${ingressClass.controller || 'not set'}), chosen with --class`
			: gceClassNames.has(requested)
				? `class ${requested}, chosen with --class: GKE's Ingress controller serves the Ingresses whose ${legacyClassAnnotation} annotation is ${requested}, without an IngressClass`
				: readable.canRead('ingressclasses')
				? byNameReason(snapshot, requested)
				: `class ${requested}, chosen with --class; IngressClasses ${readable.notInInput('ingressclasses') ? 'are not in the input' : 'could not be read'}, so which controller serves it is not known`;
		return { name: requested, ingressClass, how: 'flag', withoutClassObjects, candidates, reason };
	}
	const defaults = defaultClasses(classes);
	if (defaults.length > 0) {
		const chosen = defaults[0]!;
		const others = defaults.length > 1 ? `; ${defaults.length} classes are marked default (${defaults.map((d) => d.name).join(', ')}), the newest is used` : '';
		return {
			name: chosen.name,
			ingressClass: chosen,
			how: 'default',
			withoutClassObjects,
			candidates,
			reason: `default IngressClass ${chosen.name} (controller ${chosen.controller || 'not set'})${others}`,
		};
	}
	if (classes.length === 1) {
		const only = classes[0]!;
		return {
			name: only.name,
			ingressClass: only,
			how: 'only',
			withoutClassObjects,
			candidates,
			reason: `IngressClass ${only.name} (controller ${only.controller || 'not set'}), the only one`,
		};
	}
	if (classes.length > 1) {
		return {
			name: '',
			how: 'none',
			withoutClassObjects,
			candidates,
			reason: `${classes.length} IngressClasses and none is the default: choose one with --class (${candidates.join(', ')})`,
		};
	}
	const why = readable.canRead('ingressclasses') || readable.notInInput('ingressclasses') ? 'the input holds no IngressClass' : 'IngressClasses could not be read';
	if (named.length === 1) {
		return {
			name: named[0]!,
			how: 'named',
			withoutClassObjects,
			candidates,
			reason: `class ${named[0]} as the Ingresses name it (${why})`,
		};
	}
	if (named.length === 0) {
		return {
			name: '',
			how: 'everything',
			withoutClassObjects,
			candidates,
			reason: `every Ingress, as if one controller served them all (${why}, and no Ingress names a class)`,
		};
	}
	return {
		name: '',
		how: 'none',
		withoutClassObjects,
		candidates,
		reason: `the Ingresses name ${named.length} classes (${why}): choose one with --class (${named.join(', ')})`,
	};
}

/** Without an IngressClass of the name, Contour and Kong still take it by name (servers.ts). */
function byNameReason(snapshot: Snapshot, requested: string): string {
	// ingress-nginx takes its --ingress-class by the annotation alone, with no IngressClass of that name.
	const byField = whoServes(snapshot, { name: requested, source: 'field' });
	const verdict = byField.served === true ? byField : whoServes(snapshot, { name: requested, source: 'annotation' });
	const head = `class ${requested}, chosen with --class; no IngressClass of that name is in the input`;
	if (verdict.served === true) return `${head}, and ${verdict.by}`;
	if (verdict.served === undefined) return `${head}; which controller serves it is not known`;
	return `${head}, so no controller serves these Ingresses`;
}

/**
 * Whether the table of `choice` holds the Ingress, and if not, why it was left out. `classless`
 * says whether the class's controller, as the input shows it running, serves Ingresses that name
 * no class (controller-classes.ts); undefined when the input does not show it.
 */
export function membership(
	ingress: Ingress,
	choice: ClassChoice,
	classless?: ServeVerdict,
	byRuns?: (ref: IngressClassRef) => ServeVerdict | undefined,
): { member: true } | { member: false; reason: string } {
	const ref = classOf(ingress);
	if (choice.how === 'everything') return { member: true };
	if (choice.how === 'none') return { member: false, reason: 'no class was chosen (use --class)' };
	// The class's running controllers, where the input shows them all, decide by their own rules
	// (servers.ts runsOfClassServe), the Ingress's namespace included; else the class name the
	// Ingress gives decides.
	const verdict = byRuns?.(ref);
	if (ref.source === 'none' && classless?.served === true) {
		return verdict?.served === false ? { member: false, reason: `no class, and ${verdict.reason}` } : { member: true };
	}
	if (ref.source === 'none') {
		return { member: false, reason: 'no class: neither ingressClassName nor the kubernetes.io/ingress.class annotation is set' };
	}
	const how = ref.source === 'field' ? 'ingressClassName' : 'annotation kubernetes.io/ingress.class';
	if (verdict?.served === true) return { member: true };
	if (verdict?.served === false && ref.name === choice.name) return { member: false, reason: `${how} is ${ref.name}, but ${verdict.reason}` };
	if (verdict === undefined || verdict.served === undefined) {
		if (ref.name === choice.name) return { member: true };
	}
	// The annotation names this class: say why the field was taken instead.
	const note = ref.disagreement?.annotation === choice.name ? `; ${disagreementNote(ref)}` : '';
	return { member: false, reason: `${how} is ${ref.name}, not ${choice.name}${note}` };
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
