/**
 * `kubewire route URL`: which Ingress, rule and backend serve a URL, the Service port and the
 * ready endpoints behind it, the findings on the way and where ingress-nginx answers otherwise;
 * as text, or as the JSON that DESIGN.md fixes.
 */
import type { BackendResolution, RouteResult } from '../model/ingress/index.js';
import { albActionAnnotation, describeAnswer, portText } from '../model/ingress/index.js';
import { endpointJson, wrapHard } from './ingresses.js';
import { safe } from './safe-text.js';
import { podMakerName } from '../model/pod-makers.js';
import { noEndpointsOnApply } from '../model/planned-pods.js';
import { formatLabels } from '../model/selectors.js';

function label(name: string, value: string, width: number): string[] {
	return wrapHard(`${name.padEnd(10)}${value}`, width, ' '.repeat(10));
}

/** The one-line verdict: who answers and with what. */
export function verdictText(result: RouteResult): string {
	if (result.status === 404) return '404 from the controller: no rule matches and no defaultBackend applies';
	if (result.status === 308) return `308 redirect to ${result.httpsRedirect} (ingress-nginx sends plain HTTP to HTTPS for this TLS host), then the backend below`;
	if (result.status === 301) return `301 redirect to ${result.answer.redirect} (ingress-nginx), then the backend below`;
	const b = result.backend;
	if (!b) return '404';
	if (b.target.action) return safe(`handled by the AWS Load Balancer Controller's action in annotation ${albActionAnnotation(b.target.action)} (port use-annotation): kubewire does not judge ALB actions`);
	if (b.target.resource) return `handled by ${b.target.resource.kind} ${b.target.resource.name} (a resource backend; ingress-nginx ignores those and answers 404)`;
	if (result.status === 503) {
		if (b.serviceExists === false) return `503 from the controller: Service ${b.target.namespace}/${b.target.service} does not exist`;
		if (!b.servicePort) return `503 from the controller: Service ${b.target.namespace}/${b.target.service} has no port ${portText(b.target.port)}`;
		if (noEndpointsOnApply(b.unjudged)) return noEndpointsOnApplyText(b);
		return '503 from the controller: the backend has no ready endpoint';
	}
	if (b.wiring?.externalName) return `proxied to the external name ${b.wiring.service.externalName ?? ''}`;
	if (!b.endpointsKnown && b.wiring?.pods.some((p) => p.planned || !p.hasStatus)) {
		return `the backend's ${b.wiring.pods.length} pod(s) are planned (from manifests): their endpoints and addresses are assigned on apply`;
	}
	if (!b.endpointsKnown && b.unjudged === 'operator') {
		return `the backend's pods are made by ${b.podMaker ? safe(podMakerName(b.podMaker)) : 'a custom resource'} through its operator: their endpoints are assigned on apply`;
	}
	if (!b.endpointsKnown && b.unjudged === 'nothing-to-derive') {
		return `no pod in the input matches Service ${b.target.namespace}/${b.target.service}'s selector (kubewire check says why): whether a pod answers is known once applied`;
	}
	if (!b.endpointsKnown && b.unjudged === 'api-server') return "the API server's endpoints are not in the input: whether it answers is unknown";
	if (!b.endpointsKnown) return 'endpoints could not be read: whether a pod answers is unknown';
	if (b.serviceExists === undefined) return 'Services could not be read in that namespace: whether the backend exists is unknown';
	const n = result.endpoints.length;
	const endpoints = `${n} ready endpoint${n === 1 ? '' : 's'}`;
	// The endpoints are there, but the controller's own connections to them are refused.
	if (result.findings.some((f) => f.code === 'KW602')) return `504 from the controller: ${endpoints}, but NetworkPolicy refuses the controller's pods (KW602 below)`;
	return `served by ${endpoints}`;
}

/** The selector (KW101) decides it: the pods the input gives that namespace are not the ones it selects. */
function noEndpointsOnApplyText(b: BackendResolution): string {
	const { namespace, service } = b.target;
	const selector = b.wiring?.service.selector ? `selector ${formatLabels(b.wiring.service.selector)}` : 'selector';
	return `503 from the controller once applied: Service ${namespace}/${service}'s ${selector} matches none of the pods and workloads the input holds in ${namespace}, so it gets no endpoints (KW101; kubewire check says which label differs)`;
}

export function routeText(result: RouteResult, width: number): string {
	const lines: string[] = [];
	const r = result.request;
	lines.push(...label('URL', safe(result.url), width));
	lines.push(...label('Request', safe(`host ${r.host}${r.port ? ` (port ${r.port})` : ''}, path ${result.path}`), width));
	lines.push(...label('Class', safe(result.classReason), width));
	if (result.mode === 'ingress-nginx') lines.push(...label('Answered', 'as ingress-nginx routes (the class\'s controller), where it departs from the Ingress spec', width));
	if (result.mode === 'gce') lines.push(...label('Answered', "as GKE's Ingress controller (the class's) routes: ImplementationSpecific paths are URL map path rules", width));
	if (result.ingress) {
		const where = `${result.ingress.namespace}/${result.ingress.name}`;
		const how = result.rule
			? `rule host ${result.rule.host || '*'} path ${result.rule.path || '(all)'} (${result.rule.pathType})`
			: 'its defaultBackend (no rule matched)';
		lines.push(...label('Ingress', safe(`${where}, ${how}`), width));
	} else {
		lines.push(...label('Ingress', 'none', width));
	}
	const b = result.backend;
	if (b) {
		if (b.target.action) {
			lines.push(...label('Backend', safe(`ALB action ${b.target.action} (annotation ${albActionAnnotation(b.target.action)})`), width));
		} else if (b.target.resource) {
			lines.push(...label('Backend', safe(`${b.target.resource.kind} ${b.target.namespace}/${b.target.resource.name}`), width));
		} else {
			const port = b.servicePort
				? `port ${b.servicePort.port}${b.servicePort.name ? ` (${b.servicePort.name})` : ''} → targetPort ${b.servicePort.targetPort}`
				: `port ${portText(b.target.port)}`;
			lines.push(...label('Backend', safe(`Service ${b.target.namespace}/${b.target.service} ${port}`), width));
		}
		if (b.servicePort && !b.wiring?.externalName && (b.unjudged === 'on-apply' || b.unjudged === 'operator')) {
			lines.push(...label('Endpoints', 'assigned on apply (the pods are not in the input yet)', width));
		} else if (b.servicePort && !b.wiring?.externalName && b.unjudged === 'unread') {
			lines.push(...label('Endpoints', 'not known: the input holds neither its EndpointSlices nor its pods', width));
		} else if (b.servicePort && !b.wiring?.externalName) {
			const total = new Set(b.endpoints.map((e) => `${e.ip}:${e.port ?? ''}`)).size;
			const derived = b.wiring?.endpointsDerived ? ', derived from the pods (the input has no EndpointSlice)' : '';
			lines.push(...label('Endpoints', `${result.endpoints.length} ready of ${total}${derived}`, width));
			for (const ep of result.endpoints.slice(0, 8)) {
				const pod = ep.pod ? ` pod ${ep.pod}` : '';
				const node = ep.node ? ` on ${ep.node}` : '';
				lines.push(...wrapHard(safe(`          ${ep.ip}:${ep.port ?? '?'}${pod}${node}`), width, ' '.repeat(12)));
			}
			if (result.endpoints.length > 8) lines.push(`          … and ${result.endpoints.length - 8} more`);
		}
	}
	lines.push(...label('Result', safe(verdictText(result)), width));
	if (result.findings.length > 0) {
		lines.push('', 'On the way');
		for (const f of result.findings) {
			lines.push(...wrapHard(`  ${f.code} ${safe(f.message)}`, width, '        '));
			lines.push(...wrapHard(`        fix: ${safe(f.hint)}`, width, '             '));
		}
	}
	if (result.notes.length > 0) {
		lines.push('', 'Notes');
		for (const note of result.notes) lines.push(...wrapHard(`  - ${safe(note)}`, width, '    '));
	}
	return lines.join('\n');
}

export function routeJson(result: RouteResult): object {
	const b = result.backend;
	return {
		url: result.url,
		via: 'ingress',
		gateway: null,
		httpRoute: null,
		backend: b
			? {
					namespace: b.target.namespace,
					service: b.target.service || null,
					port: b.target.port ?? null,
					...(b.target.resource ? { resource: b.target.resource } : {}),
					...(b.target.action ? { albAction: b.target.action } : {}),
				}
			: null,
		defaultBackend: result.defaultBackend,
		ingress: result.ingress ? { namespace: result.ingress.namespace, name: result.ingress.name } : null,
		rule: result.rule ? { host: result.rule.host, path: result.rule.path, pathType: result.rule.pathType } : null,
		class: result.className || null,
		host: result.request.host,
		path: result.path,
		status: result.status ?? null,
		mode: result.mode,
		endpoints: result.endpoints.map(endpointJson),
		findings: result.findings.map((f) => ({ code: f.code, severity: f.severity, kind: f.kind, namespace: f.namespace, name: f.name, message: f.message, hint: f.hint })),
		notes: result.notes,
		ingressNginx: result.nginx ? { answer: describeAnswer(result.nginx), redirect: result.nginx.redirect ?? null } : null,
	};
}
