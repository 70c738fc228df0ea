import { servicesJson, servicesText } from '../report/services.js';
import { analyzeFor, loadSnapshot, printJson, scopeOf, type CommandContext } from './context.js';

/** `kubewire services`: the Service table, as text or JSON. */
export async function runServices(ctx: CommandContext): Promise<number> {
	const analysis = analyzeFor(ctx, await loadSnapshot(ctx));
	if (ctx.flags.output === 'json') printJson(ctx, servicesJson(analysis, scopeOf(ctx)));
	else ctx.out(servicesText(analysis, scopeOf(ctx), ctx.tableWidth));
	return 0;
}
