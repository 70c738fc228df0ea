/**
 * route(table, url): which Ingress, rule and backend serve a URL in one class's routing table,
 * the Service port and ready endpoints behind it, the findings met on the way, and what
 * ingress-nginx would do instead where it departs from the specification.
 */
import type { Ingress } from '../../cluster/snapshot.js';
import type { EndpointView } from '../endpoints.js';
import { noEndpointsOnApply } from '../planned-pods.js';
import type { Finding } from '../findings.js';
import { describeAnswer, sameAnswer, type RouteAnswer } from './answer.js';
import type { BackendResolution } from './backend.js';
import { hostsOverlap, matchHost } from './host.js';
import { nginxAnswer } from './nginx-route.js';
import { normalizeRequestPath } from './path.js';
import { specAnswer } from './spec-route.js';
import { gcePaths } from './gce-path.js';
import type { RoutingTable } from './table.js';
import { parseRequestUrl, type RequestUrl } from './url.js';

/**
 * `spec`: the Ingress specification (the default). `ingress-nginx`: that controller's behaviour.
 * `gce`: the specification, with ImplementationSpecific paths read as GKE's URL map reads them.
 */
export type RouteMode = 'spec' | 'ingress-nginx' | 'gce';

export interface RouteOptions {
	mode?: RouteMode;
}

export interface RouteResult {
	url: string;
	request: RequestUrl;
	/** The path that was matched, after decoding, `.`/`..` and repeated slashes. */
	path: string;
	mode: RouteMode;
	className: string;
	/** How the class was chosen, in one line. */
	classReason: string;
	answer: RouteAnswer;
	ingress?: Ingress;
	rule?: { host: string; path: string; pathType: string };
	defaultBackend: boolean;
	backend?: BackendResolution;
	/** Ready endpoints the controller sends the request to. */
	endpoints: EndpointView[];
	/**
	 * What the client gets when it is not the backend's own answer: 404 (no rule, no
	 * defaultBackend), 503 (the backend has no Service, port or ready endpoint, or, in manifests,
	 * a selector that matches none of the namespace's pods given: no endpoint once applied), 301
	 * (an ingress-nginx redirect), 504 (ready endpoints, but NetworkPolicy refuses the controller's
	 * pods: KW602), 200 when a ready endpoint answers, as a Gateway route says it (DESIGN.md: 200
	 * when a backend is chosen). Undefined when that is not known: the endpoints are not in the
	 * input, come once applied, or the backend is not a Service kubewire judges.
	 */
	status?: number;
	/** Where the answer rests on a reading of the spec, or a controller differs. */
	notes: string[];
	/** ingress-nginx mode: the https:// URL a plain-HTTP request to a TLS host is redirected to (308). */
	httpsRedirect?: string;
	/** In spec mode, ingress-nginx's answer when it is a different one. */
	nginx?: RouteAnswer;
	/** KW5xx findings on the way: the serving Ingress, its backend, and the host's TLS for https. */
	findings: Finding[];
}

export class RouteUrlError extends Error {
	override name = 'RouteUrlError';
}

export function route(table: RoutingTable, url: string | RequestUrl, options: RouteOptions = {}): RouteResult {
	const request = typeof url === 'string' ? parsed(url) : url;
	const mode = options.mode ?? 'spec';
	const normalized = normalizeRequestPath(request.path);
	const path = normalized.path;
	const spec = specAnswer(table, request.host, path);
	const nginx = nginxAnswer(table, request.host, path);
	const answer = mode === 'spec' ? spec : mode === 'gce' ? specAnswer(table, request.host, path, gcePaths) : nginx;
	const notes = [...answer.notes];
	if (normalized.changed) notes.unshift(`the path was matched as ${path} (escapes decoded, . and .. resolved, repeated slashes merged, as nginx does)`);
	let nginxDiffers: RouteAnswer | undefined;
	if (mode === 'spec' && showsNginx(table) && !sameAnswer(spec, nginx)) {
		nginxDiffers = nginx;
		notes.push(`ingress-nginx differs: it answers ${describeAnswer(nginx)}${nginx.notes.length > 0 ? `; ${nginx.notes.join('; ')}` : ''}`);
	}
	if (mode === 'ingress-nginx' && !sameAnswer(spec, nginx)) notes.push(`by the Ingress specification alone the answer would be ${describeAnswer(spec)}`);
	if (answer.kind === 'not-found') notes.push(...leftOutFor(table, request.host));
	const classNote = answer.row ? table.classNotes.get(answer.row.object) : undefined;
	if (classNote) notes.push(`Ingress ${answer.row!.namespace}/${answer.row!.ingress}: ${classNote}`);
	const sslRedirect = mode === 'ingress-nginx' ? httpsRedirect(request, answer) : undefined;
	if (sslRedirect) notes.push(`ingress-nginx redirects plain HTTP to HTTPS for a host with TLS (${sslRedirectAnnotation} is not "false"): 308 to ${sslRedirect}`);
	const row = answer.row;
	const backend = row?.backend;
	const endpoints = backend?.readyEndpoints ?? [];
	const findings = findingsOnTheWay(answer, request);
	return {
		url: request.url,
		request,
		path,
		mode,
		className: table.className,
		classReason: table.choice.reason,
		answer,
		ingress: row?.object,
		rule: answer.kind === 'rule' && row ? { host: row.host, path: row.path, pathType: row.pathType } : undefined,
		defaultBackend: answer.kind === 'default-backend',
		backend,
		endpoints,
		status: sslRedirect ? 308 : statusOf(answer, backend, findings),
		httpsRedirect: sslRedirect,
		notes,
		nginx: nginxDiffers,
		findings,
	};
}

export const sslRedirectAnnotation = 'nginx.ingress.kubernetes.io/ssl-redirect';

/**
 * ingress-nginx answers plain HTTP to a host with TLS with a 308 to https (its ConfigMap's
 * ssl-redirect defaults to true; the Ingress annotation can turn it off).
 */
function httpsRedirect(request: RequestUrl, answer: RouteAnswer): string | undefined {
	const row = answer.row;
	if (request.scheme !== 'http' || !row || !row.tlsBinding) return undefined;
	if (row.object.annotations[sslRedirectAnnotation] === 'false') return undefined;
	return `https://${request.host}${request.path}`;
}

function parsed(url: string): RequestUrl {
	const result = parseRequestUrl(url);
	if (!result.ok) throw new RouteUrlError(`cannot read URL "${url}": ${result.reason}`);
	return result.request;
}

/** ingress-nginx's reading is shown for its own classes, and when no class says whose controller it is. */
function showsNginx(table: RoutingTable): boolean {
	const controller = table.choice.ingressClass?.controller;
	if (controller === undefined) return true;
	if (controller === 'k8s.io/ingress-nginx') return true;
	return table.ingresses.some((i) => Object.keys(i.annotations).some((k) => k.startsWith('nginx.ingress.kubernetes.io/')));
}

function statusOf(answer: RouteAnswer, backend: BackendResolution | undefined, findings: readonly Finding[]): number | undefined {
	if (answer.redirect) return 301;
	if (answer.kind === 'not-found') return 404;
	if (!backend || backend.target.service === '') return undefined;
	if (backend.serviceExists === false || (backend.serviceExists && !backend.servicePort)) return 503;
	const svc = backend.wiring?.service;
	if (svc && svc.type !== 'ExternalName' && backend.endpointsKnown && backend.readyEndpoints.length === 0) return 503;
	if (svc && svc.type !== 'ExternalName' && noEndpointsOnApply(backend.unjudged)) return 503;
	// A pod answers only when its endpoints were read (or derived) and the Service is one kubewire
	// follows to pods; an ExternalName's answer is the outside host's.
	if (!svc || svc.type === 'ExternalName' || !backend.endpointsKnown || backend.serviceExists !== true || backend.readyEndpoints.length === 0) return undefined;
	// The controller's connections time out at the pods' NetworkPolicy (the text says 504 too).
	return findings.some((f) => f.code === 'KW602') ? 504 : 200;
}

function leftOutFor(table: RoutingTable, host: string): string[] {
	return table.leftOut
		.filter((l) => l.ingress.rules.some((r) => matchHost(r.host, host) === 'exact' || matchHost(r.host, host) === 'wildcard'))
		.map((l) => `Ingress ${l.namespace}/${l.name} has a rule for this host but is not in this table: ${l.reason}`);
}

/** The answering row's findings (routing/table.ts judgeRow); TLS ones only for https to a host they cover. */
function findingsOnTheWay(answer: RouteAnswer, request: RequestUrl): Finding[] {
	const row = answer.row;
	if (!row) return [];
	const tls = new Map(row.tlsFindings.map((t) => [t.finding, t.host] as const));
	return row.findings.filter((f) => {
		const host = tls.get(f);
		if (host === undefined) return true;
		return request.scheme === 'https' && (host === '*' || hostsOverlap(host, request.host));
	});
}
