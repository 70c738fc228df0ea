/**
 * The `:` commands, as data: the reducer runs them and the Help screen lists them, so the two can
 * never disagree. Aliases follow k9s (`:svc`, `:ing`), which operators already type by habit.
 */
import type { ScreenId } from './ui-state.js';

export type CommandEffect =
	| { type: 'jump'; screen: ScreenId }
	| { type: 'namespace'; namespace?: string }
	| { type: 'quit' };

export interface CommandSpec {
	names: string[];
	/** Shown in Help after the names. */
	argument?: string;
	help: string;
	run: (argument: string) => CommandEffect;
}

export const commandSpecs: CommandSpec[] = [
	{ names: ['svc', 'services', 'service'], help: 'Services screen', run: () => ({ type: 'jump', screen: 'services' }) },
	{ names: ['ing', 'ingresses', 'ingress'], help: 'Ingress routing table', run: () => ({ type: 'jump', screen: 'ingresses' }) },
	{ names: ['gw', 'gateways', 'gateway', 'httproutes'], help: 'Gateway API routing table', run: () => ({ type: 'jump', screen: 'gateways' }) },
	{ names: ['problems', 'pb', 'findings'], help: 'every finding', run: () => ({ type: 'jump', screen: 'problems' }) },
	{
		names: ['ns', 'namespace'],
		argument: '[NAME|all]',
		help: 'pick a namespace (no name: the picker)',
		run: (arg) =>
			arg === '' ? { type: 'jump', screen: 'namespaces' } : { type: 'namespace', namespace: arg === 'all' || arg === '-A' ? undefined : arg },
	},
	{ names: ['ctx', 'context', 'contexts'], help: 'switch the kubeconfig context (live sessions)', run: () => ({ type: 'jump', screen: 'contexts' }) },
	{ names: ['help', 'h'], help: 'this help', run: () => ({ type: 'jump', screen: 'help' }) },
	{ names: ['q', 'quit', 'q!'], help: 'quit', run: () => ({ type: 'quit' }) },
];

/** Parses what was typed after `:`; undefined when no command has that name. */
export function parseCommand(text: string): CommandEffect | undefined {
	const [name = '', ...rest] = text.trim().split(/\s+/);
	const spec = commandSpecs.find((c) => c.names.includes(name.toLowerCase()));
	return spec?.run(rest.join(' '));
}
