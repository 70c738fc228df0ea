/**
 * Which Gateway a URL goes to when `route` is not told (--gateway): the one with a listener on
 * the URL's port whose hostname matches the host, the most specific first (exact, then longer
 * wildcards); failing that, one whose catch-all listener carries an accepted route naming the
 * host. A catch-all listener with no such route does not claim the URL: the Ingress path keeps it.
 */
import type { GatewayListener } from '../../cluster/snapshot.js';
import { compareKeys, hostMatches, hostSpecificity, listenerSpecificity } from './hostnames.js';
import type { GatewayModel, GatewayState } from './index.js';

export interface GatewayChoice {
	gateway: GatewayState;
	/** Why this Gateway, in words. */
	reason: string;
}

const protocols = { http: 'HTTP', https: 'HTTPS' } as const;

export function chooseGateway(model: GatewayModel, scheme: 'http' | 'https', host: string, port: number): GatewayChoice | undefined {
	const found: { gateway: GatewayState; listener: GatewayListener; key: number[]; reason: string }[] = [];
	for (const gateway of model.gateways) {
		for (const listener of gateway.gateway.listeners) {
			if (listener.port !== port || listener.protocol !== protocols[scheme]) continue;
			if (listener.hostname !== '' && hostMatches(listener.hostname, host)) {
				found.push({ gateway, listener, key: [1, ...listenerSpecificity(listener.hostname)], reason: `listener ${listener.name} hostname ${listener.hostname} matches ${host}` });
				continue;
			}
			if (listener.hostname !== '') continue;
			const names = gateway.attachments
				.flatMap((a) => a.listeners.filter((l) => l.listener === listener).flatMap((l) => l.hostnames))
				.filter((h) => h !== '' && hostMatches(h, host))
				.sort((a, b) => compareKeys(hostSpecificity(a), hostSpecificity(b)));
			if (names[0]) found.push({ gateway, listener, key: [0, ...hostSpecificity(names[0])], reason: `a route on listener ${listener.name} serves hostname ${names[0]}` });
		}
	}
	found.sort((a, b) => compareKeys(a.key, b.key));
	const best = found[0];
	return best ? { gateway: best.gateway, reason: best.reason } : undefined;
}
