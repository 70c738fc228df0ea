/**
 * What the Gateways screen's preview says about a row's attachment, beside its findings: the
 * conditions the model computed for the rule's parentRef (what a Gateway's status would say), and
 * for a listener no route attaches to, the listener in one line. Formatting only: the judgements
 * are model/gateway's (ParentStatus, ListenerRow).
 */
import type { ParentStatus } from '../../model/gateway/index.js';
import { parentText } from '../../model/gateway/refs.js';
import type { ListenerRow } from '../../model/gateway/table.js';
import { conditionText, listenerLine } from '../../report/gateways.js';
import { safe } from '../../report/safe-text.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line } from '../lines.js';

const indent = '      ';

/**
 * `on shop/gw/http: Accepted=True ResolvedRefs=True`, and the conditions not judged and why. On a
 * Gateway nobody programs there are none ("no controller writes them"); the Gateway's KW704 below
 * says why, so it is not repeated here.
 */
export function attachmentPreview(p: ParentStatus, width: number): Line[] {
	const text = `on ${parentText(p.route, p.parentRef)}: ${conditionText(p)}`;
	const unjudged = p.notJudged.map((n) => `${n.type} not judged: ${n.why}`);
	return [text, ...unjudged].flatMap((t) => wrap(safe(t), width, indent)).map((t) => [seg(t, p.notProgrammed ? 'error' : 'muted')]);
}

export function listenerPreview(l: ListenerRow, width: number): Line[] {
	return wrap(safe(listenerLine(l)), width, indent).map((t) => [seg(t, l.gateway.missingClass ? 'error' : 'muted')]);
}
