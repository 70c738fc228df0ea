/**
 * Kong's Ingress controller (KIC). Every flag can also be given as the environment variable
 * CONTROLLER_<FLAG> (upper case, dashes as underscores), which the all-in-one manifests and the
 * chart use; a flag on the command line wins (KIC internal/cmd/rootcmd/env.go). Its class is
 * --ingress-class, default "kong" (internal/annotations DefaultIngressClass).
 */
import type { Container } from '../../cluster/snapshot.js';
import { commandLine, flagValue } from './flags.js';
import type { KongSettings } from './run.js';

export const kongController = 'ingress-controllers.konghq.com/kong';
export const kongDefaultClass = 'kong';

export function isKongController(container: Container): boolean {
	return /kong\/kubernetes-ingress-controller|kong-ingress-controller/.test(container.image);
}

export function kongSettings(container: Container): KongSettings {
	const flag = flagValue(commandLine(container), 'ingress-class');
	if (flag !== undefined) return { implementation: 'kong', ingressClass: flag };
	const env = container.env['CONTROLLER_INGRESS_CLASS'];
	// null: set from a ConfigMap or Secret the manifest only names.
	if (env === null) return { implementation: 'kong', ingressClass: undefined };
	return { implementation: 'kong', ingressClass: env ?? kongDefaultClass };
}
