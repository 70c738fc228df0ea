import { notLanded } from './not-landed.js';

/** `kubewire iptables`. STUB until the kube-proxy rules issue lands. */
export const runIptables = notLanded('iptables', 'kube-proxy rule generation');
