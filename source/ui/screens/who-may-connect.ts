/**
 * The Service detail's "WHO MAY CONNECT" section: each kind of client (the Ingress controller,
 * the outside, pods of this and other namespaces) and whether the pods' NetworkPolicies admit
 * it, by which policy. The answers are the model's (model/reach/who-may-connect.ts).
 */
import type { ServiceAnalysis } from '../../model/analyze.js';
import type { ModelContext } from '../../model/context.js';
import { policiesNotModelled, whoMayConnect, whoMayConnectUnknown } from '../../model/reach/who-may-connect.js';
import { safe } from '../../report/safe-text.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line } from '../lines.js';

const marks = { all: ['✓', 'ok', 'admitted'], some: ['!', 'warning', 'partly admitted'], none: ['✗', 'error', 'not admitted'] } as const;

export function whoMayConnectLines(s: ServiceAnalysis, context: ModelContext, width: number): Line[] {
	const note = '  under NetworkPolicy, at the pods\' target ports';
	const lines: Line[] = [[seg('WHO MAY CONNECT', 'title', true), ...(width >= 15 + note.length ? [seg(note, 'muted')] : [])]];
	// Policies are judged at the selected pods: without them there is nothing to judge yet.
	if (s.wiring.pods.length === 0 && s.known.pods !== 'read') {
		lines.push([seg(s.known.pods === 'loading' ? '  the pods are still being read' : '  the pods were not read (forbidden, or not in the input): not judged', 'muted')]);
		return lines;
	}
	const unknown = s.wiring.service.selector ? whoMayConnectUnknown(context, s.wiring) : undefined;
	if (unknown) lines.push(...wrap(`NetworkPolicy not judged: ${unknown}`, Math.max(20, width - 2)).map((text): Line => [seg(`  ${safe(text)}`, 'muted')]));
	const others = policiesNotModelled(context);
	if (others.length > 0) lines.push(...wrap(`also in the input, not modelled: ${others.join(', ')}; they may change these answers`, Math.max(20, width - 2)).map((text): Line => [seg(`  ${safe(text)}`, 'muted')]));
	const answers = whoMayConnect(context, s.wiring);
	if (answers.length === 0 && !unknown) lines.push([seg('  no selector: the pods behind it are not known', 'muted')]);
	for (const a of answers) {
		const [mark, tone, word] = marks[a.admitted];
		const text = `${word}: ${safe(a.who)}${a.by ? ` (${safe(a.by)})` : ''}`;
		const body = wrap(text, Math.max(20, width - 4));
		lines.push([seg(`  ${mark} `, tone), seg(body[0] ?? '')]);
		for (const more of body.slice(1)) lines.push([seg(`    ${more}`)]);
	}
	return lines;
}
