/** Where the object's own status disagrees with the conditions kubewire computes, both are kept. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { gatewayModel } from '../../source/model/gateway/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const yaml = readFileSync(new URL('./fixtures/status-disagrees.yaml', import.meta.url), 'utf8');

describe('route status vs computed conditions', () => {
	it('keeps the computed Accepted=False and the status that says True, and flags the disagreement', () => {
		const parent = gatewayModel(buildContext(snapshotFromYaml(yaml))).routes[0]!.parents[0]!;
		expect(parent.conditions[0]).toEqual({ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' });
		expect(parent.observed?.find((c) => c.type === 'Accepted')).toEqual({ type: 'Accepted', status: 'True', reason: 'Accepted' });
		expect(parent.statusDisagrees).toBe(true);
	});

	it('a manifest without status disagrees with nothing', () => {
		const noStatus = yaml.slice(0, yaml.indexOf('status:'));
		const parent = gatewayModel(buildContext(snapshotFromYaml(noStatus))).routes[0]!.parents[0]!;
		expect(parent.statusDisagrees).toBe(false);
		expect(parent.conditions[0]!.status).toBe('False');
	});
});
