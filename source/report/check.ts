/**
 * `kubewire check`: every finding, grouped by severity and then by object, readable in 80
 * columns without colour (the headings and codes carry the severity, not colour); or the JSON
 * that DESIGN.md fixes. Both cover the same findings: those of the namespaces in scope, plus
 * cluster-scoped objects. Text passes through `safe`; JSON escapes for itself.
 */
import type { Unreadable } from '../cluster/snapshot.js';
import type { Analysis } from '../model/analyze.js';
import type { Finding, Severity } from '../model/findings.js';
import { gatewayUnjudged } from '../model/gateway/unjudged.js';
import { awaitsApply } from '../model/planned-pods.js';
import { notInInput } from '../model/readable.js';
import { removedApisLine, unusedLine } from './input-notes.js';
import { safe } from './safe-text.js';
import { byOperator } from './services.js';
import { inScope, type Scope } from '../model/scope.js';
import { wrap } from './wrap.js';

export function findingsInScope(analysis: Analysis, scope: Scope): Finding[] {
	return analysis.findings.filter((f) => inScope(scope, f.namespace));
}

export function unreadableInScope(analysis: Analysis, scope: Scope): Unreadable[] {
	return analysis.context.snapshot.unreadable.filter((u) => inScope(scope, u.namespace));
}

export function checkJson(analysis: Analysis, scope: Scope): object {
	const { skipped, unusedKinds: unused } = analysis.context.snapshot;
	return {
		findings: findingsInScope(analysis, scope).map((f) => ({
			code: f.code,
			severity: f.severity,
			kind: f.kind,
			namespace: f.namespace,
			name: f.name,
			message: f.message,
			hint: f.hint,
		})),
		unreadable: unreadableInScope(analysis, scope).map((u) => ({
			resource: u.resource,
			namespace: u.namespace,
			reason: u.reason,
		})),
		// Only when there is something to say: what the input held but could not be used
		// (duplicates name the file whose copy lost), and objects of kinds kubewire does not use.
		...(skipped.length > 0 ? { skipped: skipped.map((s) => ({ origin: s.origin, kind: s.kind, name: s.name, reason: s.reason })) } : {}),
		...(analysis.context.snapshot.removedApis?.length ? { removedApis: analysis.context.snapshot.removedApis.filter((r) => inScope(scope, r.namespace)) } : {}),
		...(unused ? { unused } : {}),
	};
}

const headings: Record<Severity, string> = { error: 'ERRORS', warning: 'WARNINGS', info: 'INFO' };

function count(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function unreadableLine(u: Unreadable): string {
	return `could not read ${u.resource}${u.namespace ? ` in namespace ${u.namespace}` : ''} (${u.reason})`;
}

export function checkText(analysis: Analysis, scope: Scope, width: number): string {
	const findings = findingsInScope(analysis, scope);
	const snapshot = analysis.context.snapshot;
	const services = analysis.services.filter((s) => inScope(scope, s.wiring.service.namespace)).length;
	const bySeverity = (sev: Severity) => findings.filter((f) => f.severity === sev);
	const lines: string[] = [];
	const where = safe(snapshot.origin.description) + (scope.namespace ? `, namespace ${safe(scope.namespace)}` : '');
	lines.push(
		...wrap(`kubewire check: ${where}`, width, '  '),
		`${count(bySeverity('error').length, 'error')}, ${count(bySeverity('warning').length, 'warning')}, ${bySeverity('info').length} info across ${count(services, 'Service')}`,
	);
	for (const severity of ['error', 'warning', 'info'] as const) {
		const group = bySeverity(severity);
		if (group.length === 0) continue;
		lines.push('', headings[severity]);
		let subject = '';
		for (const f of group) {
			const key = `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
			if (key !== subject) {
				lines.push(`  ${safe(key)}`);
				subject = key;
			}
			lines.push(...wrap(`    ${f.code} ${safe(f.message)}`, width, '          '));
			lines.push(...wrap(`          fix: ${safe(f.hint)}`, width, '               '));
		}
	}
	const unreadable = unreadableInScope(analysis, scope).filter((u) => u.reason !== notInInput);
	const absent = unreadableInScope(analysis, scope).filter((u) => u.reason === notInInput);
	if (unreadable.length > 0 || absent.length > 0) {
		lines.push('', 'NOT READ (no finding is drawn from these)');
		for (const u of unreadable) lines.push(...wrap(`  ${safe(unreadableLine(u))}`, width, '    '));
		if (absent.length > 0) lines.push(...wrap(`  not in the input: ${absent.map((u) => u.resource).join(', ')}`, width, '    '));
	}
	if (snapshot.unusedKinds) lines.push('', ...wrap(safe(unusedLine(snapshot.unusedKinds)), width, '  '));
	const removed = (snapshot.removedApis ?? []).filter((r) => inScope(scope, r.namespace));
	if (removed.length > 0) lines.push('', ...wrap(safe(removedApisLine(removed)), width, '  '));
	if (snapshot.skipped.length > 0) {
		lines.push('', `SKIPPED (${snapshot.skipped.length} object${snapshot.skipped.length === 1 ? '' : 's'} could not be used)`);
		for (const s of snapshot.skipped.slice(0, 20)) {
			lines.push(...wrap(`  ${safe(s.origin)}: ${safe([s.kind, s.name].filter(Boolean).join(' ') || 'document')}: ${safe(s.reason)}`, width, '    '));
		}
		if (snapshot.skipped.length > 20) lines.push(`  … and ${snapshot.skipped.length - 20} more`);
	}
	if (findings.length === 0) {
		// Readiness is known once applied for planned pods, an operator's, and Pod manifests without status.
		const planned = analysis.services.some((s) => s.wiring.pods.some((p) => p.planned) || s.podMaker !== undefined || awaitsApply(s.endpointsUnjudged));
		const noPods = absent.some((u) => u.resource === 'pods');
		// Pods unread in some namespaces (RBAC, or a capture that left them out): their Services' wiring is not known.
		const podsUnread = new Set(unreadable.filter((u) => u.resource === 'pods').map((u) => u.namespace)).size;
		// A Service without a selector whose EndpointSlices the input does not hold: nothing says it is wired.
		const endpointsUnread = analysis.services.filter((s) => inScope(scope, s.wiring.service.namespace) && s.endpointsUnjudged === 'unread').length;
		lines.push(
			'',
			services === 0
				? 'No problems found in what the input holds (it holds no Service).'
				: noPods
				? 'No problems found in what the input holds (it holds no pods or workloads to wire Services to).'
				: podsUnread > 0
				? `No problems found in what was read; the pods of ${podsUnread === 1 ? '1 namespace were' : `${podsUnread} namespaces were`} not (see NOT READ).`
				: planned
					? 'No problems found: selectors, ports and routes fit the workloads (readiness is known once applied).'
					: endpointsUnread > 0
					? `No problems found in what the input holds; whether ${endpointsUnread === 1 ? '1 Service has' : `${endpointsUnread} Services have`} ready endpoints is not known (see NOT READ).`
					: 'No problems found: every Service is wired to ready pods.',
		);
	}
	// Said with findings or without: what was not judged is neither fine nor broken.
	const gateway = gatewayUnjudged(analysis.context, (ns) => inScope(scope, ns));
	const notJudged = [
		gateway.routes > 0 ? `${gateway.routes === 1 ? '1 Gateway route' : `${gateway.routes} Gateway routes`} (${gateway.firstWhy ?? 'see kubewire gateways'})` : '',
		gateway.unmodelled.length > 0 ? `${gateway.unmodelled.join(', ')}: listed by kubewire gateways, not modelled` : '',
		gateway.mesh > 0 ? `${gateway.mesh === 1 ? '1 mesh route' : `${gateway.mesh} mesh routes`} (GAMMA: a Service parent; the service mesh applies it, not kube-proxy or a Gateway)` : '',
		gateway.listenerSets > 0 ? `${gateway.listenerSets === 1 ? '1 route' : `${gateway.listenerSets} routes`} attached through a ListenerSet, which kubewire does not model` : '',
	].filter(Boolean);
	// Pods an operator makes from a custom resource are not planned: which ports they open, and the
	// labels the operator sets beside those the selector was matched on, show only once applied.
	const operatorMade = analysis.services.filter((s) => inScope(scope, s.wiring.service.namespace) && byOperator(s));
	const makers = [...new Set(operatorMade.map((s) => `${s.podMaker!.kind} ${s.podMaker!.namespace}/${s.podMaker!.name}`))];
	if (makers.length > 0) {
		const services = operatorMade.length === 1 ? "1 Service's ports" : `${operatorMade.length} Services' ports`;
		notJudged.push(`${services} on the pods an operator makes from ${makers.slice(0, 2).join(', ')}${makers.length > 2 ? ', …' : ''}, known once applied`);
	}
	if (notJudged.length > 0) lines.push(...(findings.length > 0 ? [''] : []), ...wrap(safe(`Not judged: ${notJudged.join('; ')}.`), width, '  '));
	return lines.join('\n');
}

export function hasErrors(analysis: Analysis, scope: Scope): boolean {
	return findingsInScope(analysis, scope).some((f) => f.severity === 'error');
}
