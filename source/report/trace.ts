/**
 * `kubewire trace` output: the rules one packet matched, in order, and the outcome in words; or
 * the JSON that DESIGN.md fixes (verdict, targets, masquerade, path) plus the explanation.
 */
import type { Packet, ResolvedSettings, TraceResult } from '../model/iptables/index.js';
import type { NftTraceResult } from '../model/nftables/index.js';
import { endpointsNotGivenLine } from './kube-proxy-presence.js';
import { safe } from './safe-text.js';
import { wrap } from './wrap.js';

function packetText(packet: Packet): string {
	const to = packet.destination.includes(':') ? `[${packet.destination}]` : packet.destination;
	return `${packet.source} → ${to}:${packet.port}/${packet.protocol.toLowerCase()}`;
}

/** iptables mode's rules, or nftables mode's table: the two traces have the same shape. */
export type AnyTrace = TraceResult | NftTraceResult;
export type TraceMode = 'iptables' | 'nftables';

/** The modeNote speaks of iptables rules; an nftables trace is the node's own mode. */
function modeNoteFor(resolved: ResolvedSettings, mode: TraceMode): string | undefined {
	return mode === 'nftables' ? undefined : resolved.modeNote;
}

/** What the input left out that a trace depends on: Services whose endpoints or ClusterIP it does not give. */
export interface TraceInputNotes {
	/** Services whose endpoints were derived from their pods (no EndpointSlice in the input). */
	derived: readonly string[];
	/** Services with no ClusterIP in the input (manifests): assigned on apply, so no rule is written for them. */
	unassigned: readonly string[];
	/** Selectorless Services on the path whose EndpointSlices were not read: their "no endpoints" is not known. */
	notGiven?: readonly string[];
	/** Whether the node's rules are kube-proxy's at all (a replacement runs, kube-proxy not Ready there): report/kube-proxy-presence.ts's lines. */
	kubeProxy?: readonly string[];
}

const noNotes: TraceInputNotes = { derived: [], unassigned: [] };

function shortList(keys: readonly string[]): string {
	return `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
}

function derivedNote({ derived, unassigned, notGiven = [], kubeProxy }: TraceInputNotes): string[] {
	const out: string[] = [...(kubeProxy ?? [])];
	if (derived.length > 0) out.push(`endpoints derived from the pods (the input has no EndpointSlice) for ${shortList(derived)}`);
	if (notGiven.length > 0) out.push(endpointsNotGivenLine(notGiven));
	if (unassigned.length > 0) {
		out.push(`${unassigned.length} Service(s) have no ClusterIP in the input (assigned on apply), so no rule is written for them: ${shortList(unassigned)}`);
	}
	return out;
}

export function traceText(resolved: ResolvedSettings, packet: Packet, result: AnyTrace, width: number, mode: TraceMode = 'iptables', derived: TraceInputNotes = noNotes): string {
	const node = resolved.settings.nodeName || 'no node';
	const lines = [`Packet ${packetText(packet)} through kube-proxy's ${mode} rules on ${node}`];
	const note = modeNoteFor(resolved, mode);
	if (note) lines.push(`note: ${note}`);
	for (const line of derivedNote(derived)) lines.push(`note: ${line}`);
	lines.push('');
	if (result.path.length === 0) lines.push('  (no rule matched)');
	// nftables lines already name their table (`add rule ip kube-proxy …`).
	for (const step of result.path) lines.push(mode === 'nftables' ? `  ${step.rule}` : `  ${step.table.padEnd(6)} ${step.rule}`);
	lines.push('');
	const outcome =
		result.verdict === 'DNAT' ? `DNAT → ${result.targets.join(', ')}` : result.verdict === 'NONE' ? 'NONE (no kube-proxy rule acts on it)' : result.verdict;
	lines.push(`verdict:    ${outcome}`);
	lines.push(`masquerade: ${result.masquerade ? 'yes' : 'no'}`);
	lines.push(...wrap(result.explanation, width));
	return lines.map(safe).join('\n');
}

export function traceJson(resolved: ResolvedSettings, packet: Packet, result: AnyTrace, mode: TraceMode = 'iptables', derived: TraceInputNotes = noNotes) {
	const note = modeNoteFor(resolved, mode);
	return {
		verdict: result.verdict,
		targets: result.targets,
		masquerade: result.masquerade,
		path: result.path.map((s) => ({ table: s.table, chain: s.chain, rule: s.rule })),
		explanation: result.explanation,
		node: resolved.settings.nodeName,
		packet: { source: packet.source, destination: packet.destination, port: packet.port, protocol: packet.protocol.toLowerCase() },
		mode,
		notes: [...(note ? [note] : []), ...resolved.notes, ...derivedNote(derived)],
	};
}
