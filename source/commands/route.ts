import { notLanded } from './not-landed.js';

/** `kubewire route URL`. STUB until the Ingress routing issue lands. */
export const runRoute = notLanded('route', 'Ingress route resolution');
