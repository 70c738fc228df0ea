/**
 * KW403: an ExternalName Service is only a DNS CNAME. A selector or ports on it are ignored (no
 * endpoints, no proxying), and the name must be a DNS name: an IP address becomes a CNAME to a
 * name that does not exist. Ports are not ignored by everyone, though: an Ingress controller or a
 * Gateway that a backend sends to the Service proxies to the external name itself, on the port
 * the backend names, which must be a port of the Service (else KW502/KW702). Those ports stay.
 */
import { finding, type Finding } from '../findings.js';
import { namedAsBackend } from '../backend-services.js';
import { isIPAddress } from '../netpol/cidr.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';

const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 subdomain, as the API validates externalName (one trailing dot allowed). */
export function isDnsName(name: string): boolean {
	const bare = name.endsWith('.') ? name.slice(0, -1) : name;
	if (bare === '' || bare.length > 253) return false;
	return bare.split('.').every((part) => part.length <= 63 && label.test(part));
}

export function externalNameRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	if (!wiring.externalName) return [];
	const svc = wiring.service;
	const name = svc.externalName ?? '';
	const problems: string[] = [];
	const fixes: string[] = [];
	if (name === '') {
		problems.push('externalName is empty');
		fixes.push('set externalName to the DNS name clients should reach');
	} else if (isIPAddress(name.replace(/^\[|\]$/g, ''))) {
		problems.push(`externalName ${name} is an IP address, which cluster DNS serves as a CNAME to a name that does not resolve`);
		fixes.push('use a DNS name, or for a fixed IP use a Service without selector plus an EndpointSlice holding that address');
	} else if (!isDnsName(name)) {
		problems.push(`externalName "${name}" is not a valid DNS name`);
		fixes.push('use a lower-case DNS name (letters, digits, "-" and "." only)');
	}
	if (svc.selector) {
		problems.push('its selector is ignored');
		fixes.push('drop the selector (or make it a ClusterIP Service if pods should back it)');
	}
	if (svc.ports.length > 0 && !namedAsBackend(rc.model.snapshot, wiring.key)) {
		problems.push(`its ports (${svc.ports.map((p) => p.port).join(', ')}) are not proxied: clients connect to ${name || 'the external name'} on the port they choose`);
		fixes.push('remove the ports unless an Ingress or Gateway route sends to this Service (its controller needs them)');
	}
	if (problems.length === 0) return [];
	return [finding('KW403', serviceSubject(wiring), `ExternalName Service ${svc.name}: ${problems.join('; ')}`, fixes.join('; '))];
}
