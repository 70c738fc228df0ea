/**
 * How Ink draws the TUI: the command uses these, and so does the live benchmark (bench/live.mjs),
 * so the bench measures what users run.
 *
 * - Not `incrementalRendering`: in Ink 6.8 it loses track of lines on a fixed-height frame. Full
 *   redraws are wrapped in synchronized-output sequences, so terminals show them without flicker.
 * - `maxFps` 60, not Ink's 30: a frame that follows another within the interval waits for it, and
 *   on a live cluster frames come often, so at 30 a keypress could wait 33 ms before it is drawn.
 *   Ink writes a frame only when the screen changed, so a busy cluster does not send more over a
 *   slow link: what changes is how soon a key's frame goes out.
 */
export const inkOptions = { exitOnCtrlC: false, maxFps: 60 } as const;
