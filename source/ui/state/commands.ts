/**
 * The `:` commands, as data: a jump for each screen whose registry record names one, plus the
 * namespace and quit commands. The reducer runs them and the Help screen lists them, so the two
 * can never disagree. Aliases follow k9s (`:svc`, `:ing`), which operators already type by habit.
 */
import { screenIds, screens } from '../screens/registry.js';
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

/** The commands that are not a jump to one screen. */
const otherCommands: CommandSpec[] = [
	{
		names: ['ns', 'namespace'],
		argument: '[NAME|all]',
		help: 'pick a namespace (no name: the picker)',
		run: (arg) =>
			arg === '' ? { type: 'jump', screen: 'namespaces' } : { type: 'namespace', namespace: arg === 'all' || arg === '-A' ? undefined : arg },
	},
	{ names: ['q', 'quit', 'q!'], help: 'quit', run: () => ({ type: 'quit' }) },
];

let all: CommandSpec[] | undefined;

/** Every `:` command: a jump for each screen that names one in the registry, then the others (namespace before Help, as Help lists them). */
export function commandSpecs(): CommandSpec[] {
	if (all) return all;
	const jumps = screenIds.flatMap((screen): CommandSpec[] => {
		const command = screens[screen].command;
		return command ? [{ names: command.names, help: command.help, run: () => ({ type: 'jump', screen }) }] : [];
	});
	const help = jumps.filter((c) => c.names.includes('help'));
	all = [...jumps.filter((c) => !help.includes(c)), ...otherCommands.slice(0, 1), ...help, ...otherCommands.slice(1)];
	return all;
}

/** The first name of each command, as `:svc :ing …`, for hints. */
export function commandNames(): string {
	return commandSpecs()
		.map((c) => `:${c.names[0]}${c.argument ? ' NAME' : ''}`)
		.join(' ');
}

/** Parses what was typed after `:`; undefined when no command has that name. */
export function parseCommand(text: string): CommandEffect | undefined {
	const [name = '', ...rest] = text.trim().split(/\s+/);
	const spec = commandSpecs().find((c) => c.names.includes(name.toLowerCase()));
	return spec?.run(rest.join(' '));
}
