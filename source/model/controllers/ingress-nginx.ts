/**
 * ingress-nginx: recognised by its image or binary; its defaults are those of its current release
 * (class "nginx", controller "k8s.io/ingress-nginx", class-less Ingresses ignored, every
 * namespace watched: pkg/flags/flags.go).
 */
import type { Container } from '../../cluster/snapshot.js';
import { booleanFlag, commandLine, flagValue } from './flags.js';
import type { NginxSettings } from './run.js';

export const ingressNginxController = 'k8s.io/ingress-nginx';

/** True for a container that runs ingress-nginx's controller binary. */
export function isIngressNginx(container: Container): boolean {
	return (
		/ingress-nginx\/controller|nginx-ingress-controller/.test(container.image) ||
		container.command.some((c) => c.endsWith('/nginx-ingress-controller')) ||
		container.args.some((a) => a === '/nginx-ingress-controller' || a.endsWith('/nginx-ingress-controller'))
	);
}

export function nginxSettings(container: Container): NginxSettings {
	const args = commandLine(container);
	return {
		implementation: 'ingress-nginx',
		controllerClass: flagValue(args, 'controller-class') || ingressNginxController,
		ingressClass: flagValue(args, 'ingress-class') || 'nginx',
		watchWithoutClass: booleanFlag(args, 'watch-ingress-without-class'),
		classByName: booleanFlag(args, 'ingress-class-by-name'),
		watchNamespace: literal(flagValue(args, 'watch-namespace') ?? ''),
		watchNamespaceSelector: literal(flagValue(args, 'watch-namespace-selector') ?? ''),
	};
}

/**
 * A flag value as the controller sees it, or undefined when it holds a `$(VAR)` the kubelet
 * expands from the container's environment (the chart writes --watch-namespace=$(POD_NAMESPACE)),
 * which kubewire does not keep.
 */
function literal(value: string): string | undefined {
	return value.includes('$(') ? undefined : value;
}
