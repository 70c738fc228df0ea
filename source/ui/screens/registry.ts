/**
 * Every TUI screen, one record each: how it is built, whether it moves a cursor over rows or
 * scrolls text, whether `/` narrows it, what Enter does on its rows (the footer's word), where it
 * opens (a main screen replaces the walk; an overlay — Help, the pickers — sits on top of it),
 * and the `:` command that jumps to it. The reducer, the key table, the footer, Help and the
 * `:` commands read this table, so adding a screen is adding its id and its record; a missing
 * record is a type error.
 *
 * Other modules read the table only inside functions: the screens themselves import the key
 * table and the UI state, so nothing here may be needed while those modules load.
 */
import type { View } from '../state/ui-state.js';
import { contextsScreen } from './contexts.js';
import { detailScreen } from './detail.js';
import { gatewaysScreen } from './gateways.js';
import { helpScreen } from './help.js';
import { ingressesScreen } from './ingresses.js';
import { namespacesScreen } from './namespaces.js';
import { problemsScreen } from './problems.js';
import type { ScreenData, ScreenModel } from './screen-model.js';
import { prepareServices, servicesScreen } from './services.js';
import type { Steps } from '../../model/steps.js';

export const screenIds = ['services', 'detail', 'ingresses', 'gateways', 'problems', 'namespaces', 'contexts', 'help'] as const;
export type ScreenId = (typeof screenIds)[number];

export interface ScreenSpec {
	build(data: ScreenData, view: View): ScreenModel;
	/**
	 * The costly part of `build` for a long list, in steps whose answers `build` then reads: run in
	 * slices before a new Analysis is shown (model/steps.ts), so showing it holds no key back.
	 */
	prepare?(data: ScreenData, view: View): Steps<void>;
	/** rows: a cursor moves over them and Enter opens one; text: the keys scroll it. */
	body: 'rows' | 'text';
	/** `/` narrows the rows. */
	filter: boolean;
	/** What Enter does on a row, as the footer says it. */
	open?: string;
	/** main: one of the screens a walk starts from (and `n` picks a namespace on); overlay: opened on top of the current screen. */
	place: 'main' | 'overlay';
	/** The `:` names that jump here (k9s's aliases first, as operators type them) and Help's line. */
	command?: { names: string[]; help: string };
}

export const screens: Record<ScreenId, ScreenSpec> = {
	services: {
		build: (data, v) => servicesScreen(data, v.filter),
		prepare: (data, v) => prepareServices(data, v.filter),
		body: 'rows',
		filter: true,
		open: 'detail',
		place: 'main',
		command: { names: ['svc', 'services', 'service'], help: 'Services screen' },
	},
	detail: { build: (data, v) => detailScreen(data, v.subject ?? ''), body: 'text', filter: false, place: 'main' },
	ingresses: {
		build: (data, v) => ingressesScreen(data, v.filter),
		body: 'rows',
		filter: true,
		open: 'backend',
		place: 'main',
		command: { names: ['ing', 'ingresses', 'ingress'], help: 'Ingress routing table' },
	},
	gateways: {
		build: (data, v) => gatewaysScreen(data, v.filter),
		body: 'rows',
		filter: true,
		open: 'backend',
		place: 'main',
		command: { names: ['gw', 'gateways', 'gateway', 'httproutes'], help: 'Gateway API routing table' },
	},
	problems: {
		build: (data, v) => problemsScreen(data, v.filter),
		body: 'rows',
		filter: true,
		open: 'go to',
		place: 'main',
		command: { names: ['problems', 'pb', 'findings'], help: 'every finding' },
	},
	namespaces: { build: (data, v) => namespacesScreen(data, v.filter), body: 'rows', filter: true, open: 'pick', place: 'overlay' },
	contexts: {
		build: (data, v) => contextsScreen(data, v.filter),
		body: 'rows',
		filter: false,
		open: 'switch',
		place: 'overlay',
		command: { names: ['ctx', 'context', 'contexts'], help: 'switch the kubeconfig context (live sessions)' },
	},
	help: { build: (data) => helpScreen(data.width), body: 'text', filter: false, place: 'overlay', command: { names: ['help', 'h'], help: 'this help' } },
};

/** The screens whose record passes `test`, in the table's order. */
export function screensWhere(test: (spec: ScreenSpec) => boolean): ScreenId[] {
	return screenIds.filter((id) => test(screens[id]));
}
