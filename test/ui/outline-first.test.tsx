/**
 * A large cluster's first frame is drawn from the outline (every Service, statuses still being
 * checked) and the finished analysis replaces it right after, broken Services first.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../source/app.js';
import { analyze, outlineAnalysis, type Analysis } from '../../source/model/analyze.js';
import { analysisOf, completeInSlices, holdForInput, runInSlices } from '../../source/ui/analysis.js';
import { controlledStream, frameWhere, shopSnapshot } from './support.js';

afterEach(() => cleanup());

describe('outline first', () => {
	test('the first frame lists the Services as being checked, the next one shows their state', async () => {
		const r = render(
			<App
				stream={controlledStream(shopSnapshot())}
				options={{ clusterDomain: 'cluster.local', color: false }}
				size={{ columns: 80, rows: 24 }}
				updateDelayMs={0}
				outlineAbove={1}
			/>,
		);
		const first = r.frames[0] ?? '';
		expect(first).toMatch(/Services \d+\s+… checking every Service/);
		expect(first).toMatch(/… CHECK/);
		const last = await frameWhere(r, (f) => !/CHECK/.test(f), 'a frame without CHECK');
		expect(last).toMatch(/Services 5\s+✗ 2 error/);
		expect(last).toMatch(/✗ ERROR/);
	});

	test('small clusters are drawn complete in the first frame', () => {
		const r = render(
			<App stream={controlledStream(shopSnapshot())} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 80, rows: 24 }} updateDelayMs={0} />,
		);
		expect(r.frames[0] ?? '').not.toMatch(/CHECK/);
	});
});

describe('the diagnostics of a large cluster run in slices', () => {
	// With a slice of 0 ms every step is its own turn of the event loop: the count of turns is known.
	const turnsUntil = (start: (done: (a: Analysis) => void) => () => void) =>
		new Promise<{ turns: number; analysis: Analysis }>((resolve) => {
			let turns = 0;
			let ticking = true;
			const tick = () => {
				turns++;
				if (ticking) setTimeout(tick, 0);
			};
			setTimeout(tick, 0);
			start((analysis) => {
				ticking = false;
				resolve({ turns, analysis });
			});
		});

	test('other work runs between slices, and the result is the complete analysis', async () => {
		const snapshot = shopSnapshot();
		let sync = true;
		const { turns, analysis } = await turnsUntil((done) => {
			const stop = completeInSlices(snapshot, {}, done, 0);
			expect(sync).toBe(true);
			sync = false;
			return stop;
		});
		// Five Services and the rules across them: many turns, not one.
		expect(turns).toBeGreaterThan(5);
		expect(analysis.pending).toBeUndefined();
		expect(analysis.findings).toEqual(analyze(snapshot).findings);
		expect(analysisOf(snapshot, {})).toBe(analysis);
	});

	test('paused, it resumes where it stopped rather than starting over', async () => {
		const snapshot = shopSnapshot();
		const first = outlineAnalysis(snapshot);
		const perService = first.services.length;
		// Run a few slices, pause, then resume: the total number of turns is one completion's.
		const alone = await turnsUntil((done) => completeInSlices(shopSnapshot(), {}, done, 0));
		let stop: () => void = () => undefined;
		await new Promise<void>((resolve) => {
			stop = completeInSlices(snapshot, {}, () => undefined, 0);
			let n = 0;
			const wait = () => (++n === perService ? resolve() : setTimeout(wait, 0));
			setTimeout(wait, 0);
		});
		stop();
		const resumed = await turnsUntil((done) => completeInSlices(snapshot, {}, done, 0));
		expect(resumed.turns).toBeLessThan(alone.turns);
		expect(resumed.analysis.findings).toEqual(alone.analysis.findings);
	});
});

describe('runInSlices', () => {
	function* count(to: number, seen: number[]): Generator<void, number, void> {
		for (let i = 1; i <= to; i++) {
			seen.push(i);
			yield;
		}
		return to;
	}

	test('runs every step and hands over the result, never synchronously', async () => {
		const seen: number[] = [];
		let result: number | undefined;
		const finished = new Promise<void>((resolve) =>
			runInSlices(
				count(50, seen),
				(r) => {
					result = r;
					resolve();
				},
				0,
			),
		);
		expect(seen).toEqual([]);
		await finished;
		expect(result).toBe(50);
		expect(seen).toHaveLength(50);
	});

	test('stopped, it takes no further step and never calls back', async () => {
		const seen: number[] = [];
		let called = false;
		const stop = runInSlices(count(1000, seen), () => (called = true), 0);
		// Let a few slices run (one step each), then stop.
		await new Promise<void>((resolve) => {
			let n = 0;
			const wait = () => (++n === 5 ? resolve() : setTimeout(wait, 0));
			setTimeout(wait, 0);
		});
		stop();
		const taken = seen.length;
		expect(taken).toBeGreaterThan(0);
		expect(taken).toBeLessThan(1000);
		await new Promise<void>((resolve) => {
			let n = 0;
			const wait = () => (++n === 20 ? resolve() : setTimeout(wait, 0));
			setTimeout(wait, 0);
		});
		expect(seen).toHaveLength(taken);
		expect(called).toBe(false);
	});

	test('after a key, no step runs until the hold is over; then the computation resumes and finishes', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
		try {
			const seen: number[] = [];
			let result: number | undefined;
			runInSlices(count(20, seen), (r) => (result = r), 0);
			await vi.advanceTimersByTimeAsync(1);
			const before = seen.length;
			expect(before).toBeGreaterThan(0);
			holdForInput(40);
			await vi.advanceTimersByTimeAsync(39);
			expect(seen).toHaveLength(before);
			await vi.advanceTimersByTimeAsync(100);
			expect(result).toBe(20);
			expect(seen).toHaveLength(20);
		} finally {
			vi.useRealTimers();
		}
	});
});
