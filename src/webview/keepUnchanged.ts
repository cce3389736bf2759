/**
 * Updates from the host re-render a provider's section, which builds its blocks afresh. Putting
 * the new nodes in place of the old ones takes away what the user is doing in them: a click whose
 * button is replaced between press and release does nothing, the caret of a field jumps, a screen
 * reader loses its place. So a freshly built block that looks exactly like the one on screen (the
 * same markup as when that one was built, its fields holding the same values) is dropped and the
 * one on screen stays; only blocks that changed are swapped, and nothing is moved that need not be.
 *
 * A kept node keeps the listeners of the build that made it: they must read the section's state
 * when they run, or take only values its markup shows (then an equal markup means equal values).
 *
 * Some parts a block keeps up to date itself while the user types (a field's message, the label of
 * a deployment's Remove button): marked `data-live="<attributes>"`, their content and the named
 * attributes are left out of the comparison, and a kept block takes them from the fresh build,
 * which knows the host's news too (an error the host found in that field).
 */

/** The markup each node had when it was built (before custom elements added their own attributes). */
const builtMarkup = new WeakMap<Element, string>();

/** Roving tab stops move with the keyboard, not with the content: not part of what a block shows. */
const TAB_STOPS = / (?:tabindex|data-tab-stop)="[^"]*"/g;

const LIVE = '[data-live]';

function liveParts(node: Element): Element[] {
  return [...(node.matches(LIVE) ? [node] : []), ...node.querySelectorAll(LIVE)];
}

function liveAttributes(part: Element): string[] {
  return (part.getAttribute('data-live') ?? '').split(' ').filter(Boolean);
}

/** Only ever called on a freshly built node, before it is on screen: its live parts are emptied for the reading and put back. */
function markupOf(node: Element): string {
  const parts = liveParts(node).map((part) => ({ part, children: [...part.childNodes], attributes: liveAttributes(part).map((name) => [name, part.getAttribute(name)] as const) }));
  for (const { part, attributes } of parts) {
    part.replaceChildren();
    for (const [name] of attributes) part.removeAttribute(name);
  }
  const markup = node.outerHTML.replace(TAB_STOPS, '');
  for (const { part, children, attributes } of parts) {
    part.replaceChildren(...children);
    for (const [name, value] of attributes) if (value !== null) part.setAttribute(name, value);
  }
  return markup;
}

/** A kept block shows what its fresh build shows in its live parts; only differences are written (no needless announcements). */
function takeLiveParts(kept: Element, fresh: Element): void {
  const freshParts = liveParts(fresh);
  liveParts(kept).forEach((part, index) => {
    const from = freshParts[index];
    if (!from) return;
    if (part.innerHTML !== from.innerHTML) part.replaceChildren(...from.childNodes);
    for (const name of liveAttributes(from)) {
      const value = from.getAttribute(name);
      if (value === null) part.removeAttribute(name);
      else if (part.getAttribute(name) !== value) part.setAttribute(name, value);
    }
  });
}

type Control = Element & { value?: unknown; checked?: unknown; invalid?: unknown };
const CONTROLS = 'input, vscode-textfield, vscode-textarea, vscode-checkbox, vscode-radio';

/** What the fields in `node` hold now: values and checks are properties, not in the markup. */
function controlStates(node: Element): string {
  const controls = [...(node.matches(CONTROLS) ? [node] : []), ...node.querySelectorAll(CONTROLS)] as Control[];
  return JSON.stringify(controls.map((c) => [c.value, c.checked, c.invalid]));
}

/**
 * `built` with each node that looks like one of `parent`'s current children (see above) replaced
 * by that child. A node of `built` that already is a child of `parent` stays as it is.
 */
export function keepUnchanged(parent: Element, built: readonly Element[]): Element[] {
  const current = [...parent.children];
  const kept = new Set<Element>();
  return built.map((node) => {
    if (node.parentElement === parent) return node;
    const markup = markupOf(node);
    const states = controlStates(node);
    const same = current.find((child) => !kept.has(child) && !built.includes(child) && builtMarkup.get(child) === markup && controlStates(child) === states);
    if (same) {
      kept.add(same);
      takeLiveParts(same, node);
      return same;
    }
    builtMarkup.set(node, markup);
    return node;
  });
}

/**
 * Makes `nodes` the children of `parent` in that order, removing the others, without taking out
 * and putting back a node that stays (which would drop its focus and a click in progress).
 */
export function placeChildren(parent: Element, nodes: readonly Element[]): void {
  const staying = new Set(nodes);
  for (const child of [...parent.children]) if (!staying.has(child)) child.remove();
  nodes.forEach((node, index) => {
    const at = parent.children[index];
    if (at !== node) parent.insertBefore(node, at ?? null);
  });
}

/** `keepUnchanged`, then `placeChildren`: a re-render that changes only what changed. */
export function updateChildren(parent: Element, built: readonly Element[]): void {
  placeChildren(parent, keepUnchanged(parent, built));
}

interface TextSelection {
  value: string;
  start: number;
  end: number;
  direction: 'forward' | 'backward' | 'none';
}

/** The text control a field is (an input) or wraps (vscode-textfield, vscode-textarea). */
function textControlOf(element: Element): HTMLInputElement | HTMLTextAreaElement | undefined {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element;
  const inner = (element as { wrappedElement?: unknown }).wrappedElement ?? element.shadowRoot?.querySelector('input, textarea');
  return inner instanceof HTMLInputElement || inner instanceof HTMLTextAreaElement ? inner : undefined;
}

/** Where the caret (or the selection) is in a field, to put it back when the field had to be replaced. */
export function textSelectionOf(element: Element): TextSelection | undefined {
  const control = textControlOf(element);
  if (control?.selectionStart == null || control.selectionEnd == null) return undefined;
  return { value: control.value, start: control.selectionStart, end: control.selectionEnd, direction: control.selectionDirection ?? 'none' };
}

/**
 * A field that replaced the focused one takes its caret: focusing a field selects all its text, and
 * the next key typed would replace the whole value. Only when it holds the same text.
 */
export function putTextSelection(element: Element, selection: TextSelection | undefined): void {
  const control = selection && textControlOf(element);
  if (control && control.value === selection.value) control.setSelectionRange(selection.start, selection.end, selection.direction);
}
