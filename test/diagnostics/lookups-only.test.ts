/**
 * Scale guard without timing: once the context (and its indexes) is built, the rules, DNS and the
 * chain must only look things up. Any read of the snapshot's pod list after that point throws.
 */
import { describe, expect, it } from 'vitest';
import { chainFor } from '../../source/model/chain.js';
import { buildContext } from '../../source/model/context.js';
import { diagnose } from '../../source/model/diagnostics/index.js';
import { dnsRecords } from '../../source/model/dns.js';
import { fixture } from './support.js';

describe('rules only look things up', () => {
	it('never read the whole pod list after the indexes are built', () => {
		const snapshot = fixture('KW101', 'broken');
		for (const code of ['KW102', 'KW105', 'KW106', 'KW302', 'KW402', 'KW601', 'KW108', 'KW409', 'KW801']) {
			const more = fixture(code, 'broken');
			snapshot.services.push(...more.services);
			snapshot.pods.push(...more.pods);
			snapshot.endpointSlices.push(...more.endpointSlices);
			snapshot.nodes.push(...more.nodes);
			snapshot.networkPolicies.push(...more.networkPolicies);
			snapshot.statefulSets.push(...more.statefulSets);
			snapshot.daemonSets.push(...more.daemonSets);
		}
		// The merged fixtures hold every kind the rules need: none is "not in the input" any more.
		snapshot.unreadable = [];
		const context = buildContext(snapshot);
		const reads: string[] = [];
		context.snapshot.pods = new Proxy(context.snapshot.pods, {
			get(target, property, receiver) {
				reads.push(String(property));
				return Reflect.get(target, property, receiver);
			},
		});
		const findings = diagnose(context);
		for (const wiring of context.services) {
			dnsRecords(wiring, 'cluster.local');
			chainFor(wiring, [], { context, findings });
		}
		expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(10);
		expect(reads).toEqual([]);
	});
});
