/**
 * The live bench judges a status change by the target Service's row in the frames the TUI draws.
 * With the list filtered to that Service, the title line names it as well; the bench once read
 * that line, which never shows a problem, so the status change could never be seen. Checked here
 * against a real frame of the App.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { controlledStream, frameWhere, keys, press, syntheticSnapshot } from '../ui/support.js';

afterEach(() => cleanup());

const { serviceRow } = (await import(new URL('../../bench/live-frames.mjs', import.meta.url).href)) as {
	serviceRow: (frame: string, key: string) => string;
};

describe('live bench frames', () => {
	test('the row of a filtered Service is its table row, with its status and problem, not the title line', async () => {
		// In the synthetic cluster every 7th Service's selector matches nothing (KW101).
		const snapshot = syntheticSnapshot(20);
		const broken = snapshot.services.find((s) => s.name === 'svc-00007')!;
		const key = `${broken.namespace}/${broken.name}`;
		const r = render(<App stream={controlledStream(snapshot)} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 160, rows: 30 }} updateDelayMs={0} />);
		await frameWhere(r, /KW101/);
		await press(r, '/', key, keys.enter);
		const frame = await frameWhere(r, /Services 1 of/);

		// The title names the Service too: the first line with the key is not the row.
		const title = frame.split('\n').find((line) => line.includes(`${key} `))!;
		expect(title).toMatch(/^Services 1 of/);
		const row = serviceRow(frame, key);
		expect(row).toMatch(/ERROR/);
		expect(row).toMatch(/KW101/);
		expect(serviceRow(frame, `${broken.namespace}/svc-00008`)).toBe('');
	});
});
