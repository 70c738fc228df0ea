/** The empty-table line of a screen whose kind was not read: "no rules" is a fact only where it was. */
import type { ScreenData } from './screen-model.js';

export function unreadText(data: ScreenData, resource: string, kinds: string): string | undefined {
	const readable = data.analysis.context.readable;
	if (readable.canRead(resource)) return undefined;
	if (readable.notInInput(resource)) return `The input holds no ${kinds}: nothing to route here.`;
	return readable.state(resource) === 'loading' ? `${kinds} are still being read.` : `${kinds} could not be read: not known.`;
}
