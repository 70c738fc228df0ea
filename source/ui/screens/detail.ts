/**
 * The Service detail screen: every link between a client and the pods of one Service, each as
 * the model computed it — the chain with its first broken link, the findings with their hints,
 * the selector and the pods it matches (and nearly matches), how each port resolves on those
 * pods, the endpoints with their conditions, the Ingress rules that route here, the DNS records
 * and kube-proxy's chain tree for --node. Text lines, scrolled; nothing here applies a rule.
 */
import type { ServiceAnalysis } from '../../model/analyze.js';
import { ingressesNotRead, type ChainLink, type LinkState } from '../../model/chain.js';
import type { EndpointView } from '../../model/endpoints.js';
import type { Finding } from '../../model/findings.js';
import { rowsToService } from '../../model/ingress/index.js';
import { plural } from '../../model/diagnostics/text.js';
import { podMakerName } from '../../model/pod-makers.js';
import type { ServicePortWiring } from '../../model/wiring.js';
import { displayWidth, formatHeader, formatRow, layoutColumns, type Column } from '../../report/columns.js';
import { safe } from '../../report/safe-text.js';
import { formatLabels } from '../../model/selectors.js';
import { clusterIPText } from '../../report/services.js';
import { statusLabel, statusSymbol } from '../../report/status.js';
import { wrap } from '../../report/wrap.js';
import { seg, type Line, type Tone } from '../lines.js';
import { backendText, hostText, pathText, pathTypeText } from '../../report/ingresses.js';
import { treeLines } from './proxy-tree.js';
import { whoMayConnectLines } from './who-may-connect.js';
import type { ScreenData, TextScreen } from './screen-model.js';

/** More rows than this in one section are summarised; the window would never show them anyway. */
const sectionLimit = 300;

const linkSymbol: Record<LinkState, string> = { ok: '✓', warning: '!', broken: '✗', skipped: '-' };
const linkTone: Record<LinkState, Tone> = { ok: 'ok', warning: 'warning', broken: 'error', skipped: 'muted' };

function heading(text: string, note = ''): Line {
	return note ? [seg(text, 'title', true), seg(`  ${note}`, 'muted')] : [seg(text, 'title', true)];
}

function wrapped(text: string, width: number, indent: string, hang: string, tone: Tone = 'plain'): Line[] {
	return wrap(indent + text, width, hang).map((t) => [seg(t, tone)]);
}

function more(count: number, noun: string): Line {
	return [seg(`  … and ${count} more ${noun}`, 'muted')];
}

export function chainLines(links: readonly ChainLink[], width: number): Line[] {
	if (links.length === 0) return [[seg('  not available: the link-by-link chain is not computed in this build', 'muted')]];
	const firstBroken = links.findIndex((l) => l.state === 'broken');
	const labelWidth = Math.min(16, Math.max(...links.map((l) => safe(l.label).length)));
	const lines: Line[] = [];
	links.forEach((link, i) => {
		const mark = i === firstBroken;
		const head: Line = [
			seg(mark ? '► ' : '  ', 'error', true),
			seg(`${linkSymbol[link.state]} `, linkTone[link.state]),
			seg(safe(link.label).padEnd(labelWidth), linkTone[link.state], mark),
		];
		const detail = safe(link.detail);
		const room = width - 4 - Math.max(labelWidth, displayWidth(safe(link.label))) - 2;
		if (detail && displayWidth(detail) <= room) lines.push([...head, seg(`  ${detail}`)]);
		else {
			lines.push(head);
			if (detail) lines.push(...wrapped(detail, width, '      ', '      '));
		}
		if (mark) lines.push([seg('      ↑ first broken link', 'error', true)]);
	});
	return lines;
}

export function findingLines(findings: readonly Finding[], width: number): Line[] {
	if (findings.length === 0) return [[seg('  ✓ no findings for this Service', 'ok')]];
	return findings.flatMap((f) => [
		...wrap(`  ${statusSymbol[f.severity]} ${f.code} ${safe(f.message)}`, width, '          ').map((t): Line => [seg(t, f.severity)]),
		...wrapped(`fix: ${safe(f.hint)}`, width, '          ', '               '),
	]);
}

/**
 * Findings on the objects the chain passes (an Ingress's missing TLS Secret, a route's backendRef,
 * a policy that shuts the controller out): not the Service's own, so its status does not count
 * them, but the chain marks them, and the detail lists them so the two agree.
 */
function onTheWay(s: ServiceAnalysis): Finding[] {
	const own = new Set(s.findings);
	return [...new Set(s.chain.flatMap((l) => l.findings))].filter((f) => !own.has(f));
}

/** FINDINGS: the Service's own, then those on the way to it. */
function findingsSection(s: ServiceAnalysis, width: number): Line[] {
	const others = onTheWay(s);
	return [heading(`FINDINGS ${s.findings.length}`, others.length > 0 ? `+${others.length} on the way` : undefined), ...findingLines(s.findings, width), ...onTheWayLines(others, width)];
}

function onTheWayLines(others: readonly Finding[], width: number): Line[] {
	if (others.length === 0) return [];
	return [
		[seg('  on the way to it:', 'muted')],
		...others.flatMap((f) => [
			...wrap(`  ${statusSymbol[f.severity]} ${f.code} ${safe(f.message)}`, width, '          ').map((t): Line => [seg(t, f.severity)]),
			...wrapped(`fix: ${safe(f.hint)}`, width, '          ', '               '),
		]),
	];
}

function podLines(s: ServiceAnalysis, width: number): Line[] {
	const svc = s.wiring.service;
	const lines: Line[] = [];
	if (!svc.selector) {
		lines.push(heading('SELECTOR', 'none: endpoints are managed by hand (or by a controller)'));
	} else if (s.known.pods !== 'read') {
		lines.push(heading(`SELECTOR ${safe(formatLabels(svc.selector))}`, s.known.pods === 'loading' ? 'pods still loading' : 'pods not read (forbidden, or not in the input)'));
	} else {
		// A terminating pod may still report Ready; it gets no new traffic, so it is counted apart.
		// A planned pod (a workload's template) or a Pod manifest without status is neither ready nor
		// not: it is drawn as such, never as a red "not ready".
		const pods = s.wiring.pods;
		const ready = pods.filter((p) => p.ready && !p.terminating).length;
		const terminating = pods.filter((p) => p.terminating).length;
		const planned = pods.filter((p) => p.planned).length;
		const noStatus = pods.filter((p) => !p.planned && !p.hasStatus).length;
		const counts = [
			`${plural(pods.length, 'pod')} ${pods.length === 1 ? 'matches' : 'match'}`,
			...(pods.length > planned + noStatus ? [`${ready} ready`] : []),
			...(terminating ? [`${terminating} terminating`] : []),
			...(planned ? [`${planned} planned`] : []),
			...(noStatus ? [`${noStatus} without status`] : []),
		].join(', ');
		lines.push(heading(`SELECTOR ${safe(formatLabels(svc.selector))}`, counts));
		if (pods.length === 0 && s.podMaker) {
			lines.push(...wrapped(`pods made by ${safe(podMakerName(s.podMaker))} through its operator once applied (kubewire does not plan them)`, width, '  ~ ', '    ', 'muted'));
		} else if (pods.length === 0) lines.push([seg('  ✗ no pod in this namespace matches', 'error')]);
		const nameWidth = Math.min(40, Math.max(0, ...pods.map((p) => safe(p.name).length)));
		for (const pod of pods.slice(0, sectionLimit)) {
			const [mark, state, tone]: [string, string, Tone] = pod.planned
				? ['~', 'planned', 'muted']
				: !pod.hasStatus
					? ['~', 'no status', 'muted']
					: pod.terminating
						? ['!', 'terminating', 'warning']
						: pod.ready
							? ['✓', 'ready', 'ok']
							: ['✗', 'not ready', 'error'];
			lines.push([
				seg(`  ${mark} `, tone),
				seg(safe(pod.name).padEnd(nameWidth)),
				seg(`  ${(pod.podIP || '-').padEnd(15)}  `),
				seg(state.padEnd(11), tone),
				seg(`  ${safe(pod.nodeName) || '-'}`, 'muted'),
			]);
		}
		if (s.wiring.pods.length > sectionLimit) lines.push(more(s.wiring.pods.length - sectionLimit, 'pods'));
	}
	// Near misses and pods elsewhere are the model's findings; shown here beside the selector too.
	for (const f of s.findings.filter((x) => x.code === 'KW103' || x.code === 'KW102')) {
		lines.push(...wrapped(`${f.code === 'KW103' ? 'near miss' : 'elsewhere'}: ${safe(f.message)}`, width, '  ~ ', '      ', f.severity));
	}
	return lines;
}

function targetText(p: ServicePortWiring): string {
	return typeof p.port.targetPort === 'number' ? String(p.port.targetPort) : `"${safe(p.port.targetPort)}"`;
}

function portLines(s: ServiceAnalysis, width: number): Line[] {
	const lines: Line[] = [heading('PORTS', 'service port → targetPort → container port on the matched pods')];
	if (s.wiring.ports.length === 0) lines.push([seg('  no ports', 'muted')]);
	for (const p of s.wiring.ports) {
		const name = p.port.name ? `${safe(p.port.name)} ` : '';
		const node = p.port.nodePort ? `  nodePort ${p.port.nodePort}` : '';
		const resolved = p.containerPorts.length > 0 ? ` → ${p.containerPorts.join(', ')}` : '';
		lines.push([seg(`  ${name}${p.port.port}/${p.port.protocol} → targetPort ${targetText(p)}${resolved}`), seg(node, 'accent')]);
		if (p.pods.length === 0) continue;
		const good = p.pods.filter((r) => r.resolution.containerPort !== undefined && r.resolution.declared && r.resolution.protocolMatches);
		const containers = [...new Set(good.map((r) => r.resolution.container).filter(Boolean))];
		if (good.length > 0) {
			lines.push([seg(`    ✓ ${good.length}/${p.pods.length} pods declare it`, 'ok'), seg(containers.length ? ` (container ${safe(containers.join(', '))})` : '', 'muted')]);
		}
		for (const r of p.pods.filter((x) => !good.includes(x)).slice(0, sectionLimit)) {
			const pod = safe(r.pod.name);
			const res = r.resolution;
			const text =
				res.containerPort === undefined
					? `✗ ${pod}: no container port named ${targetText(p)}${res.foundProtocol ? ` for ${p.port.protocol} (it is ${res.foundProtocol})` : ''}`
					: !res.protocolMatches
						? `! ${pod}: port ${res.containerPort} is ${res.foundProtocol ?? 'another protocol'} in the pod, ${p.port.protocol} in the Service`
						: `! ${pod}: ${res.containerPort} is not declared by any container (traffic is still sent there)`;
			lines.push(...wrapped(text, width, '    ', '      ', res.containerPort === undefined ? 'error' : 'warning'));
		}
	}
	return lines;
}

function endpointPod(ep: EndpointView): string {
	return ep.pod || '-';
}

function yesNo(value: boolean): string {
	return value ? 'yes' : 'no';
}

function endpointLines(s: ServiceAnalysis, data: ScreenData): Line[] {
	const w = s.wiring;
	const sources = [...new Set(w.endpoints.map((e) => (e.derived ? e.source.name : `${e.source.kind} ${e.source.name}`)))];
	const lines: Line[] = [
		heading(`ENDPOINTS ${w.readyEndpointCount}/${w.endpointCount} ready`, sources.length ? `${w.endpointsDerived ? '' : 'from '}${safe(sources.slice(0, 2).join(', '))}${sources.length > 2 ? ', …' : ''}` : ''),
	];
	if (w.externalName) return [...lines, [seg('  none: an ExternalName Service is a DNS alias, kube-proxy has no rules for it', 'muted')]];
	if (s.known.endpoints !== 'read') {
		const why = s.known.endpoints === 'loading' ? 'still loading' : 'not read (forbidden, or not in the input): nothing is judged from them';
		return [heading('ENDPOINTS', why)];
	}
	// Endpoints no rule judges (manifests: they exist once applied) are said so, in the chain's words.
	const link = s.chain.find((l) => l.kind === 'endpoint');
	if (link?.state === 'skipped' && w.endpoints.length === 0) return [heading('ENDPOINTS', safe(link.label)), ...wrapped(safe(link.detail), data.width, '  ', '  ', 'muted')];
	if (w.endpoints.length === 0) return [...lines, [seg('  ✗ no endpoints', 'error')]];
	const columns: Column<EndpointView>[] = [
		{ header: 'ADDRESS', cell: (e) => `${e.ip}${e.port !== undefined ? `:${e.port}` : ''}`, min: 12, flexible: true, identifies: true },
		{ header: 'READY', cell: (e) => yesNo(e.ready), min: 5 },
		{ header: 'SERVING', cell: (e) => yesNo(e.serving), min: 7, dropOrder: 2 },
		{ header: 'TERM', cell: (e) => yesNo(e.terminating), min: 4 },
		{ header: 'NODE', cell: (e) => e.node || '-', min: 6, flexible: true, dropOrder: 1 },
		{ header: 'POD', cell: endpointPod, min: 6, flexible: true },
	];
	const shown = w.endpoints.slice(0, sectionLimit);
	const layout = layoutColumns(columns, shown, data.width - 4);
	lines.push([seg(`    ${formatHeader(layout)}`, 'muted')]);
	for (const ep of shown) {
		const tone: Tone = ep.ready ? 'ok' : ep.terminating || ep.serving ? 'warning' : 'error';
		lines.push([seg(`  ${ep.ready ? '✓' : ep.terminating ? '!' : '✗'} `, tone), seg(formatRow(layout, ep))]);
	}
	if (w.endpoints.length > sectionLimit) lines.push(more(w.endpoints.length - sectionLimit, 'endpoints'));
	return lines;
}

function ingressLines(s: ServiceAnalysis, data: ScreenData, width: number): Line[] {
	const routing = data.analysis.routing;
	const routes = rowsToService(routing, s.wiring.key);
	const lines: Line[] = [heading('INGRESS RULES routing here', routing.className ? `class ${safe(routing.className)}` : 'no IngressClass chosen')];
	// The chain's ingress link says whether "none" is a fact or the Ingresses were not read.
	const unread = routes.length === 0 ? s.chain.find((l) => l.kind === 'ingress' && l.label === ingressesNotRead) : undefined;
	if (unread) lines.push(...wrapped(safe(unread.detail), width, '  ', '  ', 'muted'));
	else if (routes.length === 0) lines.push([seg('  none', 'muted')]);
	for (const r of routes.slice(0, sectionLimit)) {
		const where = r.defaultBackend ? '(default backend)' : `${hostText(r)}${pathText(r)} (${pathTypeText(r)})`;
		lines.push([
			seg(`  ${safe(r.ingress)}  `),
			seg(safe(where), 'accent'),
			seg(`${r.tls ? ' tls' : ''} → ${safe(backendText(r))}`),
			seg(r.shadowedBy ? `  shadowed by ${safe(r.shadowedBy.namespace)}/${safe(r.shadowedBy.name)}` : '', 'warning'),
		]);
	}
	return lines;
}

function dnsLines(s: ServiceAnalysis): Line[] {
	const lines: Line[] = [heading('DNS')];
	if (s.dns.length === 0) lines.push([seg('  no records', 'muted')]);
	const nameWidth = Math.min(50, Math.max(0, ...s.dns.map((r) => safe(r.name).length)));
	for (const r of s.dns.slice(0, sectionLimit)) {
		lines.push([seg(`  ${r.type.padEnd(5)} `, 'accent'), seg(safe(r.name).padEnd(nameWidth)), seg(`  ${safe(r.value)}`)]);
	}
	if (s.dns.length > sectionLimit) lines.push(more(s.dns.length - sectionLimit, 'records'));
	return lines;
}

function proxyLines(s: ServiceAnalysis, data: ScreenData, width: number): Line[] {
	if (!data.proxyTrees) return [heading('KUBE-PROXY'), [seg('  not available in this view', 'muted')]];
	const result = data.proxyTrees(data.analysis, s.wiring.key);
	const lines: Line[] = [heading(`KUBE-PROXY on node ${safe(result.node) || '(none)'}`, result.subtitle ?? 'iptables chains; share = part of new connections')];
	if (result.note) lines.push(...wrapped(safe(result.note), width, '  ', '  ', 'muted'));
	if (result.trees.length === 0) lines.push([seg('  no rules for this Service', 'muted')]);
	for (const t of result.trees) {
		if (t.why) lines.push(...wrapped(safe(t.why), width, '  ! ', '    ', 'warning'));
		lines.push(...treeLines(t.root, width));
	}
	return lines;
}

export function detailTitle(s: ServiceAnalysis): Line {
	const svc = s.wiring.service;
	return [
		seg(statusLabel(s.status), s.status, true),
		seg(`  ${safe(s.wiring.key)}`, 'title', true),
		seg(`  ${safe(svc.type)} ${safe(clusterIPText(s))}`, 'muted'),
	];
}

export function detailScreen(data: ScreenData, key: string): TextScreen {
	const s = data.analysis.serviceByKey.get(key);
	if (!s) {
		return {
			kind: 'text',
			title: [seg(`Service ${safe(key)}`, 'title', true)],
			lines: [[seg('This Service is no longer in the snapshot (deleted?). Esc goes back.', 'warning')]],
		};
	}
	const width = data.width;
	const svc = s.wiring.service;
	const lines: Line[] = [];
	const notes: string[] = [];
	if (s.wiring.headless) notes.push('headless: DNS answers with the ready pod IPs; kube-proxy has no rules for it');
	if (s.wiring.externalName) notes.push(`ExternalName: DNS answers with a CNAME to ${safe(svc.externalName ?? '')}`);
	if (svc.externalTrafficPolicy === 'Local') notes.push('externalTrafficPolicy Local: external traffic only reaches endpoints on the node it arrives at');
	for (const n of notes) lines.push(...wrapped(n, width, '', '  ', 'muted'));
	const section = (...more: Line[][]) => {
		for (const block of more) {
			if (lines.length > 0) lines.push([]);
			lines.push(...block);
		}
	};
	section(
		[heading('CHAIN', 'client → … → pod; ► marks the first broken link'), ...chainLines(s.chain, width)],
		s.status === 'pending'
			? [heading('FINDINGS', 'still being checked'), [seg('  … the diagnostics have not run yet', 'muted')]]
			: findingsSection(s, width),
		podLines(s, width),
		portLines(s, width),
		endpointLines(s, data),
		ingressLines(s, data, width),
		whoMayConnectLines(s, data.analysis.context, width),
		dnsLines(s),
		proxyLines(s, data, width),
	);
	return { kind: 'text', title: detailTitle(s), lines };
}
