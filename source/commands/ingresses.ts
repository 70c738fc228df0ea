import { notLanded } from './not-landed.js';

/** `kubewire ingresses`. STUB until the Ingress routing issue lands. */
export const runIngresses = notLanded('ingresses', 'the Ingress routing table');
