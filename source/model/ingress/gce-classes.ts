/** GKE's Ingress controller (ingress-gce): how the input names it. */
import type { ClassChoice } from './class.js';

/** GKE's Ingress controller, as an IngressClass's spec.controller names it. */
export const gceControllers: ReadonlySet<string> = new Set(['k8s.io/ingress-gce', 'networking.gke.io/ingress-gce']);

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
