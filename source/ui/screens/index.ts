/** Which screen model a view shows: its screen's record in the registry builds it. */
import type { View } from '../state/ui-state.js';
import { screens } from './registry.js';
import type { Steps } from '../../model/steps.js';
import type { ScreenData, ScreenModel } from './screen-model.js';

export function buildScreen(v: View, data: ScreenData): ScreenModel {
	return screens[v.screen].build(data, v);
}

/** Steps that make `buildScreen(v, data)` quick (see ScreenSpec.prepare); undefined when it is quick anyway. */
export function prepareScreen(v: View, data: ScreenData): Steps<void> | undefined {
	return screens[v.screen].prepare?.(data, v);
}

export type { ScreenData, ScreenModel } from './screen-model.js';
