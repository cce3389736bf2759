import type { Simulator } from '../../simulator/server';
import { openBrowser, type EditorBrowser } from './browser';
import { startEditor, type Editor, type StartEditorOptions } from './editor';
import { startSimulatorInProcess } from './simulator';

/** What most suites start before their first test: the provider simulator, an editor and its browser. */
export interface EditorWithSimulator {
  sim: Simulator;
  editor: Editor;
  browser: EditorBrowser;
}

/**
 * Starts the simulator, then the editor (`editor`: its options, or a function of the simulator for
 * settings that point at it), runs `beforeBrowser` (files the editor reads, e.g. the sandbox's
 * ~/.aws), then opens the browser. What was started is stopped again when a later step fails.
 */
export async function startEditorWithSimulator(
  options: { editor?: StartEditorOptions | ((sim: Simulator) => StartEditorOptions); beforeBrowser?: (editor: Editor) => void } = {},
): Promise<EditorWithSimulator> {
  const sim = await startSimulatorInProcess();
  let editor: Editor | undefined;
  try {
    editor = await startEditor(typeof options.editor === 'function' ? options.editor(sim) : options.editor);
    options.beforeBrowser?.(editor);
    return { sim, editor, browser: await openBrowser(editor) };
  } catch (err) {
    await stopEditorWithSimulator({ sim, editor });
    throw err;
  }
}

/** Closes the browser, stops the editor and the simulator: whichever of them were started. */
export async function stopEditorWithSimulator(started: Partial<EditorWithSimulator>): Promise<void> {
  await started.browser?.close();
  await started.editor?.stop();
  await started.sim?.close();
}
