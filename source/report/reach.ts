/**
 * `kubewire reach` output: the verdict, each link of the chain with what decides it, and one line
 * per endpoint; or the JSON that DESIGN.md fixes (from, to, verdict, steps, endpoints).
 */
import type { ReachResult } from '../model/reach/index.js';
import { safe } from './safe-text.js';
import { wrap } from './wrap.js';

const verdictWords = { allowed: 'ALLOWED', blocked: 'BLOCKED', partial: 'PARTIAL (some endpoints admit it, others do not)' } as const;

export function reachText(result: ReachResult, width: number): string {
	// A verdict with links left unjudged holds only as far as the input shows: say so beside it.
	const unknown = [...new Set(result.steps.flatMap((s) => (s.notJudged ? [s.notJudged] : [])))];
	const caveat = unknown.length > 0 ? ` as far as the input shows (NetworkPolicy not judged: ${unknown.join('; ')})` : '';
	const lines = [...wrap(`${result.from} → ${result.to}: ${verdictWords[result.verdict]}${caveat}`, Math.max(20, width))];
	if (result.notModelled.length > 0) {
		const text = `The input also holds policies kubewire does not model: ${result.notModelled.join(', ')}. They may admit or refuse this connection whatever NetworkPolicy says.`;
		lines.push(...wrap(text, Math.max(20, width)));
	}
	lines.push('');
	for (const step of result.steps) {
		const mark = step.notJudged ? ' ? ' : step.ok ? 'ok ' : 'NO ';
		const head = `  ${mark} ${step.link.padEnd(8)} `;
		const body = wrap(step.detail, Math.max(20, width - head.length));
		lines.push(head + (body[0] ?? ''));
		for (const more of body.slice(1)) lines.push(' '.repeat(head.length) + more);
	}
	if (result.endpoints.length > 0) {
		lines.push('', '  endpoints:');
		for (const ep of result.endpoints) {
			const who = [ep.pod, ep.ip ? `${ep.ip}:${ep.port}` : `port ${ep.port}`].filter(Boolean).join(' ');
			// The policy named on a leg admits it, or (when none does) isolates it: say which.
			const leg = (side: string, policy: typeof ep.egress, allowed: boolean) => (policy ? `${side} ${allowed ? 'admitted by' : 'refused: isolated by'} ${policy.name}` : '');
			const legs = [leg('egress', ep.egress, ep.egressAllowed), leg('ingress', ep.ingress, ep.ingressAllowed)].filter(Boolean).join(', ');
			const body = wrap(`${who}${legs ? `  (${legs})` : ''}`, Math.max(20, width - 13));
			lines.push(`    ${ep.allowed ? 'allowed' : 'blocked'}  ${body[0] ?? ''}`, ...body.slice(1).map((more) => `             ${more}`));
		}
	}
	return lines.map(safe).join('\n');
}

/** The fields DESIGN.md lists, and whether each link was judged (its policies read). */
export function reachJson(result: ReachResult) {
	return {
		from: result.from,
		to: result.to,
		verdict: result.verdict,
		steps: result.steps.map((s) => ({ link: s.link, ok: s.ok, judged: s.notJudged === undefined, detail: s.detail, policies: s.policies })),
		endpoints: result.endpoints.map((e) => ({ ip: e.ip, port: e.port, pod: e.pod, allowed: e.allowed, egress: e.egress, ingress: e.ingress })),
		notModelled: result.notModelled,
	};
}
