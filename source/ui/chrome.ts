/**
 * The lines around every screen: the header (context, scope, how fresh the data is, what could
 * not be read) and the footer (the keys that work here, or the filter/command being typed, or a
 * one-line notice). Pure, so the header's freshness wording is tested without a clock.
 */
import { notInInput, stillLoading } from '../model/readable.js';
import type { Snapshot, StreamHealth } from '../cluster/snapshot.js';
import { safe } from '../report/safe-text.js';
import { footerKeys } from './keys.js';
import { progressEntry } from './loading.js';
import { seg, type Line, type Tone } from './lines.js';
import { commandSpecs } from './state/commands.js';
import type { UiState } from './state/ui-state.js';
import { currentView } from './state/ui-state.js';

/**
 * How old the data is, as the header says it: `<10s` while it is fresh, then tens of seconds,
 * then minutes. The header changes only when this text does (see `nextAgeChange`), and each
 * change redraws the whole screen: counting single seconds cost an idle 10,000-Service screen 2 %
 * of a core (a redraw's garbage is collected from a heap of that size), for a figure no one acts on.
 */
export function age(fromIso: string | undefined, now: number): string {
	const ms = elapsed(fromIso, now);
	if (ms === undefined) return 'unknown';
	const s = Math.floor(ms / 1000);
	if (s < 10) return '<10s';
	if (s < 60) return `${Math.floor(s / 10) * 10}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m`;
	return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function elapsed(fromIso: string | undefined, now: number): number | undefined {
	if (!fromIso) return undefined;
	const ms = now - Date.parse(fromIso);
	return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** Milliseconds until `age` reads differently (undefined: never, the time is unknown). */
export function nextAgeChange(fromIso: string | undefined, now: number): number | undefined {
	const ms = elapsed(fromIso, now);
	if (ms === undefined) return undefined;
	const step = ms < 60_000 ? 10_000 : 60_000;
	return step - (ms % step);
}

export function freshness(health: StreamHealth, snapshot: Snapshot, now: number): { text: string; tone: Tone } {
	const msg = health.message ? `: ${safe(health.message)}` : '';
	switch (health.state) {
		case 'static':
			return { text: snapshot.origin.kind === 'demo' ? 'demo snapshot' : snapshot.origin.kind === 'files' ? 'offline snapshot' : 'snapshot', tone: 'muted' };
		case 'loading':
			return { text: progressText(health), tone: 'info' };
		case 'live':
			return { text: `live, updated ${age(health.updatedAt ?? snapshot.takenAt, now)} ago`, tone: 'ok' };
		case 'reconnecting':
			return { text: `reconnecting${msg}; data ${age(health.updatedAt ?? snapshot.takenAt, now)} old`, tone: 'warning' };
		case 'error':
			return { text: `error${msg}`, tone: 'error' };
	}
}

/**
 * "loading: 14 of 20 kinds in, pods 15500…": how far the first read got, then the kinds still
 * being read. Finished kinds are only counted: listed, "services 10000" read like work still to do.
 * A file being read has one unnamed entry ("reading 210 of 359 MB…"): no kinds to count then.
 */
function progressText(health: StreamHealth): string {
	const entries = Object.entries(health.progress ?? {});
	const kinds = entries.filter(([kind]) => kind !== '');
	const parts = kinds.length === 0 ? [] : [`${kinds.filter(([, p]) => !p.endsWith('…')).length} of ${kinds.length} kinds in`];
	for (const [kind, p] of entries) if (p.endsWith('…')) parts.push(progressEntry(kind, p));
	return parts.length === 0 ? 'loading…' : `loading: ${parts.join(', ')}`;
}

export function headerLine(snapshot: Snapshot, health: StreamHealth, namespace: string | undefined, now: number): Line {
	const origin = snapshot.origin;
	const fresh = freshness(health, snapshot, now);
	const line: Line = [
		seg('kubewire', 'accent', true),
		seg('  ctx ', 'muted'),
		seg(safe(origin.context ?? origin.kind)),
		seg('  ns ', 'muted'),
		seg(namespace ? safe(namespace) : 'all'),
		seg('  '),
		seg(fresh.text, fresh.tone),
	];
	// Kinds a manifest set simply does not hold are not a warning, nor kinds still being read; what
	// could not be read is.
	const notRead = snapshot.unreadable.filter((u) => u.reason !== notInInput && u.reason !== stillLoading).length;
	if (notRead > 0) {
		line.push(seg(`  ! ${notRead} not read (:problems)`, 'warning'));
	}
	line.push(seg(`  ${safe(origin.description)}`, 'muted'));
	return line;
}

/** `12-30/400`: which rows of how many are on screen. */
export function positionText(start: number, end: number, count: number): string {
	return count === 0 ? '' : `${start + 1}-${end}/${count}`;
}

export function footerLine(state: UiState, width = Infinity): Line {
	if (state.mode === 'filter') return [seg('/', 'accent', true), seg(safe(state.input)), seg('█', 'accent'), seg('   Enter keeps  Esc clears', 'muted')];
	if (state.mode === 'command') return [seg(':', 'accent', true), seg(safe(state.input)), seg('█', 'accent'), seg(`   ${commandSpecs().map((c) => c.names[0]).join(' ')}`, 'muted')];
	if (state.message) return [seg(state.message, 'warning')];
	const keys = footerKeys(currentView(state).screen, width);
	const line: Line = [];
	keys.forEach((k, i) => {
		const space = k.indexOf(' ');
		if (i > 0) line.push(seg('  '));
		line.push(seg(k.slice(0, space), 'accent', true), seg(k.slice(space), 'muted'));
	});
	return line;
}
