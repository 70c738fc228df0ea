/**
 * The live bench judges a status change by the target Service's row in the frames the TUI draws.
 * With the list filtered to that Service, the title line names it as well; the bench once read
 * that line, which never shows a problem, so the status change could never be seen. Checked here
 * against a real frame of the App.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app.js';
import { controlledStream, keys, settle, syntheticSnapshot } from '../ui/support.js';

afterEach(() => cleanup());

const { serviceRow } = (await import(new URL('../../bench/live-frames.mjs', import.meta.url).href)) as {
	serviceRow: (frame: string, key: string) => string;
};

async function until(r: { lastFrame(): string | undefined }, test: (frame: string) => boolean): Promise<string> {
	for (let i = 0; i < 200; i++) {
		const frame = r.lastFrame() ?? '';
		if (test(frame)) return frame;
		await settle();
	}
	throw new Error(`the expected frame never came; last:\n${r.lastFrame() ?? ''}`);
}

describe('live bench frames', () => {
	test('the row of a filtered Service is its table row, with its status and problem, not the title line', async () => {
		// In the synthetic cluster every 7th Service's selector matches nothing (KW101).
		const snapshot = syntheticSnapshot(20);
		const broken = snapshot.services.find((s) => s.name === 'svc-00007')!;
		const key = `${broken.namespace}/${broken.name}`;
		const r = render(<App stream={controlledStream(snapshot)} options={{ clusterDomain: 'cluster.local', color: false }} size={{ columns: 160, rows: 30 }} updateDelayMs={0} />);
		await until(r, (f) => /KW101/.test(f));
		r.stdin.write('/');
		await settle();
		r.stdin.write(key);
		await settle();
		r.stdin.write(keys.enter);
		const frame = await until(r, (f) => /Services 1 of/.test(f));

		// The title names the Service too: the first line with the key is not the row.
		const title = frame.split('\n').find((line) => line.includes(`${key} `))!;
		expect(title).toMatch(/^Services 1 of/);
		const row = serviceRow(frame, key);
		expect(row).toMatch(/ERROR/);
		expect(row).toMatch(/KW101/);
		expect(serviceRow(frame, `${broken.namespace}/svc-00008`)).toBe('');
	});
});
