/**
 * KW104: a Service without a selector is backed only by EndpointSlices (or Endpoints) that
 * someone writes by hand. When there are none, nothing stands behind its ports. The one
 * exception is default/kubernetes, whose endpoints the API server writes itself.
 */
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { isApiServerService } from './served-endpoints.js';

export function selectorlessRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (svc.selector || wiring.externalName || isApiServerService(svc)) return [];
	if (!rc.model.readable.canRead('endpointslices', svc.namespace)) return [];
	if (rc.model.endpoints.hasAny(svc.namespace, svc.name)) return [];
	return [
		finding(
			'KW104',
			serviceSubject(wiring),
			`Service ${svc.name} has no selector and no EndpointSlice or Endpoints object names it, so nothing backs it`,
			`add a selector that matches the backend pods, or create an EndpointSlice labelled kubernetes.io/service-name=${svc.name} listing the backend addresses`,
		),
	];
}
