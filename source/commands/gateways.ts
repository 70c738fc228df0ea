import { gatewayTable } from '../model/gateway/table.js';
import { gatewaysJson, gatewaysText } from '../report/gateways.js';
import { analyzeFor, loadSnapshot, printReportJson, scopeOf, type CommandContext } from './context.js';

/** `kubewire gateways`: the Gateway API routing table and each route's attachment, as text or JSON. */
export async function runGateways(ctx: CommandContext): Promise<number> {
	const analysis = analyzeFor(ctx, await loadSnapshot(ctx));
	const table = gatewayTable(analysis.context);
	if (ctx.flags.output === 'json') printReportJson(ctx, gatewaysJson(table, scopeOf(ctx)), analysis.context.snapshot);
	else ctx.out(gatewaysText(table, scopeOf(ctx), ctx.width, ctx.tableWidth));
	return 0;
}
