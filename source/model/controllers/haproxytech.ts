/**
 * HAProxy Technologies' kubernetes-ingress (haproxytech; not jcmoraisjr's haproxy-ingress, which
 * is not read). Flags --ingress.class and --empty-ingress-class (pkg/utils/flags.go); the
 * IngressClass controller it takes is haproxy.org/ingress-controller, suffixed with
 * "/<ingress.class>" when that is set (pkg/store/store.go IsIngressClassSupported).
 */
import type { Container } from '../../cluster/snapshot.js';
import { booleanFlag, commandLine, flagValue } from './flags.js';
import type { HaproxytechSettings } from './run.js';

export const haproxytechController = 'haproxy.org/ingress-controller';

export function isHaproxytech(container: Container): boolean {
	return /haproxytech\/kubernetes-ingress/.test(container.image);
}

export function haproxytechSettings(container: Container): HaproxytechSettings {
	const args = commandLine(container);
	const cls = flagValue(args, 'ingress.class') ?? '';
	return {
		implementation: 'haproxytech',
		controllerClass: cls === '' ? haproxytechController : `${haproxytechController}/${cls}`,
		hasIngressClass: cls !== '',
		emptyIngressClass: booleanFlag(args, 'empty-ingress-class'),
	};
}
