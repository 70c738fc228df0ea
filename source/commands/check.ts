import { checkJson, checkText, hasErrors } from '../report/check.js';
import { analyzeFor, loadSnapshot, printJson, scopeOf, type CommandContext } from './context.js';

/** `kubewire check`: every finding; exit status 1 when any is an error. */
export async function runCheck(ctx: CommandContext): Promise<number> {
	const analysis = analyzeFor(ctx, await loadSnapshot(ctx));
	const scope = scopeOf(ctx);
	if (ctx.flags.output === 'json') printJson(ctx, checkJson(analysis, scope));
	else ctx.out(checkText(analysis, scope, ctx.width));
	return hasErrors(analysis, scope) ? 1 : 0;
}
