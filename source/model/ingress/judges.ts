/**
 * Whether one controller, as the input shows it running, takes an Ingress that names a class
 * (by spec.ingressClassName or the legacy annotation) or none. Each rule is the controller's
 * own, read in its source:
 * - ingress-nginx (internal/ingress/controller/store/store.go GetIngressClass): the field must
 *   name an IngressClass it holds, one of its --controller-class or, with --ingress-class-by-name,
 *   the one named --ingress-class (the object must exist); the annotation must equal
 *   --ingress-class; no class only with --watch-ingress-without-class; and only in the
 *   namespaces it watches (--watch-namespace, --watch-namespace-selector).
 * - Traefik (pkg/provider/kubernetes/ingress/kubernetes.go shouldProcessIngress): the field must
 *   name an IngressClass of controller traefik.io/ingress-controller (and equal
 *   --providers.kubernetesingress.ingressclass when set); the annotation must equal that flag,
 *   or be "traefik" or absent when the flag is not set.
 * - Contour (internal/ingressclass/ingressclass.go MatchesIngress): by name only, no IngressClass
 *   needed, the annotation before the field: without --ingress-class-name, no class or
 *   "contour"; with it, one of its names.
 * - Kong (internal/controllers/utils/ingress_predicates.go MatchesIngressClass): field or
 *   annotation (either) equal to its --ingress-class, no IngressClass needed; no class only while the
 *   IngressClass of its name is marked default (looked up when it reconciles).
 * - haproxytech (pkg/store/store.go IsIngressClassSupported): reads only the field; the class's
 *   IngressClass (for none, the default one) must be of its controller; without --ingress.class
 *   it also takes class-less Ingresses when no class is the default, with it only with
 *   --empty-ingress-class.
 * `serves` is undefined where the input does not hold what the controller would decide by.
 */
import type { IngressClass, Namespace } from '../../cluster/snapshot.js';
import { parseSelectorText } from '../selector-text.js';
import { matchesLabelSelector } from '../selectors.js';
import { contourController, contourDefaultClass } from '../controllers/contour.js';
import { kongController } from '../controllers/kong.js';
import type { ContourSettings, HaproxytechSettings, IngressControllerRun, KongSettings, NginxSettings, TraefikSettings } from '../controllers/run.js';
import { traefikController } from '../controllers/traefik.js';
import type { IngressClassRef } from './class.js';

export interface Judgement {
	serves: boolean | undefined;
	/** Why, for a message: what it runs with or what it lacks. */
	why: string;
}

/** The IngressClasses a controller would see; `known` false when the input does not hold them. */
export interface ClassView {
	classes: readonly IngressClass[];
	known: boolean;
	/** The input's Namespaces, for a controller that watches those a label selector picks. */
	namespaces?: readonly Namespace[];
}


const unknownClasses: Judgement = { serves: undefined, why: 'the IngressClasses it would look up are not in the input' };

/**
 * ingress-nginx's informers list one namespace with --watch-namespace, and its store drops the
 * Ingresses of namespaces --watch-namespace-selector does not select (store.go New:
 * informers.WithNamespace, watchedNamespace); the two flags exclude each other (pkg/flags). The
 * selector needs the Namespace's labels: without the Namespace in the input, nothing is known.
 * Undefined when the namespace does not decide.
 */
function nginxWatches(run: NginxSettings, namespace: string | undefined, view: ClassView): Judgement | undefined {
	if (namespace === undefined) return undefined;
	const only = run.watchNamespace;
	if (only === undefined) return { serves: undefined, why: 'watches the namespace its --watch-namespace takes from a variable the input does not resolve' };
	if (only !== '' && only !== namespace) return { serves: false, why: `watches only namespace ${only} (--watch-namespace)` };
	const text = run.watchNamespaceSelector;
	if (text === '') return undefined;
	const selector = text === undefined ? undefined : parseSelectorText(text);
	const object = view.namespaces?.find((n) => n.name === namespace);
	if (!selector || !object) return { serves: undefined, why: `watches the namespaces its --watch-namespace-selector picks, and the input does not show whether ${namespace} is one` };
	// The API server labels every Namespace with its name (since 1.21); a manifest does not write it.
	const labels = { ...object.labels, 'kubernetes.io/metadata.name': object.name };
	return matchesLabelSelector(selector, labels) ? undefined : { serves: false, why: `watches only namespaces labelled ${text} (--watch-namespace-selector), and ${namespace} is not` };
}

/** False when the run is known not to watch `namespace` (only ingress-nginx's flags are read for it). */
export function runWatchesNamespace(run: IngressControllerRun, namespace: string, view: ClassView): boolean | undefined {
	if (run.implementation !== 'ingress-nginx') return undefined;
	const watches = nginxWatches(run, namespace, view);
	return watches ? watches.serves : true;
}

function nginx(run: NginxSettings, ref: IngressClassRef, view: ClassView): Judgement {
	const watches = nginxWatches(run, ref.namespace, view);
	if (watches) return watches;
	if (ref.source === 'none') {
		return run.watchWithoutClass
			? { serves: true, why: 'runs with --watch-ingress-without-class=true' }
			: { serves: false, why: 'ignores Ingresses without a class (--watch-ingress-without-class is not set)' };
	}
	if (ref.source === 'annotation') return { serves: ref.name === run.ingressClass, why: `takes the annotation value ${run.ingressClass} (--ingress-class)` };
	if (!view.known) return unknownClasses;
	const cls = view.classes.find((c) => c.name === ref.name);
	const serves = cls !== undefined && nginxClaims(run, cls);
	return { serves, why: serves ? `serves IngressClass ${ref.name}` : `takes only IngressClasses of controller ${run.controllerClass}` };
}

function traefik(run: TraefikSettings, ref: IngressClassRef, view: ClassView): Judgement {
	const flag = run.ingressClass;
	if (flag === undefined) return { serves: undefined, why: 'its settings are not on its command line' };
	const only = flag === '' ? '' : ` and only class ${flag} (--providers.kubernetesingress.ingressclass)`;
	if (ref.source === 'field') {
		if (!view.known) return unknownClasses;
		const serves = view.classes.some((c) => c.name === ref.name && c.controller === traefikController) && (flag === '' || ref.name === flag);
		return { serves, why: `takes IngressClasses of controller ${traefikController}${only}` };
	}
	if (ref.source === 'annotation') return { serves: ref.name === flag || (flag === '' && ref.name === 'traefik'), why: `takes the annotation value ${flag || 'traefik'}` };
	return flag === ''
		? { serves: true, why: 'serves Ingresses without a class (no --providers.kubernetesingress.ingressclass)' }
		: { serves: false, why: `takes only class ${flag} (--providers.kubernetesingress.ingressclass)` };
}

function contour(run: ContourSettings, ref: IngressClassRef): Judgement {
	const names = run.classNames;
	if (names === undefined) return { serves: undefined, why: 'its classes are in a ContourConfiguration (--contour-config-name)' };
	// The annotation comes first where the two disagree (class.ts takes the field).
	const name = ref.disagreement?.annotation ?? ref.name;
	if (names.length === 0) {
		return name === '' || name === contourDefaultClass
			? { serves: true, why: 'serves Ingresses without a class or of class contour (no --ingress-class-name)' }
			: { serves: false, why: 'takes only Ingresses without a class or of class contour' };
	}
	return names.includes(name)
		? { serves: true, why: `serves class ${name} (--ingress-class-name)` }
		: { serves: false, why: `takes only class ${names.join(', ')} (--ingress-class-name)` };
}

function kong(run: KongSettings, ref: IngressClassRef, view: ClassView): Judgement {
	const name = run.ingressClass;
	if (name === undefined) return { serves: undefined, why: 'its class is set from a value the input does not hold' };
	if (ref.source !== 'none') return { serves: ref.name === name || ref.disagreement?.annotation === name, why: `takes class ${name} by name` };
	if (!view.known) return unknownClasses;
	return view.classes.some((c) => c.name === name && c.isDefault)
		? { serves: true, why: `serves Ingresses without a class, its IngressClass ${name} being the default` }
		: { serves: false, why: `takes Ingresses without a class only while IngressClass ${name} is the default` };
}

function haproxytech(run: HaproxytechSettings, ref: IngressClassRef, view: ClassView): Judgement {
	if (ref.source === 'annotation') return { serves: false, why: 'reads only spec.ingressClassName' };
	if (!view.known) return unknownClasses;
	if (ref.source === 'field') {
		const serves = view.classes.some((c) => c.name === ref.name && c.controller === run.controllerClass);
		return { serves, why: `takes IngressClasses of controller ${run.controllerClass}` };
	}
	// It takes the first default class it meets in a map: with defaults of several controllers, unknown.
	const defaults = [...new Set(view.classes.filter((c) => c.isDefault).map((c) => c.controller))];
	if (defaults.length > 1) return { serves: undefined, why: 'several IngressClasses are marked default' };
	const byDefault = defaults[0];
	if (byDefault === run.controllerClass) return { serves: true, why: 'serves Ingresses without a class, its IngressClass being the default' };
	if (run.hasIngressClass) {
		return run.emptyIngressClass
			? { serves: true, why: 'serves Ingresses without a class (--empty-ingress-class)' }
			: { serves: false, why: 'takes Ingresses without a class only with --empty-ingress-class or its IngressClass as the default (--ingress.class is set)' };
	}
	return byDefault === undefined
		? { serves: true, why: 'serves Ingresses without a class while no IngressClass is the default' }
		: { serves: false, why: `leaves Ingresses without a class to the default IngressClass's controller ${byDefault}` };
}

/** Whether `run` takes an Ingress of `ref`. */
export function judgeRun(run: IngressControllerRun, ref: IngressClassRef, view: ClassView): Judgement {
	switch (run.implementation) {
		case 'ingress-nginx':
			return nginx(run, ref, view);
		case 'traefik':
			return traefik(run, ref, view);
		case 'contour':
			return contour(run, ref);
		case 'kong':
			return kong(run, ref, view);
		case 'haproxytech':
			return haproxytech(run, ref, view);
	}
}

function nginxClaims(run: NginxSettings, cls: IngressClass): boolean {
	return cls.controller === run.controllerClass || (run.classByName && cls.name === run.ingressClass);
}

/** The IngressClass is the run's own: its handling is the run's, not guessed from the class. */
export function runClaims(run: IngressControllerRun, cls: IngressClass): boolean {
	switch (run.implementation) {
		case 'ingress-nginx':
			return nginxClaims(run, cls);
		case 'traefik':
			return cls.controller === traefikController;
		case 'contour':
			return cls.controller === contourController;
		case 'kong':
			return cls.controller === kongController || cls.name === run.ingressClass;
		case 'haproxytech':
			return cls.controller === run.controllerClass;
	}
}
