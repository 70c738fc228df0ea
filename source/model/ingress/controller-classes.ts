/**
 * How `route` reads the paths of the chosen class: as its controller does. Who serves which
 * class is servers.ts's answer; this only picks the matching rules.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import { ingressNginxController } from '../controllers.js';
import type { ClassChoice } from './class.js';
import { isGceClass } from './gce-classes.js';
import type { RouteMode } from './route.js';
import { serversOfClass } from './servers.js';

/**
 * As ingress-nginx does when the class's controller is ingress-nginx (its IngressClass names
 * k8s.io/ingress-nginx, or an ingress-nginx in the input serves the class), as GCE's URL map does
 * when it is GKE's (gce-path.ts), else by the Ingress specification.
 */
export function routeModeFor(snapshot: Snapshot, choice: ClassChoice): RouteMode {
	if (choice.ingressClass?.controller === ingressNginxController) return 'ingress-nginx';
	if (isGceClass(choice)) return 'gce';
	if (choice.name === '') return 'spec';
	return serversOfClass(snapshot, choice.name).some((s) => s.run?.implementation === 'ingress-nginx') ? 'ingress-nginx' : 'spec';
}
