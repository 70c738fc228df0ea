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

/** A listener that claims a host, and how specifically. */
interface Claim {
	gateway: GatewayState;
	listener: GatewayListener;
	key: number[];
	reason: string;
}

const protocols = { http: 'HTTP', https: 'HTTPS' } as const;

/** Listeners of the scheme's protocol that claim the host by their hostname or a route's; on `port` only when given. */
function claims(model: GatewayModel, scheme: 'http' | 'https', host: string, port: number | undefined): Claim[] {
	const found: Claim[] = [];
	for (const gateway of model.gateways) {
		for (const listener of gateway.gateway.listeners) {
			if ((port !== undefined && listener.port !== port) || listener.protocol !== protocols[scheme]) continue;
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
	return found.sort((a, b) => compareKeys(a.key, b.key));
}

export function chooseGateway(model: GatewayModel, scheme: 'http' | 'https', host: string, port: number): GatewayChoice | undefined {
	const best = claims(model, scheme, host, port)[0];
	return best ? { gateway: best.gateway, reason: best.reason } : undefined;
}

/**
 * The Gateway that takes the host on another port than the URL's. A URL often carries the port of
 * a port-forward, NodePort or load balancer that maps onto the listener's port (Contour's docs
 * reach listener :80 through `port-forward 8888:80`): then the host is right and only the port
 * differs, which is what the answer must say, rather than "no Gateway takes this host".
 */
export function chooseGatewayOnOtherPort(model: GatewayModel, scheme: 'http' | 'https', host: string, port: number): GatewayChoice | undefined {
	const found = claims(model, scheme, host, undefined).filter((c) => c.listener.port !== port);
	const best = found[0];
	if (!best) return undefined;
	const ports = [...new Set(found.filter((c) => c.gateway === best.gateway).map((c) => c.listener.port))].sort((a, b) => a - b);
	return { gateway: best.gateway, reason: `${best.reason} on port ${ports.join(', ')}, not on ${port}` };
}
