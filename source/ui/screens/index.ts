/** Which screen model a view shows; the one place that maps a screen id to its builder. */
import type { View } from '../state/ui-state.js';
import { contextsScreen } from './contexts.js';
import { detailScreen } from './detail.js';
import { gatewaysScreen } from './gateways.js';
import { helpScreen } from './help.js';
import { ingressesScreen } from './ingresses.js';
import { namespacesScreen } from './namespaces.js';
import { problemsScreen } from './problems.js';
import type { ScreenData, ScreenModel } from './screen-model.js';
import { servicesScreen } from './services.js';

export function buildScreen(v: View, data: ScreenData): ScreenModel {
	switch (v.screen) {
		case 'services':
			return servicesScreen(data, v.filter);
		case 'detail':
			return detailScreen(data, v.subject ?? '');
		case 'ingresses':
			return ingressesScreen(data, v.filter);
		case 'gateways':
			return gatewaysScreen(data, v.filter);
		case 'problems':
			return problemsScreen(data, v.filter);
		case 'namespaces':
			return namespacesScreen(data, v.filter);
		case 'help':
			return helpScreen();
		case 'contexts':
			return contextsScreen(data, v.filter);
	}
}

export type { ScreenData, ScreenModel } from './screen-model.js';
