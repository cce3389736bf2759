/**
 * Real-editor E2E harness: the packaged .vsix in code-server (VS Code 1.139.1 in a browser),
 * driven by playwright-core through Debian's Chromium. Recipe: /work/shared/realeditor.md.
 *
 *   const editor = await startEditor({ locale: 'de', settings: { 'byok.openai': {...} } });
 *   const browser = await openBrowser(editor);            // workbench painted
 *   const page = await openModelsPage(browser.page);      // = runCommand + waitForModelsPage
 *   await page.getByRole('region', { name: 'OpenAI' }).getByLabel('API key').fill('sk-…');
 *   await reloadWindow(browser.page);
 *   searchTreeFor(editor.dirs.userData, canary);          // [] = not found (UTF-8 and UTF-16LE)
 *   await searchPageFor(browser.page, canary);            // every frame's DOM + input values
 *   await browser.close(); await editor.stop();           // kills code-server's process group
 *
 * - startEditor({ codeServer, locale, settings, vsix, extraVsix, extraArgs, env, untrustedWorkspace }): codeServer picks a release of
 *   `editorMatrix` (default the newest); fresh sandbox under os.tmpdir() (HOME, XDG dirs and TMPDIR redirected, own config,
 *   user-data-dir, extensions-dir, workspace; quiet User/settings.json written first), installs
 *   the .vsix with --install-extension --force, starts code-server in its own process group on
 *   a free port, waits for /healthz. Provider env vars are scrubbed; AWS config points into the sandbox.
 * - locale 'de' needs a German language pack installed, as in a real editor: pass
 *   `extraVsix: [germanLanguagePack()]` (a fixture without workbench translations).
 * - openBrowser(editor, { profileDir?, beforeNavigate? }): persistent Chromium profile (SecretStorage
 *   lives in its localStorage); beforeNavigate lets you page.exposeFunction before the workbench loads.
 * - runCommand(page, title): Command Palette by exact title, retried until the command is registered.
 * - modelsFrame(page) / waitForModelsPage(page): the webview's nested iframes; ready = body[data-ready=true].
 * - startSimulatorInProcess() / startSimulatorProcess(): the provider simulator on 127.0.0.1.
 * - startEditorWithSimulator({ editor, beforeBrowser }) / stopEditorWithSimulator(started): a suite's usual
 *   beforeAll/afterAll (simulator, editor, browser), cleaning up after a failed start.
 * Run suites one at a time (an editor with its browser peaks at ~2.1 GB). BYOK_E2E_KEEP=1 keeps sandboxes.
 */
export { startEditor, installVsix, vsixWithVersion, editorMatrix, smokeEditors, freePort, realEditorTools, repoRoot, defaultVsix, packageFixture, germanLanguagePack } from './editor';
export type { Editor, EditorRelease, SandboxDirs, StartEditorOptions, RealEditorTools } from './editor';
export { openBrowser, waitForWorkbench, runCommand, modelsFrame, waitForModelsPage, openModelsPage, reloadWindow } from './browser';
export type { EditorBrowser } from './browser';
export { searchTreeFor, searchPageFor, countFiles } from './leakSearch';
export type { LeakHit } from './leakSearch';
export { startSimulatorInProcess, startSimulatorProcess } from './simulator';
export type { SimulatorProcess } from './simulator';
export { startEditorWithSimulator, stopEditorWithSimulator } from './editorWithSimulator';
export type { EditorWithSimulator } from './editorWithSimulator';
