/**
 * Traefik's kubernetesIngress provider. Its static configuration comes from the first of a
 * configuration file (--configfile, or /etc/traefik/traefik.yml and other default places), the
 * command line, the environment (traefik cmd/traefik/traefik.go: FileLoader, FlagLoader,
 * EnvLoader, in that order); flag names are case-insensitive. The Helm chart sets it all with
 * arguments. kubewire reads the arguments; with a --configfile, or no provider on the command
 * line at all, its settings are unknown.
 */
import type { Container } from '../../cluster/snapshot.js';
import { commandLine, flagValue } from './flags.js';
import type { TraefikSettings } from './run.js';

export const traefikController = 'traefik.io/ingress-controller';

/** The official image (traefik, docker.io/traefik, …) and k3s's mirror of it. */
export function isTraefik(container: Container): boolean {
	return /(^|\/)(mirrored-library-)?traefik(:|@|$)/.test(container.image);
}

/** Undefined when the command line enables providers but not kubernetesIngress: then it serves no Ingress. */
export function traefikSettings(container: Container): TraefikSettings | undefined {
	const args = commandLine(container);
	const lower = args.map((a) => a.toLowerCase());
	const unknown: TraefikSettings = { implementation: 'traefik', ingressClass: undefined };
	if (lower.some((a) => a.startsWith('--configfile') || a.startsWith('--traefik.configfile'))) return unknown;
	if (!lower.some((a) => a.startsWith('--providers.'))) return unknown;
	if (!lower.some((a) => a.startsWith('--providers.kubernetesingress'))) return undefined;
	return { implementation: 'traefik', ingressClass: flagValue(args, 'providers.kubernetesingress.ingressclass', true) ?? '' };
}
