/**
 * Which controller serves an Ingress, judged as the controllers in the input run (model/
 * controllers.ts reads their flags), not only from the Ingress and the IngressClasses:
 * - ingress-nginx serves class-less Ingresses when started with --watch-ingress-without-class;
 * - it serves the class it claims: IngressClasses whose spec.controller is its --controller-class,
 *   and its --ingress-class name (the legacy annotation, or a class name without an object);
 * - GKE's controller (IngressClass controller k8s.io/ingress-gce) serves class-less Ingresses by design;
 *   `route` reads its ImplementationSpecific paths as its URL map does (gce-path.ts);
 * - Traefik and Contour serve them by default, and an IngressClass of theirs says they are installed;
 * - with another controller's IngressClass installed, whose handling is not known, nothing is claimed.
 * Without any controller in the input nothing is claimed: another one may well serve it.
 */
import type { IngressClass, Snapshot } from '../../cluster/snapshot.js';
import { ingressControllers, ingressNginxController, type IngressControllerRun } from '../controllers.js';
import type { ClassChoice } from './class.js';
import type { RouteMode } from './route.js';

/** GKE's Ingress controller (ingress-gce), as an IngressClass's spec.controller names it. */
export const gceControllers: ReadonlySet<string> = new Set(['k8s.io/ingress-gce', 'networking.gke.io/ingress-gce']);

/** Controllers that serve Ingresses without a class unless told otherwise: GKE's. */
export const classlessByDesign = gceControllers;

/**
 * The kubernetes.io/ingress.class values GKE's controller serves (an external and an internal
 * load balancer). GKE reads the annotation, not an IngressClass object, so the name alone says
 * whose controller it is.
 */
export const gceClassNames: ReadonlySet<string> = new Set(['gce', 'gce-internal']);

/** The chosen class is served by GKE's controller: its IngressClass names it, or (without one) its name is gce/gce-internal. */
export function isGceClass(choice: Pick<ClassChoice, 'name' | 'ingressClass'>): boolean {
	return choice.ingressClass ? gceControllers.has(choice.ingressClass.controller) : gceClassNames.has(choice.name);
}

/**
 * Controllers that serve Ingresses without a class when started without a class of their own,
 * which is how they install: Traefik's kubernetesIngress provider (without
 * --providers.kubernetesingress.ingressclass it takes Ingresses that name no class) and Contour
 * (without --ingress-class-name). Their flags are not read; their default is assumed.
 */
export const classlessByDefault: ReadonlyMap<string, string> = new Map([
	['traefik.io/ingress-controller', 'Traefik, which serves Ingresses without a class unless started with --providers.kubernetesingress.ingressclass'],
	['projectcontour.io/ingress-controller', 'Contour, which serves Ingresses without a class unless started with --ingress-class-name'],
]);

/** The runs that serve class `name` (its IngressClass object, when the input has it). */
export function runsServing(runs: readonly IngressControllerRun[], name: string, ingressClass?: IngressClass): IngressControllerRun[] {
	return runs.filter((run) => (ingressClass ? ingressClass.controller === run.controllerClass : run.ingressClass === name));
}

export type ClasslessVerdict =
	| { served: true; by: string }
	| { served: false; reason: string }
	/** No controller in the input says either way. */
	| { served: undefined };

/**
 * Whether an Ingress that names no class is served (by the controllers of `className` when
 * given, else by any), from the controllers the input shows running.
 */
export function classlessServing(snapshot: Snapshot, className?: string): ClasslessVerdict {
	const byDesign = snapshot.ingressClasses.find((c) => classlessByDesign.has(c.controller) && (className === undefined || c.name === className));
	if (byDesign) return { served: true, by: `the controller of IngressClass ${byDesign.name} (${byDesign.controller}), which serves Ingresses without a class` };
	const byDefault = snapshot.ingressClasses.find((c) => classlessByDefault.has(c.controller) && (className === undefined || c.name === className));
	if (byDefault) return { served: true, by: `the controller of IngressClass ${byDefault.name}: ${classlessByDefault.get(byDefault.controller)}` };
	const all = ingressControllers(snapshot);
	const cls = className === undefined ? undefined : snapshot.ingressClasses.find((c) => c.name === className);
	const runs = className === undefined ? all : runsServing(all, className, cls);
	const watching = runs.find((run) => run.watchWithoutClass);
	if (watching) return { served: true, by: `ingress-nginx in ${watching.evidence}, which runs with --watch-ingress-without-class=true` };
	if (runs.length === 0) return { served: undefined };
	// Asked about any controller: another one's IngressClass is installed, and how that controller
	// treats Ingresses without a class is not known here.
	const others = className === undefined ? snapshot.ingressClasses.filter((c) => c.controller !== ingressNginxController && !runs.some((run) => run.controllerClass === c.controller)) : [];
	if (others.length > 0) return { served: undefined };
	return { served: false, reason: `ingress-nginx in ${runs[0]!.evidence} ignores Ingresses without a class (--watch-ingress-without-class is not set)` };
}

/**
 * How `route` answers for the chosen class: as ingress-nginx does when the class's controller is
 * ingress-nginx (its IngressClass names k8s.io/ingress-nginx, or an ingress-nginx in the input
 * serves the class), as GCE's URL map does when it is GKE's, else by the Ingress specification.
 */
export function routeModeFor(snapshot: Snapshot, choice: ClassChoice): RouteMode {
	if (choice.ingressClass?.controller === ingressNginxController) return 'ingress-nginx';
	if (isGceClass(choice)) return 'gce';
	if (choice.name === '') return 'spec';
	return runsServing(ingressControllers(snapshot), choice.name, choice.ingressClass).length > 0 ? 'ingress-nginx' : 'spec';
}
