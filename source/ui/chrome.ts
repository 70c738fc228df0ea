/**
 * The lines around every screen: the header (context, scope, how fresh the data is, what could
 * not be read) and the footer (the keys that work here, or the filter/command being typed, or a
 * one-line notice). Pure, so the header's freshness wording is tested without a clock.
 */
import { notInInput } from '../report/input-notes.js';
import type { Snapshot, StreamHealth } from '../cluster/snapshot.js';
import { safe } from '../report/safe-text.js';
import { footerKeys } from './keys.js';
import { seg, type Line, type Tone } from './lines.js';
import type { UiState } from './state/ui-state.js';
import { currentView } from './state/ui-state.js';

export function age(fromIso: string | undefined, now: number): string {
	if (!fromIso) return 'unknown';
	const ms = now - Date.parse(fromIso);
	if (!Number.isFinite(ms)) return 'unknown';
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 60) return `${s}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
	return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function freshness(health: StreamHealth, snapshot: Snapshot, now: number): { text: string; tone: Tone } {
	const msg = health.message ? `: ${safe(health.message)}` : '';
	switch (health.state) {
		case 'static':
			return { text: snapshot.origin.kind === 'demo' ? 'demo snapshot' : snapshot.origin.kind === 'files' ? 'offline snapshot' : 'snapshot', tone: 'muted' };
		case 'loading':
			return { text: `loading${progressText(health)}`, tone: 'info' };
		case 'live':
			return { text: `live, updated ${age(health.updatedAt ?? snapshot.takenAt, now)} ago`, tone: 'ok' };
		case 'reconnecting':
			return { text: `reconnecting${msg}; data ${age(health.updatedAt ?? snapshot.takenAt, now)} old`, tone: 'warning' };
		case 'error':
			return { text: `error${msg}`, tone: 'error' };
	}
}

function progressText(health: StreamHealth): string {
	const entries = Object.entries(health.progress ?? {});
	return entries.length === 0 ? '…' : ` ${entries.map(([kind, p]) => `${safe(kind)} ${safe(p)}`).join(', ')}`;
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
	// Kinds a manifest set simply does not hold are not a warning; what could not be read is.
	const notRead = snapshot.unreadable.filter((u) => u.reason !== notInInput).length;
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
	if (state.mode === 'command') return [seg(':', 'accent', true), seg(safe(state.input)), seg('█', 'accent'), seg('   svc ing problems ns help q', 'muted')];
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
