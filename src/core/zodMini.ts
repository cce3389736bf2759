import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The zod every eagerly loaded schema uses, imported as `import * as z from '…/zodMini'` (a
 * namespace import lets the bundler keep only what is used; `import { z }` keeps all of zod).
 * `zod/mini` is classic zod's core with a functional API: ~20 KB and a few ms of start-up instead
 * of ~190 KB and ~20 ms. Unlike classic zod it has no default messages, so the English ones are
 * installed here: checks we give no text of our own keep saying what classic zod said.
 */
if (!config().localeError) config(en());

export * from 'zod/mini';
