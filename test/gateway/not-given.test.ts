/**
 * Files judged before they are applied often hold only part of the Gateway API: an app's chart
 * ships its HTTPRoute, the platform's chart ships the Gateway. A Gateway API kind the files lack
 * is "not in the input", and no finding is drawn from its absence; given, it is judged.
 */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { gatewayModel } from '../../source/model/gateway/index.js';

const dir = 'test/gateway/fixtures/split-charts';
const check = (...files: string[]) => analyze(loadFiles(files.map((f) => `${dir}/${f}`)));

describe('Gateway API kinds not in the input', () => {
	it('the app chart alone: the Gateway is not given, so no KW701, and the kinds are listed as not in the input', () => {
		const analysis = check('app.yaml');
		expect(analysis.findings.map((f) => f.code)).toEqual([]);
		const notGiven = analysis.context.snapshot.unreadable.filter((u) => u.reason === 'not in the input').map((u) => u.resource);
		expect(notGiven).toEqual(expect.arrayContaining(['gateways', 'gatewayclasses', 'referencegrants']));
		expect(notGiven).not.toContain('httproutes');
	});

	it('the app chart alone: what was not judged says the input holds no Gateway, not that Gateways were unreadable', () => {
		const parent = gatewayModel(check('app.yaml').context).routes[0]!.parents[0]!;
		expect(parent.notJudged).toContainEqual({ type: 'Accepted', why: 'the input holds no Gateway' });
	});

	it('routes without their Services (gateway-api examples): the input holds no Service, said as such', () => {
		const parent = gatewayModel(analyze(loadFiles(['test/gateway/fixtures/routes-only.yaml'])).context).routes[0]!.parents[0]!;
		expect(parent.notJudged).toContainEqual({ type: 'Accepted', why: 'the input holds no Gateway' });
		expect(parent.notJudged).toContainEqual({ type: 'ResolvedRefs', why: 'backendRef site/home: the input holds no Service, so whether Service site/home exists is not judged' });
	});

	it('with the platform chart: the route attaches and nothing is found', () => {
		const analysis = check('app.yaml', 'platform.yaml');
		expect(analysis.findings).toEqual([]);
		expect(analysis.context.snapshot.unreadable.map((u) => u.resource)).not.toContain('gateways');
	});

	it('broken twin: the platform ships another Gateway, so the one the route names does not exist (KW701)', () => {
		const analysis = check('app.yaml', 'platform-other-gateway.yaml');
		expect(analysis.findings.map((f) => [f.code, f.kind, f.name])).toEqual([['KW701', 'HTTPRoute', 'web']]);
		expect(analysis.findings[0]!.message).toContain('infra/public');
	});

	it('files without any Gateway API object say nothing about it', () => {
		const analysis = analyze(loadFiles(['test/fixtures/basic/shop.yaml']));
		expect(analysis.context.snapshot.unreadable.map((u) => u.resource)).not.toContain('gateways');
	});
});
