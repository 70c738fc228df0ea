/**
 * `kubewire iptables` output: kube-proxy's rules as iptables-save text, preceded by `#` lines
 * that say for which node and with which settings (and where each came from), so nobody mistakes
 * an assumption for a fact. iptables-save and iptables-restore both skip `#` lines.
 */
import { iptablesSave, iptablesSaveLines, ruleSetDump, sortDump, type ResolvedSettings, type RuleSet } from '../model/iptables/index.js';
import type { KubeProxyPresence } from '../model/kube-proxy.js';
import { endpointsNotGivenLine, kubeProxyAbsentLine, kubeProxyLines, kubeProxyNodeLine } from './kube-proxy-presence.js';
import { safe } from './safe-text.js';

export interface IptablesReportOptions {
	service?: string;
	/** Whether the cluster runs kube-proxy: when it visibly does not, the header says so first. */
	kubeProxy?: KubeProxyPresence;
}

function kernelNote(ruleSet: RuleSet): string {
	const k = ruleSet.settings.kernel;
	const parts = [
		k.nfacct ? 'nfacct counters present' : 'no nfacct counters',
		k.randomFully ? 'MASQUERADE --random-fully supported' : 'no --random-fully',
		`mark written ${ruleSet.masqueradeMark}`,
	];
	return `node kernel assumed as on a current node: ${parts.join(', ')} (kube-proxy's unit tests use a fake without these and the mark 0x4000)`;
}

export function iptablesHeader(resolved: ResolvedSettings, ruleSet: RuleSet, options: IptablesReportOptions = {}): string[] {
	const s = ruleSet.settings;
	const node = s.nodeName ? `node ${s.nodeName}` : 'no node (none known: give --node NAME)';
	const absent = kubeProxyAbsentLine(options.kubeProxy, 'iptables');
	const lines = absent
		? [`kubewire: ${absent}, for ${node} (${s.family}), chains in the order kube-proxy's tests sort them`]
		: [`kubewire: the ${s.family} rules kube-proxy's iptables mode writes on ${node}, chains in the order kube-proxy's tests sort them`];
	const notReady = kubeProxyNodeLine(options.kubeProxy, s.nodeName);
	if (notReady) lines.push(notReady);
	if (resolved.modeNote) lines.push(resolved.modeNote);
	lines.push(...resolved.notes, kernelNote(ruleSet));
	if (ruleSet.largeCluster) lines.push('more than 1000 endpoints: kube-proxy leaves the comments out of KUBE-SVC→KUBE-SEP and KUBE-SEP rules');
	if (options.service) lines.push(`only the rules of Service ${options.service}`);
	const derived = (ruleSet.derivedEndpoints ?? []).filter((key) => !options.service || key === options.service);
	if (derived.length > 0) {
		const shown = derived.slice(0, 5).join(', ');
		lines.push(`endpoints derived from the pods (the input has no EndpointSlice) for ${derived.length} Service(s): ${shown}${derived.length > 5 ? ', …' : ''}`);
	}
	const notGiven = (ruleSet.endpointsNotGiven ?? []).filter((key) => !options.service || key === options.service);
	if (notGiven.length > 0) lines.push(endpointsNotGivenLine(notGiven));
	const skipped = ruleSet.skipped.filter((s) => !options.service || s.serviceKey === options.service);
	if (skipped.length > 0) {
		const shown = skipped.slice(0, 5).map((s) => `${s.serviceKey} (${s.why.split(/[:(]/)[0]!.trim()})`);
		lines.push(`no rules for ${skipped.length} Service(s): ${shown.join(', ')}${skipped.length > 5 ? ', …' : ''}`);
	}
	return lines.map((line) => `# ${line}`);
}

export function iptablesText(resolved: ResolvedSettings, ruleSet: RuleSet, options: IptablesReportOptions = {}): string {
	return [...iptablesTextLines(resolved, ruleSet, options)].join('\n');
}

/**
 * The report line by line, for writing out a large node's rules (hundreds of thousands of lines)
 * without holding them all as one string. safe() works per line: it turns line breaks into spaces.
 */
export function* iptablesTextLines(resolved: ResolvedSettings, ruleSet: RuleSet, options: IptablesReportOptions = {}): Generator<string> {
	for (const line of iptablesHeader(resolved, ruleSet, options)) yield safe(line);
	for (const line of iptablesSaveLines(ruleSet, options)) yield safe(line);
}

export function iptablesJson(resolved: ResolvedSettings, ruleSet: RuleSet, options: IptablesReportOptions = {}) {
	const s = ruleSet.settings;
	const dump = sortDump(ruleSetDump(ruleSet, options));
	const table = (name: string) => {
		const t = dump.tables.find((x) => x.name === name);
		return { chains: t?.chains.map((c) => c.name) ?? [], rules: t?.chains.flatMap((c) => c.rules) ?? [] };
	};
	return {
		node: s.nodeName,
		nodeIPs: s.nodeIPs,
		family: s.family,
		mode: s.mode,
		notes: [
			...kubeProxyLines(options.kubeProxy, 'iptables', s.nodeName),
			...(resolved.modeNote ? [resolved.modeNote] : []),
			...resolved.notes,
		],
		service: options.service ?? null,
		filter: table('filter'),
		nat: table('nat'),
		text: iptablesSave(ruleSet, options),
	};
}
