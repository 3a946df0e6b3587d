'use strict';
// What the README screenshots share: wait for a part of the VS Code window with a deadline, open a file
// from the Explorer as a user would, hover a word and keep the window as a PNG (or, when the hover never
// shows, a `-failure.png` beside it).
const fs = require('node:fs');
const path = require('node:path');

const WAIT = 60_000;

async function see(locator, what, state = 'visible') {
  try {
    await locator.waitFor({ state, timeout: WAIT });
  } catch (error) {
    throw new Error(`no ${what} within ${WAIT} ms (${error.message.split('\n')[0]})`);
  }
  return locator;
}

/** Expands the Explorer's folders `steps[0..n-2]` and opens the file `steps[n-1]`. */
async function openFromExplorer(page, steps) {
  const explorer = page.locator('.explorer-folders-view');
  for (let level = 0; level < steps.length; level++) {
    const row = explorer.locator(`.monaco-list-row[aria-level="${level + 1}"]`, { hasText: steps[level] }).first();
    await see(row, `Explorer row "${steps[level]}"`);
    if (level < steps.length - 1) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    } else {
      await row.dblclick();
    }
  }
}

/** Waits for the hover `hoverText` shows, then writes the window to `output`. */
async function shootHover(page, hoverText, what, output) {
  const hover = page.locator('.monaco-hover', { hasText: hoverText }).first();
  try {
    await see(hover, what);
  } catch (error) {
    await page.screenshot({ path: output.replace(/\.png$/, '-failure.png') });
    throw error;
  }
  // The hover fades in: the window is kept once its animations (the finite ones: a cursor blinks forever) end.
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => undefined))));
  fs.mkdirSync(path.dirname(output), { recursive: true });
  await page.screenshot({ path: output });
  process.stdout.write(`wrote ${output} (${Math.round(fs.statSync(output).size / 1024)} KB)\n`);
}

module.exports = { see, openFromExplorer, shootHover };
