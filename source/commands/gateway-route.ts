/**
 * The Gateway half of `kubewire route URL`: --gateway NS/NAME, or the Gateway whose listeners
 * match the URL's host; --method and --header K=V shape the request. Returns undefined when no
 * Gateway takes the URL, so `route` goes on through the Ingress class as before.
 */
import { UsageError } from '../errors.js';
import type { Analysis } from '../model/analyze.js';
import { chooseGateway, chooseGatewayOnOtherPort, type GatewayChoice } from '../model/gateway/choose.js';
import { gatewayModel } from '../model/gateway/index.js';
import { gatewayRequest, pathAndQueryOf } from '../model/gateway/request.js';
import { routeThroughGateway } from '../model/gateway/route.js';
import { matchHost } from '../model/ingress/host.js';
import type { RequestUrl, RoutingTable } from '../model/ingress/index.js';
import { gatewayRouteJson, gatewayRouteText } from '../report/gateway-route.js';
import { printReportJson, type CommandContext } from './context.js';

/** --header K=V values, checked before the cluster is read. */
export function parseHeaders(values: readonly string[]): [string, string][] {
	return values.map((h) => {
		const eq = h.indexOf('=');
		if (eq <= 0) throw new UsageError(`--header ${h}: expected NAME=VALUE, e.g. --header x-env=canary`);
		return [h.slice(0, eq).trim(), h.slice(eq + 1)];
	});
}

/** --gateway NS/NAME, checked before the cluster is read. */
export function parseGatewayFlag(value: string | undefined): { namespace: string; name: string } | undefined {
	if (value === undefined) return undefined;
	const parts = value.split('/');
	if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new UsageError(`--gateway ${value}: expected NAMESPACE/NAME, e.g. --gateway infra/public`);
	return { namespace: parts[0]!, name: parts[1]! };
}

/** The Ingress rules of the routing table that name the host (a catch-all rule does not count). */
function ingressRowsFor(table: RoutingTable, host: string): RoutingTable['rows'] {
	return table.rows.filter((row) => row.host !== '' && matchHost(row.host, host) !== 'none');
}

/**
 * When a Gateway was taken for the host while an Ingress rule names it too, the answer shown is
 * one of two: where DNS sends the host decides which a client gets. Say so, and how to ask for
 * the other (the Ingress's class).
 */
function alsoByIngress(table: RoutingTable, rows: RoutingTable['rows']): string {
	const first = rows[0];
	if (!first) return '';
	const ingresses = [...new Set(rows.map((r) => `${r.namespace}/${r.ingress}`))];
	const className = first.className || table.choice.ingressClass || '';
	const ask = className ? ` (--class ${className} answers through the Ingress)` : '';
	const who = ingresses.length === 1 ? `Ingress ${ingresses[0]} also has a rule` : `Ingresses ${ingresses.join(', ')} also have rules`;
	return `; ${who} for this host, and where DNS sends it decides which a client reaches${ask}`;
}

/** Prints the route through a Gateway and returns 0, or returns undefined when no Gateway takes the URL. */
export function routeViaGateway(ctx: CommandContext, analysis: Analysis, url: RequestUrl, noIngress: boolean): number | undefined {
	const headers = parseHeaders(ctx.flags.header);
	const wanted = parseGatewayFlag(ctx.flags.gateway);
	const model = gatewayModel(analysis.context);
	const ingressRows = ingressRowsFor(analysis.routing, url.host);
	const port = url.port ?? (url.scheme === 'https' ? 443 : 80);
	let choice: GatewayChoice | undefined;
	if (wanted) {
		const gateway = model.gatewayByKey.get(`${wanted.namespace}/${wanted.name}`);
		if (!gateway) {
			const known = model.gateways.map((g) => `${g.gateway.namespace}/${g.gateway.name}`);
			throw new UsageError(`--gateway ${ctx.flags.gateway}: no such Gateway in the input${known.length > 0 ? `; Gateways: ${known.join(', ')}` : ''}`);
		}
		choice = { gateway, reason: 'named by --gateway' };
	} else {
		choice = chooseGateway(model, url.scheme, url.host, port);
		// With no Ingress at all, a Gateway with a catch-all listener on the port takes the URL.
		if (!choice && noIngress) {
			const open = model.gateways.filter((g) => g.gateway.listeners.some((l) => l.port === port && l.hostname === '' && l.protocol === (url.scheme === 'https' ? 'HTTPS' : 'HTTP')));
			if (open[0]) {
				const rest = open.slice(1).map((g) => `${g.gateway.namespace}/${g.gateway.name}`);
				const others = rest.length > 0 ? `; so ${rest.length === 1 ? 'does' : 'do'} ${rest.slice(0, 3).join(', ')}${rest.length > 3 ? ', …' : ''}: pick one with --gateway` : '';
				choice = { gateway: open[0], reason: `no Ingress in the input; it has a listener for every host on port ${port}${others}` };
			}
		}
		// The host is a Gateway's on another port (a port-forward's, say): that is the answer, unless an Ingress rule names the host.
		if (!choice && ingressRows.length === 0) choice = chooseGatewayOnOtherPort(model, url.scheme, url.host, port);
	}
	if (!choice) return undefined;
	if (!wanted) choice = { ...choice, reason: choice.reason + alsoByIngress(analysis.routing, ingressRows) };
	const request = gatewayRequest({
		scheme: url.scheme,
		host: url.host,
		port,
		method: ctx.flags.method,
		pathAndQuery: pathAndQueryOf(url.url),
		headers,
	});
	const result = routeThroughGateway(model, choice.gateway, request);
	const g = choice.gateway.gateway;
	const route = result.matched?.state.route;
	const findings = analysis.findings.filter(
		(f) => (f.kind === 'Gateway' && f.namespace === g.namespace && f.name === g.name) || (route && f.kind === route.kind && f.namespace === route.namespace && f.name === route.name),
	);
	const report = { url: url.url, request, result, choice: choice.reason, findings };
	if (ctx.flags.output === 'json') printReportJson(ctx, gatewayRouteJson(report), analysis.context.snapshot);
	else ctx.out(gatewayRouteText(report, ctx.width));
	return 0;
}
