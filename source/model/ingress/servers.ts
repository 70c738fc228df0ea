/**
 * Who serves an Ingress: the one answer that KW505, KW509, `ingresses` and `route` share.
 *
 * The servers are the controllers the input shows running (model/controllers.ts, judged by
 * judges.ts), and the controllers it only implies:
 * - GKE's, when an IngressClass names ingress-gce or an Ingress carries the class gce or
 *   gce-internal (GKE reads the annotation, no object is needed); it serves class-less Ingresses;
 * - each IngressClass no running controller claims: its controller serves its class; for
 *   class-less Ingresses, Traefik's and Contour's serve them as they install by default, Kong's,
 *   haproxytech's and the AWS Load Balancer Controller's resolve the default class when they
 *   reconcile (so they serve them when theirs is the default), and of any other nothing is known.
 * Without any server the input says nothing of class-less Ingresses: a controller kubewire was
 * not shown may serve them.
 */
import type { IngressClass, Snapshot } from '../../cluster/snapshot.js';
import { contourController } from '../controllers/contour.js';
import { haproxytechController } from '../controllers/haproxytech.js';
import { kongController } from '../controllers/kong.js';
import type { IngressControllerRun } from '../controllers/run.js';
import { traefikController } from '../controllers/traefik.js';
import { ingressControllers } from '../controllers.js';
import { legacyClassAnnotation, type IngressClassRef } from './class.js';
import { gceClassNames, gceControllers } from './gce-classes.js';
import { judgeRun, runClaims, type ClassView, type Judgement } from './judges.js';


/** What the controllers would look up, as the input holds it. */
const inputView = (snapshot: Snapshot): ClassView => ({ classes: snapshot.ingressClasses, known: true, namespaces: snapshot.namespaces });

export interface Server {
	/** For messages: "ingress-nginx in the pods of Deployment ingress-nginx/ingress-nginx-controller". */
	who: string;
	/** The running controller, when the input shows it. */
	run?: IngressControllerRun;
	judge(ref: IngressClassRef, view: ClassView): Judgement;
}

const names: Record<IngressControllerRun['implementation'], string> = {
	'ingress-nginx': 'ingress-nginx',
	traefik: 'Traefik',
	contour: 'Contour',
	kong: "Kong's ingress controller",
	haproxytech: "HAProxy Technologies' ingress controller",
};

/** The controller's name for messages: "Traefik", "ingress-nginx". */
export function controllerName(run: IngressControllerRun): string {
	return names[run.implementation];
}

/** Controllers that install taking class-less Ingresses unless told otherwise. */
const classlessByDefault: ReadonlyMap<string, string> = new Map([
	[traefikController, 'Traefik serves Ingresses without a class unless started with --providers.kubernetesingress.ingressclass'],
	[contourController, 'Contour serves Ingresses without a class unless started with --ingress-class-name'],
]);

/** Controllers that give a class-less Ingress the default IngressClass themselves, when they reconcile it. */
const resolvesDefault: ReadonlySet<string> = new Set([kongController, haproxytechController, 'ingress.k8s.aws/alb']);

function gceServer(snapshot: Snapshot): Server | undefined {
	const cls = snapshot.ingressClasses.find((c) => gceControllers.has(c.controller));
	const annotated = cls ? undefined : snapshot.ingresses.find((i) => gceClassNames.has(i.annotations[legacyClassAnnotation] ?? ''));
	if (!cls && !annotated) return undefined;
	const who = `GKE's Ingress controller (${cls ? `IngressClass ${cls.name}` : `class ${annotated!.annotations[legacyClassAnnotation]} on Ingress ${annotated!.namespace}/${annotated!.name}`})`;
	return {
		who,
		judge(ref, view) {
			if (ref.source === 'none') return { serves: true, why: 'serves Ingresses without a class' };
			// It goes by the annotation (ingress-gce docs/annotations.md: an unset kubernetes.io/ingress.class or gce).
			if (ref.disagreement) return { serves: gceClassNames.has(ref.disagreement.annotation), why: 'takes the annotation values gce and gce-internal' };
			if (ref.source === 'annotation') return { serves: gceClassNames.has(ref.name), why: 'takes the annotation values gce and gce-internal' };
			const own = view.classes.some((c) => c.name === ref.name && gceControllers.has(c.controller));
			return { serves: own, why: 'takes its own IngressClasses' };
		},
	};
}

function classServer(cls: IngressClass): Server {
	const who = `the controller of IngressClass ${cls.name} (${cls.controller || 'not set'})`;
	return {
		who,
		judge(ref) {
			if (ref.source !== 'none') return { serves: ref.name === cls.name, why: `serves class ${cls.name}` };
			const byDefault = classlessByDefault.get(cls.controller);
			if (byDefault) return { serves: true, why: `(${byDefault}; its flags are not in the input)` };
			if (resolvesDefault.has(cls.controller) && cls.isDefault) return { serves: true, why: 'serves Ingresses without a class, its IngressClass being the default' };
			return { serves: undefined, why: 'its handling of Ingresses without a class is not known' };
		},
	};
}

const computed = new WeakMap<Snapshot, Server[]>();

/** Every server of the snapshot, found once. */
function servers(snapshot: Snapshot): Server[] {
	let list = computed.get(snapshot);
	if (!list) computed.set(snapshot, (list = findServers(snapshot)));
	return list;
}

function findServers(snapshot: Snapshot): Server[] {
	const runs = ingressControllers(snapshot);
	const list: Server[] = runs.map((run) => ({ who: `${controllerName(run)} in ${run.evidence}`, run, judge: (ref, view) => judgeRun(run, ref, view) }));
	const gce = gceServer(snapshot);
	if (gce) list.push(gce);
	for (const cls of snapshot.ingressClasses) {
		if (gceControllers.has(cls.controller) || runs.some((run) => runClaims(run, cls))) continue;
		list.push(classServer(cls));
	}
	return list;
}

export type ServeVerdict =
	| { served: true; by: string }
	| { served: false; reason: string }
	/** The input does not say. */
	| { served: undefined };

function verdictOf(list: readonly Server[], ref: IngressClassRef, view: ClassView): ServeVerdict {
	const judged = list.map((server) => ({ server, j: server.judge(ref, view) }));
	const yes = judged.find((x) => x.j.serves === true);
	if (yes) return { served: true, by: `${yes.server.who}, which ${yes.j.why}` };
	if (judged.length === 0 || judged.some((x) => x.j.serves === undefined)) return { served: undefined };
	return { served: false, reason: judged.map((x) => `${x.server.who} ${x.j.why}`).join('; ') };
}

/**
 * Whether any controller serves an Ingress of `ref`. For a named class with no server at all the
 * answer is no: a class needs its IngressClass or a controller that takes it by name.
 */
export function whoServes(snapshot: Snapshot, ref: IngressClassRef, view: ClassView = inputView(snapshot)): ServeVerdict {
	const list = servers(snapshot);
	if (list.length === 0 && ref.source !== 'none') return { served: false, reason: 'the input shows no controller that takes a class without its IngressClass' };
	return verdictOf(list, ref, view);
}

/** The servers that take class `name`, by the field or by the annotation. */
export function serversOfClass(snapshot: Snapshot, name: string, view: ClassView = inputView(snapshot)): Server[] {
	return servers(snapshot).filter((s) => s.judge({ name, source: 'field' }, view).serves === true || s.judge({ name, source: 'annotation' }, view).serves === true);
}

/**
 * Whether the controllers of a class (`list`: its serversOfClass, found once per table) take an
 * Ingress of `ref`, when every one of them is a controller the input shows running (judged by its
 * own rules, judges.ts); undefined otherwise, as a server implied by an IngressClass or by GKE's
 * class names is only known by the class's name. An ingress-nginx answers the annotation only with
 * its --ingress-class, which need not be the name of its IngressClass: the name alone would put the
 * wrong Ingresses in its table.
 */
export function runsOfClassServe(list: readonly Server[], ref: IngressClassRef, view: ClassView): ServeVerdict | undefined {
	if (list.length === 0 || list.some((s) => s.run === undefined)) return undefined;
	return verdictOf(list, ref, view);
}

/** Whether the controllers of a class (`list`, as above) also serve Ingresses that name no class. */
export function classlessServing(list: readonly Server[], view: ClassView): ServeVerdict {
	return list.length === 0 ? { served: undefined } : verdictOf(list, { name: '', source: 'none' }, view);
}
