/**
 * A large cluster's first frame is drawn from the outline (every Service, statuses still being
 * checked) and the finished analysis replaces it right after, broken Services first.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app.js';
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
