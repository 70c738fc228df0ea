/**
 * One Ingress controller as the input shows it running, with the settings that decide which
 * Ingresses it takes. model/controllers.ts finds them; model/ingress/judges.ts says, per
 * implementation, whether a run serves an Ingress.
 */
import type { Labels } from '../../cluster/snapshot.js';

interface RunBase {
	namespace: string;
	/** The labels its pods carry. */
	podLabels: Labels;
	/**
	 * The labels a NetworkPolicy peer should select its pods by: its workload's selector (what
	 * stays the same across rollouts and upgrades), else its pod's labels without those that
	 * change with each rollout (pod-template-hash, the chart's version…).
	 */
	selectBy: Labels;
	/** Names of the input's pods that run it; empty when it was found in a workload's template. */
	pods: string[];
	/** How it was identified, for messages: "the pods of Deployment ingress-nginx/ingress-nginx-controller". */
	evidence: string;
}

export interface NginxSettings {
	implementation: 'ingress-nginx';
	/** The IngressClass `spec.controller` value it claims (`--controller-class`). */
	controllerClass: string;
	/** The class name the legacy annotation must give (`--ingress-class`). */
	ingressClass: string;
	/** `--watch-ingress-without-class`: it serves Ingresses that name no class. */
	watchWithoutClass: boolean;
	/** `--ingress-class-by-name`: it also takes the IngressClass named `ingressClass`, whatever its controller. */
	classByName: boolean;
	/** `--watch-namespace`: '' for every namespace; undefined when it names a variable (`$(POD_NAMESPACE)`) the input does not resolve. */
	watchNamespace: string | undefined;
	/** `--watch-namespace-selector`: '' when not set; undefined when it names a variable. */
	watchNamespaceSelector: string | undefined;
}

export interface TraefikSettings {
	implementation: 'traefik';
	/** `--providers.kubernetesingress.ingressclass`; '' when not set; undefined when its static configuration is not on its command line (a file or the environment). */
	ingressClass: string | undefined;
}

export interface ContourSettings {
	implementation: 'contour';
	/** `--ingress-class-name`, split at commas; [] when not set; undefined when a ContourConfiguration (--contour-config-name) holds them. */
	classNames: string[] | undefined;
}

export interface KongSettings {
	implementation: 'kong';
	/** `--ingress-class` or CONTROLLER_INGRESS_CLASS (default kong); undefined when set from a valueFrom the input does not resolve. */
	ingressClass: string | undefined;
}

export interface HaproxytechSettings {
	implementation: 'haproxytech';
	/** The IngressClass `spec.controller` it takes: haproxy.org/ingress-controller, with `/<--ingress.class>` when that is set. */
	controllerClass: string;
	/** `--ingress.class` is set. */
	hasIngressClass: boolean;
	/** `--empty-ingress-class`: with --ingress.class set, it still takes Ingresses without a class. */
	emptyIngressClass: boolean;
}

export type ControllerSettings = NginxSettings | TraefikSettings | ContourSettings | KongSettings | HaproxytechSettings;

export type IngressControllerRun = ControllerSettings & RunBase;

export type NginxRun = NginxSettings & RunBase;
