import { UsageError } from '../errors.js';
import type { Analysis } from '../model/analyze.js';
import { isListenerSetKind } from '../model/gateway/refs.js';
import { parseRequestUrl, route, routeModeFor, type RoutingTable } from '../model/ingress/index.js';
import { routeJson, routeText } from '../report/route.js';
import { analyzeFor, loadSnapshot, printReportJson, type CommandContext } from './context.js';
import { parseGatewayFlag, parseHeaders, routeViaGateway } from './gateway-route.js';

/**
 * `kubewire route URL`: which Ingress rule and backend serve URL. The URL is checked before the
 * cluster is read, so a typo costs no API calls. Routing is cluster-wide (a controller merges
 * every namespace), so -n does not narrow it.
 */
export async function runRoute(ctx: CommandContext): Promise<number> {
	if (ctx.args.length === 0) throw new UsageError('route needs a URL, e.g. kubewire route https://shop.example.com/cart');
	if (ctx.args.length > 1) throw new UsageError(`route takes one URL, got ${ctx.args.length}: ${ctx.args.join(' ')}`);
	const parsed = parseRequestUrl(ctx.args[0]!);
	if (!parsed.ok) throw new UsageError(`route: cannot read URL "${ctx.args[0]}": ${parsed.reason}`);
	parseHeaders(ctx.flags.header);
	parseGatewayFlag(ctx.flags.gateway);
	const analysis = analyzeFor(ctx, await loadSnapshot(ctx));
	// --class asks for an Ingress class's table: a Gateway answers only when named, or when no Ingress exists.
	const classAsked = ctx.flags.class !== undefined && ctx.flags.gateway === undefined;
	const viaGateway = classAsked ? undefined : routeViaGateway(ctx, analysis, parsed.request, analysis.context.snapshot.ingresses.length === 0);
	if (viaGateway !== undefined) return viaGateway;
	refuseWithoutIngresses(analysis, parsed.request.host, parsed.request.url);
	checkClassFlag(ctx, analysis.routing);
	if (analysis.routing.choice.how === 'none') throw new UsageError(`route: no routing table to use: ${analysis.routing.choice.reason}`);
	// The class's controller decides: ingress-nginx's departures from the spec are its answer.
	const result = route(analysis.routing, parsed.request, { mode: routeModeFor(analysis.context.snapshot, analysis.routing.choice) });
	if (ctx.flags.output === 'json') printReportJson(ctx, routeJson(result), analysis.context.snapshot);
	else ctx.out(routeText(result, ctx.width));
	return 0;
}

/**
 * No Gateway took the URL and the input holds no Ingress because none was given (or RBAC hid
 * them): answering "404 from the controller" would be a finding drawn from what was not given.
 */
function refuseWithoutIngresses(analysis: Analysis, host: string, url: string): void {
	const { snapshot, readable } = analysis.context;
	if (snapshot.ingresses.length > 0 || readable.canRead('ingresses')) return;
	const why = readable.notInInput('ingresses') ? 'the input holds no Ingress' : 'Ingresses could not be read';
	// ListenerSets are counted among the kinds kubewire does not use; a route may name one too.
	const listenerSets = Object.keys(snapshot.unusedKinds ?? {}).filter(isListenerSetKind);
	const more = listenerSets.length > 0 ? ` (its ${listenerSets.join(', ')} objects, which kubewire does not model, may add listeners for it)` : '';
	throw new UsageError(`route: no Gateway in the input takes host ${host}${more}, and ${why}: nothing given says how ${url} is answered`);
}

/** --class naming neither an IngressClass nor a class any Ingress asks for is a typo: say so. */
export function checkClassFlag(ctx: CommandContext, table: RoutingTable): void {
	const asked = ctx.flags.class;
	if (!asked || table.choice.ingressClass || table.choice.candidates.includes(asked)) return;
	const known = table.choice.candidates;
	throw new UsageError(`--class ${asked}: no IngressClass or Ingress uses that class${known.length > 0 ? `; classes: ${known.join(', ')}` : ''}`);
}
