/**
 * Reading the live bench's recorded frames. Kept apart from live.mjs so a test can check them
 * against what the TUI really draws (test/bench/live-frames.test.tsx).
 */

/**
 * The Services table row of `key` in a frame, or '' when it is not on screen. Rows start with the
 * cursor mark or a blank in its place; the title line above them, "Services 1 of N matching
 * /NS/NAME …", names a filtered Service too but never shows its status or problem, so a search
 * for the key alone finds the wrong line.
 * @param {string} frame
 * @param {string} key NS/NAME
 * @returns {string}
 */
export function serviceRow(frame, key) {
	return frame.split('\n').find((line) => /^(›| ) /.test(line) && line.includes(` ${key} `)) ?? '';
}
