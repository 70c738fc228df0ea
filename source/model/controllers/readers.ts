/** The Ingress controllers kubewire reads, each recognised by its container and read from its flags. */
import type { Container } from '../../cluster/snapshot.js';
import { contourSettings, isContourServe } from './contour.js';
import { haproxytechSettings, isHaproxytech } from './haproxytech.js';
import { isIngressNginx, nginxSettings } from './ingress-nginx.js';
import { isKongController, kongSettings } from './kong.js';
import type { ControllerSettings } from './run.js';
import { isTraefik, traefikSettings } from './traefik.js';

interface Reader {
	recognises(container: Container): boolean;
	/** Undefined when the container runs the controller but not as an Ingress controller. */
	settings(container: Container): ControllerSettings | undefined;
}

const readers: readonly Reader[] = [
	{ recognises: isIngressNginx, settings: nginxSettings },
	{ recognises: isTraefik, settings: traefikSettings },
	{ recognises: isContourServe, settings: contourSettings },
	{ recognises: isKongController, settings: kongSettings },
	{ recognises: isHaproxytech, settings: haproxytechSettings },
];

/** The container's Ingress controller settings, if it runs one kubewire reads. */
export function controllerSettings(container: Container): ControllerSettings | undefined {
	for (const reader of readers) if (reader.recognises(container)) return reader.settings(container);
	return undefined;
}
