/**
 * `kubewire reach` from the command line on the demo: the text and the JSON DESIGN.md fixes, exit
 * status 1 when blocked, 0 when allowed, and one line with exit 2 for an end that does not resolve.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('kubewire reach', () => {
	it('answers blocked with exit 1, naming the policy that isolates the endpoint (JSON fields as DESIGN.md fixes them)', () => {
		const r = runCli(['reach', '--demo', 'ingress:nginx', 'analytics/reports:80', '-o', 'json']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(1);
		const json = JSON.parse(r.stdout);
		expect(Object.keys(json).sort()).toEqual(['endpoints', 'from', 'steps', 'to', 'unreadable', 'verdict']);
		expect(json).toMatchObject({ from: 'ingress:nginx', to: 'analytics/reports:80', verdict: 'blocked' });
		for (const step of json.steps) expect(Object.keys(step).sort()).toEqual(['detail', 'link', 'ok', 'policies']);
		expect(json.endpoints).toEqual([
			{ ip: '10.244.2.210', port: 8080, pod: 'reports-6c8d7f9b5-q4mzt', allowed: false, egress: null, ingress: { namespace: 'analytics', name: 'reports-from-scheduler' } },
		]);
	});

	it('answers allowed with exit 0 in text', () => {
		const r = runCli(['reach', '--demo', 'analytics/report-scheduler-7b9c5d6f8-h2kqp', 'analytics/reports:http']);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('ALLOWED');
		expect(r.stdout).toContain('admitted by reports-from-scheduler');
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('allowed reports-6c8d7f9b5-q4mzt 10.244.2.210:8080 (ingress admitted by reports-from-scheduler)');
	});

	it('says on each endpoint whether the policy it names admits the leg or isolates it', () => {
		const r = runCli(['reach', '--demo', 'ingress:nginx', 'analytics/reports:80']);
		expect(r.status).toBe(1);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('blocked reports-6c8d7f9b5-q4mzt 10.244.2.210:8080 (ingress refused: isolated by reports-from-scheduler)');
	});

	it('refuses an end that does not resolve in one line, with exit 2', () => {
		const r = runCli(['reach', '--demo', 'analytics/reprots-x', 'analytics/reports:80']);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('FROM "analytics/reprots-x": no such pod in the input; closest:');
		expect(runCli(['reach', '--demo', 'outside']).status).toBe(2);
	});
});
