'use strict';
// What the README screenshots share: VS Code (code-server) with this checkout's extension on a folder,
// waiting for a part of the window with a deadline, opening a file from the Explorer as a user would,
// hovering a word and keeping the window as a PNG (or, when what is awaited never shows, a `-failure.png`
// beside it), and the clean-up.
const fs = require('node:fs');
const path = require('node:path');
const cs = require('./code-server');

const WAIT = 60_000;

/** Waits for a locator with a deadline; on timeout says what the user would not have seen. */
async function see(locator, what, state = 'visible', timeout = WAIT) {
  try {
    await locator.waitFor({ state, timeout });
  } catch (error) {
    throw new Error(`no ${what} within ${timeout} ms (${error.message.split('\n')[0]})`);
  }
  return locator;
}

/** Expands the Explorer's folders `steps[0..n-2]` and opens the file `steps[n-1]`. */
async function openFromExplorer(page, steps, timeout = WAIT) {
  const explorer = page.locator('.explorer-folders-view');
  await see(explorer, 'Explorer', 'visible', timeout);
  for (let level = 0; level < steps.length; level++) {
    const row = explorer.locator(`.monaco-list-row[aria-level="${level + 1}"]`, { hasText: steps[level] }).first();
    await see(row, `Explorer row "${steps[level]}"`, 'visible', timeout);
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

/**
 * Starts code-server with this checkout's extension on `folder` (inside `workDir`), opens the workbench in
 * a 1180×560 window and runs `shoot(page)`; the browser, the server and `workDir` are removed afterwards.
 */
async function inWorkbench({ workDir, folder, userDataDir = path.join(workDir, 'data') }, shoot) {
  let server;
  let browser;
  try {
    server = await cs.startCodeServer({ workDir, userDataDir, extensionsDir: path.join(workDir, 'ext') });
    browser = await cs.launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1180, height: 560 }, deviceScaleFactor: 1 })).newPage();
    const payload = [['extensionDevelopmentPath', cs.remoteUri(server.port, cs.REPO_ROOT)]];
    await page.goto(cs.workbenchUrl(server, { folder, payload }), { waitUntil: 'domcontentloaded' });
    await see(page.locator('.monaco-workbench'), 'VS Code workbench');
    await shoot(page);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    cs.removeDir(workDir);
  }
}

/** Waits for an error squiggle in the editor (the window goes to a `-failure.png` beside `output` when none comes). */
async function seeSquiggle(page, what, output) {
  const squiggle = page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error').first();
  try {
    await see(squiggle, what, 'attached');
  } catch (error) {
    await page.screenshot({ path: output.replace(/\.png$/, '-failure.png') });
    throw error;
  }
}

/** Hovers, as a user would, the last part of the editor line holding `lineText` whose text matches `word`. */
async function hoverWord(page, lineText, word) {
  const line = page.locator('.editor-instance .view-line', { hasText: lineText }).first();
  await see(line, `the line with "${lineText}"`);
  await line.locator('span', { hasText: word }).last().hover();
}

/** Runs a screenshot script's `main`: a failure is written to stderr, with exit code 1. */
function runScript(main) {
  main().catch((error) => {
    process.stderr.write(`${error.stack || error.message}\n`);
    process.exitCode = 1;
  });
}

module.exports = { see, openFromExplorer, shootHover, inWorkbench, seeSquiggle, hoverWord, runScript };
