/**
 * The Help screen (`?`): every key and `:` command, read from the same tables the input handler
 * uses, and the symbols that carry each status when there is no colour — including the marks the
 * list screens put on rows that are not a plain status. Entries wrap to the terminal's width
 * under their text, so nothing is cut at 60 or 80 columns.
 */
import { statusSymbol, statusWord } from '../../report/status.js';
import { wrap } from '../../report/wrap.js';
import { bindings } from '../keys.js';
import { seg, type Line, type Tone } from '../lines.js';
import { commandSpecs } from '../state/commands.js';
import type { TextScreen } from './screen-model.js';

/** The marks the screens use besides the four statuses, what they mean, and where they appear. */
const marks: [mark: string, tone: Tone, meaning: string][] = [
	['✗ OUT', 'error', 'Gateways: a route its Gateway refuses (the preview says why)'],
	['✗ NOPROG', 'error', 'Gateways: a rule or listener of a Gateway no controller programs (its GatewayClass is missing, or its status says no controller accepted it)'],
	['- IDLE', 'muted', 'Gateways: a listener no route is attached to'],
	['? UNJUDGED', 'muted', 'Gateways: a rule with no finding, one of whose backends is not judged (its Service or ReferenceGrant is not in the input, or an implementation-specific kind); the preview says why'],
	['- MESH', 'muted', 'Gateways: a mesh route (its parent is a Service), listed, not judged'],
	['- LSET', 'muted', 'Gateways: a route attached through a ListenerSet, listed, not judged'],
	['- NONE', 'muted', 'Gateways: a route whose parentRefs name no Gateway'],
	['- TCP', 'muted', 'Gateways: a TCPRoute, TLSRoute (- TLS) or UDPRoute (- UDP), which kubewire does not model: listed, not judged'],
	['- OUT', 'muted', 'Ingresses: an Ingress the chosen class leaves out (another class serves it, or none); PROBLEM says why'],
	['? NOT READ', 'warning', 'Problems: a kind that could not be read, or is not in the input: nothing is judged from it'],
	['2/2*', 'plain', 'READY: endpoints computed from the pods, as no EndpointSlice was in the input'],
	['planned', 'muted', 'READY: pods still to be made from a workload template (manifests), neither ready nor unready'],
	['~', 'muted', 'Service detail: a planned pod, or one without status'],
	['? …', 'muted', 'a count that could not be read (?) or is still loading (…)'],
	['►', 'error', "the first broken link of a Service's chain (detail screen)"],
];

/** One entry: its key or mark in a column, then its text, wrapped under itself. */
function entry(label: string, labelWidth: number, tone: Tone, text: string, width: number): Line[] {
	const lead = `  ${label.padEnd(labelWidth)}  `;
	const indent = ' '.repeat(lead.length);
	// Wrap as if the label were blanks, then put the label back on the first line.
	return wrap(indent + text, Math.max(lead.length + 12, width), indent).map((t, i) => (i === 0 ? [seg(lead, tone), seg(t.slice(lead.length))] : [seg(t)]));
}

export function helpScreen(width = 80): TextScreen {
	const keyWidth = Math.max(...bindings.map((b) => b.keys.length));
	// The footer drops entries when the terminal is narrow; every key still works.
	const lines: Line[] = [[seg('KEYS', 'title', true), seg('  (the footer shows those that fit; all of these work)', 'muted')]];
	for (const b of bindings) lines.push(...entry(b.keys, keyWidth, 'accent', b.help, width));
	lines.push([], [seg('COMMANDS (type : then the name, Enter)', 'title', true)]);
	const commands = commandSpecs();
	const names = commands.map((c) => `:${c.names.join(' :')}${c.argument ? ` ${c.argument}` : ''}`);
	const nameWidth = Math.max(...names.map((n) => n.length));
	commands.forEach((c, i) => lines.push(...entry(names[i]!, nameWidth, 'accent', c.help, width)));
	lines.push([], [seg('STATUS (symbol and word, so no colour is needed)', 'title', true)]);
	const markWidth = Math.max(...marks.map(([m]) => m.length));
	for (const s of ['error', 'warning', 'info', 'ok'] as const) {
		const meaning = s === 'ok' ? 'no finding' : `worst finding is ${s === 'warning' ? 'a warning' : s === 'error' ? 'an error' : 'info'}`;
		lines.push(...entry(`${statusSymbol[s]} ${statusWord[s]}`, markWidth, s, meaning, width));
	}
	lines.push([], [seg('OTHER MARKS', 'title', true)]);
	for (const [mark, tone, meaning] of marks) lines.push(...entry(mark, markWidth, tone, meaning, width));
	return { kind: 'text', title: [seg('Help', 'title', true), seg('  Esc or ? to go back', 'muted')], lines };
}
