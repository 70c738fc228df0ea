/**
 * The real binary in a real terminal: `kubewire --demo` in an 80x24 tmux pane, driven with keys
 * through filter → detail → back → quit, then checked for a restored terminal (main screen back,
 * cursor shown, line discipline out of raw mode). Also SIGTERM, as when an SSH session drops, and
 * a capture large enough to be read with the screen up, whole and cut short.
 * Runs WITHOUT the CI variable: with it, Ink draws only the final frame.
 * Needs tmux (`apt-get install -y tmux`); on a developer's machine without it the test is skipped,
 * saying so; in CI (CI=true, where .ci/run installs it) a missing tmux is a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { capture } from '../support/capture.js';
import { scratchDir } from '../support/scratch.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCI = process.env['CI'] === 'true';
if (!hasTmux && !inCI) console.warn('e2e-tmux: tmux is not installed, the terminal test is skipped (apt-get install -y tmux)');

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
// A private tmux server, so the test never touches the user's sessions.
const socket = `kubewire-e2e-${process.pid}`;
const session = 'e2e';
const env = { ...process.env };
delete env['CI'];
let dir = '';

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], { env, encoding: 'utf8' });
}

function screen(): string {
	return tmux('capture-pane', '-p', '-t', session);
}

function paneFlag(name: string): string {
	return tmux('display', '-p', '-t', session, `#{${name}}`).trim();
}

/** Polls the pane until `check` holds; the deadline only bounds a hung run, it is not measured. */
async function waitFor(what: string, check: (text: string) => boolean, deadlineMs = 20_000): Promise<string> {
	const until = Date.now() + deadlineMs;
	let text = '';
	while (Date.now() < until) {
		text = screen();
		if (check(text)) return text;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`waited for ${what}; the pane shows:\n${text}`);
}

function lines(text: string): string[] {
	return text.split('\n');
}

/** A Service of the demo with an error finding, read through the CLI's own JSON. */
function brokenDemoService(): string {
	// check exits 1 when it finds errors, which is what is wanted here.
	const out = spawnSync(process.execPath, [cli, 'check', '--demo', '-o', 'json'], { env, encoding: 'utf8' }).stdout;
	const finding = (JSON.parse(out) as { findings: { kind: string; severity: string; name: string }[] }).findings.find(
		(f) => f.kind === 'Service' && f.severity === 'error',
	);
	if (!finding) throw new Error('the demo has no broken Service');
	return finding.name;
}

function sttyState(): string {
	const file = join(dir, `stty-${Date.now()}`);
	tmux('send-keys', '-t', session, `stty -a > ${file}`, 'Enter');
	return file;
}

async function runKubewire(): Promise<void> {
	tmux('send-keys', '-t', session, 'clear', 'Enter');
	tmux('send-keys', '-t', session, `env -u CI ${process.execPath} ${cli} --demo; echo "EXIT=$?"`, 'Enter');
	await waitFor('the Services screen', (t) => /^Services \d+/m.test(t) && /q quit\s*$/m.test(t));
}

async function expectRestored(exitStatus: number): Promise<void> {
	const after = await waitFor(`exit status ${exitStatus}`, (t) => t.includes(`EXIT=${exitStatus}`));
	expect(after).not.toMatch(/^kubewire\s+ctx/m);
	expect(paneFlag('alternate_on')).toBe('0');
	expect(paneFlag('cursor_flag')).toBe('1');
	const file = sttyState();
	await waitFor('stty output', () => {
		try {
			return readFileSync(file, 'utf8').includes('icanon');
		} catch {
			return false;
		}
	});
	const modes = readFileSync(file, 'utf8').split(/\s+/);
	expect(modes).toContain('icanon');
	expect(modes).toContain('echo');
}

test.runIf(!hasTmux && inCI)('tmux is installed in CI, where the terminal test must run', () => {
	expect(hasTmux, 'CI=true but tmux is not installed: .ci/run installs it with apt-get').toBe(true);
});

describe.skipIf(!hasTmux)('kubewire --demo in an 80x24 tmux pane', () => {
	beforeAll(() => {
		dir = scratchDir('e2e');
		tmux('-f', '/dev/null', 'new-session', '-d', '-s', session, '-x', '80', '-y', '24', 'sh');
	});

	afterAll(() => {
		spawnSync('tmux', ['-L', socket, 'kill-server'], { env });
	});

	test('filter → detail → back → quit, and the terminal is given back', async () => {
		const name = brokenDemoService();
		await runKubewire();
		const first = lines(screen());
		expect(first[0]).toMatch(/^kubewire\s+ctx demo\s+ns all/);
		expect(first[3]).toMatch(/^› ✗ ERROR/);
		expect(first.filter((l) => l !== '').length).toBeLessThanOrEqual(23);
		expect(paneFlag('alternate_on')).toBe('1');

		tmux('send-keys', '-t', session, '/', ...name.split(''));
		await waitFor('the filtered list', (t) => new RegExp(`^Services \\d+ of \\d+ matching /${name}`, 'm').test(t));
		expect(screen()).toMatch(new RegExp(`^/${name}█`, 'm'));

		tmux('send-keys', '-t', session, 'Enter');
		await waitFor('the footer keys again', (t) => /q quit\s*$/m.test(t));
		tmux('send-keys', '-t', session, 'Enter');
		const detail = await waitFor('the detail', (t) => /^CHAIN/m.test(t));
		expect(lines(detail)[1]).toMatch(new RegExp(`✗ ERROR\\s+\\S+/${name}`));
		expect(detail).toMatch(/FINDINGS [1-9]/);

		tmux('send-keys', '-t', session, 'Escape');
		await waitFor('the list, still filtered', (t) => new RegExp(`^Services \\d+ of \\d+ matching /${name}`, 'm').test(t));

		tmux('send-keys', '-t', session, 'q');
		await expectRestored(0);
	}, 90_000);

	test('Ctrl-C quits from the middle of typing a filter, and the terminal is given back', async () => {
		await runKubewire();
		tmux('send-keys', '-t', session, '/', 'x');
		await waitFor('the filter line', (t) => /^\/x█/m.test(t));
		tmux('send-keys', '-t', session, 'C-c');
		await expectRestored(0);
	}, 90_000);

	test('without a terminal on stdin it says so in one line and exits 2', async () => {
		tmux('send-keys', '-t', session, 'clear', 'Enter');
		tmux('send-keys', '-t', session, `env -u CI ${process.execPath} ${cli} --demo < /dev/null; echo "EXIT=$?"`, 'Enter');
		const text = await waitFor('exit status 2', (t) => t.includes('EXIT=2'));
		// The pane may wrap the line at 80 columns or print it after the shell's prompt: unwrap first.
		expect(text.replace(/\n/g, '')).toMatch(/kubewire: the TUI reads keys from a terminal, but stdin is not one/);
		expect(text).not.toMatch(/at .*\.js:\d+/);
	}, 90_000);

	test('a capture too large to read before the screen opens is read with the screen up and ends in the answer; q gives the terminal back', async () => {
		// Past the 16 MB from which the TUI reads a capture with the screen up (cluster/file-stream.ts).
		const file = join(dir, 'large.json');
		writeFileSync(file, capture(18_000, { unmatched: [4321] }));
		expect(statSync(file).size).toBeGreaterThan(16 * 1024 * 1024);
		tmux('send-keys', '-t', session, 'clear', 'Enter');
		tmux('send-keys', '-t', session, `env -u CI ${process.execPath} ${cli} --fixtures ${file}; echo "EXIT=$?"`, 'Enter');
		const done = await waitFor('the answer', (t) => /^Services 18000\s+✗ 1 error/m.test(t), 60_000);
		expect(lines(done)[3]).toMatch(/^› ✗ ERROR\s+shop\/svc-4321/);
		tmux('send-keys', '-t', session, 'q');
		await expectRestored(0);
	}, 90_000);

	test('a large capture that turns out broken while the screen is up: one line naming the file, exit 2, the terminal given back', async () => {
		const text = capture(18_000);
		const file = join(dir, 'cut.json');
		writeFileSync(file, text.slice(0, text.length - 1000));
		expect(statSync(file).size).toBeGreaterThan(16 * 1024 * 1024);
		tmux('send-keys', '-t', session, 'clear', 'Enter');
		tmux('send-keys', '-t', session, `env -u CI ${process.execPath} ${cli} --fixtures ${file}; echo "EXIT=$?"`, 'Enter');
		const after = await waitFor('exit status 2', (t) => t.includes('EXIT=2'), 60_000);
		// tmux wraps the line at 80 columns and drops a space that falls at the edge: compare without spaces.
		expect(after.replace(/\s+/g, '')).toMatch(new RegExp(`kubewire:${file}:1:invalidJSONatbyte\\d+:thefileendsinthemiddleofavalue`));
		expect(after).not.toMatch(/at .*\.js:\d+/);
		expect(paneFlag('alternate_on')).toBe('0');
		expect(paneFlag('cursor_flag')).toBe('1');
	}, 90_000);

	test('SIGTERM (a dropped session) also gives the terminal back', async () => {
		await runKubewire();
		const shell = paneFlag('pane_pid');
		// The shell's only child is kubewire (env execs node).
		const pid = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]!;
		process.kill(Number(pid), 'SIGTERM');
		await expectRestored(143);
	}, 90_000);
});
