import { servicesJson, servicesText } from '../report/services.js';
import { analyzeFor, loadSnapshot, printReportJson, scopeOf, type CommandContext } from './context.js';

/** `kubewire services`: the Service table, as text or JSON. */
export async function runServices(ctx: CommandContext): Promise<number> {
	const analysis = analyzeFor(ctx, await loadSnapshot(ctx));
	if (ctx.flags.output === 'json') printReportJson(ctx, servicesJson(analysis, scopeOf(ctx)), analysis.context.snapshot);
	else ctx.out(servicesText(analysis, scopeOf(ctx), ctx.tableWidth));
	return 0;
}
