import { ingressesJson, ingressesText } from '../report/ingresses.js';
import { analyzeFor, loadSnapshot, printReportJson, scopeOf, type CommandContext } from './context.js';
import { checkClassFlag } from './route.js';

/** `kubewire ingresses`: the routing table of one IngressClass, as text or JSON. */
export async function runIngresses(ctx: CommandContext): Promise<number> {
	const analysis = analyzeFor(ctx, await loadSnapshot(ctx));
	checkClassFlag(ctx, analysis.routing);
	if (ctx.flags.output === 'json') printReportJson(ctx, ingressesJson(analysis.routing, scopeOf(ctx)), analysis.context.snapshot);
	else ctx.out(ingressesText(analysis.routing, scopeOf(ctx), ctx.width, ctx.tableWidth));
	return 0;
}
