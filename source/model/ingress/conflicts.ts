/**
 * Rules that claim the same traffic: the same host and the same path of the same type, in two
 * Ingresses of the same class. The spec names no winner. kubewire lets the older Ingress win
 * (what ingress-nginx does, and what its admission webhook enforces by refusing the newer one),
 * so KW506 is raised on the NEWER Ingress: that is the one whose rule gets no traffic, and the
 * one an operator has to change.
 */
import type { Ingress } from '../../cluster/snapshot.js';
import { classOf } from './class.js';
import { oldestFirst } from './order.js';
import { pathClaimKey } from './path.js';

export interface Claim {
	ingress: Ingress;
	host: string;
	path: string;
	pathType: string;
}

export interface Conflict {
	/** The rule that is served. */
	winner: Claim;
	/** The rule of another Ingress that claims the same host and path and gets nothing. */
	shadowed: Claim;
}

export function claimKey(host: string, path: string, pathType: string): string {
	return `${host.toLowerCase()}\u0000${pathClaimKey(path, pathType)}`;
}

/** Every shadowed rule, grouped by class: Ingresses of different controllers never collide. */
export function findConflicts(ingresses: readonly Ingress[]): Conflict[] {
	const byClass = new Map<string, Ingress[]>();
	for (const ingress of ingresses) {
		const name = classOf(ingress).name;
		const list = byClass.get(name);
		if (list) list.push(ingress);
		else byClass.set(name, [ingress]);
	}
	const conflicts: Conflict[] = [];
	for (const group of byClass.values()) {
		const first = new Map<string, Claim>();
		for (const ingress of oldestFirst(group)) {
			for (const rule of ingress.rules) {
				for (const p of rule.paths) {
					const key = claimKey(rule.host, p.path, p.pathType);
					const claim: Claim = { ingress, host: rule.host, path: p.path, pathType: p.pathType };
					const owner = first.get(key);
					if (!owner) first.set(key, claim);
					else if (owner.ingress !== ingress) conflicts.push({ winner: owner, shadowed: claim });
				}
			}
		}
	}
	return conflicts;
}
