/**
 * Contour's `contour serve` (not its certgen Job nor the shutdown-manager beside Envoy, which run
 * the same image). Its Ingress classes are --ingress-class-name, comma-separated (contour
 * cmd/contour/servecontext.go), or a ContourConfiguration's spec.ingress.classNames when it is
 * started with --contour-config-name (not in kubewire's input: unknown).
 */
import type { Container } from '../../cluster/snapshot.js';
import { commandLine, flagValue } from './flags.js';
import type { ContourSettings } from './run.js';

export const contourController = 'projectcontour.io/ingress-controller';

/** Contour's default class name, matched when no class is configured (contour internal/ingressclass DefaultClassName). */
export const contourDefaultClass = 'contour';

export function isContourServe(container: Container): boolean {
	return /(^|\/)contour(:|@|$)/.test(container.image) && commandLine(container).includes('serve');
}

export function contourSettings(container: Container): ContourSettings {
	const args = commandLine(container);
	if (flagValue(args, 'contour-config-name') !== undefined) return { implementation: 'contour', classNames: undefined };
	const names = flagValue(args, 'ingress-class-name');
	return { implementation: 'contour', classNames: names ? names.split(',').filter((n) => n !== '') : [] };
}
