// The bench loads the shipped dist/extension.js in plain Node. This module answers its
// `require('vscode')`: the few APIs activation and the store really use are implemented in
// memory; everything else (registrations, UI) is an inert stand-in that returns a disposable.
'use strict';

const settings = new Map();
const inert = () =>
  new Proxy(function () {}, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === 'dispose' ? () => {} : inert()),
    apply: () => inert(),
    construct: () => inert(),
  });

/** An object whose missing members are inert stand-ins. */
const partial = (target) => new Proxy(target, { get: (t, prop) => (prop in t ? t[prop] : prop === 'then' ? undefined : inert()) });

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

function configuration(section) {
  const full = (key) => `${section}.${key}`;
  return {
    get: (key, fallback) => (settings.has(full(key)) ? structuredClone(settings.get(full(key))) : fallback),
    inspect: (key) => ({ key: full(key), globalValue: settings.has(full(key)) ? structuredClone(settings.get(full(key))) : undefined }),
    has: (key) => settings.has(full(key)),
    update: async (key, value) => {
      if (value === undefined) settings.delete(full(key));
      else settings.set(full(key), structuredClone(value));
    },
  };
}

const logLines = [];
const outputChannel = new Proxy(
  {},
  {
    get: (_t, prop) =>
      prop === 'dispose' ? () => {} : (...args) => logLines.push(`${String(prop)} ${args.map(String).join(' ')}`),
  },
);

const vscode = {
  EventEmitter,
  Disposable: class {
    constructor(fn) {
      this.dispose = fn;
    }
    static from(...items) {
      return { dispose: () => items.forEach((i) => i.dispose()) };
    }
  },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  LanguageModelChatMessageRole: { User: 1, Assistant: 2, System: 3 },
  l10n: { t: (message, ...args) => String(typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_m, i) => String(args[i])), bundle: undefined, uri: undefined },
  workspace: partial({ getConfiguration: configuration, onDidChangeConfiguration: () => ({ dispose() {} }) }),
  window: partial({ createOutputChannel: () => outputChannel }),
  __bench: { settings, logLines },
};
// esbuild's CommonJS interop copies only own properties, so every namespace the host uses is listed.
for (const name of ['lm', 'commands', 'env', 'extensions', 'chat', 'languages', 'Uri', 'ViewColumn', 'ProgressLocation', 'LanguageModelChatToolMode', 'LanguageModelTextPart', 'LanguageModelToolCallPart', 'LanguageModelToolResultPart', 'LanguageModelDataPart', 'LanguageModelError', 'CancellationTokenSource', 'ThemeIcon', 'MarkdownString', 'LogLevel']) {
  vscode[name] ??= partial({});
}

module.exports = partial(vscode);
