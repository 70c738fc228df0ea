import { notLanded } from './not-landed.js';

/** `kubewire trace`. STUB until the kube-proxy rules issue lands. */
export const runTrace = notLanded('trace', 'packet tracing through kube-proxy rules');
