/**
 * `kubewire reach FROM TO`: may FROM open a connection to TO? The verdict is the answer, not a
 * finding: exit status 0 whatever it is (DESIGN.md keeps status 1 for `check`'s error findings;
 * CI asserts a verdict with `-o json`). A FROM or TO that does not resolve is bad usage (one line,
 * exit 2).
 */
import { UsageError, exitCodes } from '../errors.js';
import { buildContext } from '../model/context.js';
import { reach, ReachInputError } from '../model/reach/index.js';
import { reachJson, reachText } from '../report/reach.js';
import { loadSnapshot, printReportJson, type CommandContext } from './context.js';

const usage = 'reach needs FROM and TO: kubewire reach FROM TO (FROM: ns/pod, ns/kind/name, IP, ingress:CLASS, gateway:NS/NAME, outside; TO: ns/service:port, ns/pod:port, ns/kind/name:port, IP:PORT)';

export async function runReach(ctx: CommandContext): Promise<number> {
	const [from, to, extra] = ctx.args;
	if (from === undefined || to === undefined) throw new UsageError(usage);
	if (extra !== undefined) throw new UsageError(`reach takes two arguments, FROM and TO; "${extra}" is one too many`);
	const snapshot = await loadSnapshot(ctx);
	const model = buildContext(snapshot, { clusterDomain: ctx.flags.clusterDomain });
	let result;
	try {
		result = reach(model, from, to);
	} catch (error) {
		if (error instanceof ReachInputError) throw new UsageError(error.message);
		throw error;
	}
	if (ctx.flags.output === 'json') printReportJson(ctx, reachJson(result), snapshot);
	else ctx.out(reachText(result, ctx.width));
	return exitCodes.ok;
}
