/** `reach FROM TO` and the pieces the diagnostics and the Service detail share with it. */
export { reach, type PolicyRef, type ReachEndpoint, type ReachResult, type ReachStep, type ReachVerdict } from './walk.js';
export { ReachInputError, controllerFinders, resolveFrom, resolveTo } from './ends.js';
export { clusterDns, dnsEgress, type ClusterDns } from './cluster-dns.js';
export { controllersOfIngress, gatewayControllerPods, ingressClassControllerPods, type ControllerPods, type ControllerPodsFinder } from './controller-pods.js';
export { podEnd } from './pod-end.js';
export { standInPod, templateBackends, workloadPods } from './stand-in.js';
export { whoMayConnect, type ConnectAnswer } from './who-may-connect.js';
