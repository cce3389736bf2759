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
 */

/** The markup each node had when it was built (before custom elements added their own attributes). */
const builtMarkup = new WeakMap<Element, string>();

/** Roving tab stops move with the keyboard, not with the content: not part of what a block shows. */
const TAB_STOPS = / (?:tabindex|data-tab-stop)="[^"]*"/g;

function markupOf(node: Element): string {
  return node.outerHTML.replace(TAB_STOPS, '');
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
