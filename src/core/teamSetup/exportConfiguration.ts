import { parseExtraHeaders } from '../providers/compatible/definition';
import { providerDefinitions } from '../providers/registry';
import type { CredentialStore } from '../store/credentialStore';
import type { StatePort } from '../store/ports';
import { keyHintsFor } from './keyHints';
import { secretLikePaths } from './secretShapes';
import { TEAM_FILE_VERSION, type TeamFileJson } from './teamFile';

type Store = Pick<CredentialStore, 'snapshot' | 'enabledModels' | 'readSecrets'>;

export type ExportOutcome = { ok: true; json: string; providers: number } | { ok: false; paths: string[] };

/**
 * The configured providers in the team file format: settings and enabled models, and for each
 * provider the keys a member has to add (`keysNeeded`), never a key. Header names of a gateway are
 * kept, their values are not. The result is checked like an incoming file: anything that looks
 * like a secret stops the export.
 */
export async function exportConfiguration(store: Store, hints?: StatePort): Promise<ExportOutcome> {
  const providers: NonNullable<TeamFileJson['providers']> = {};
  let count = 0;
  for (const snapshot of await store.snapshot()) {
    if (!snapshot.configured || !Object.keys(snapshot.settings).length) continue;
    const def = providerDefinitions[snapshot.kind];
    const parsed = def.settingsSchema.safeParse(snapshot.settings);
    const settings = { ...snapshot.settings };
    delete settings.externalId;
    const hinted = hints ? keyHintsFor(hints, snapshot.id) : undefined;
    const entry: Record<string, unknown> = {
      ...settings,
      models: store.enabledModels(snapshot.id),
      keysNeeded: def.secretFields
        .filter((f) => (parsed.success && f.requiredFor(parsed.data)) || snapshot.secrets[f.id]?.present || hinted?.keysNeeded.includes(f.id))
        .map((f) => f.id),
    };
    if (snapshot.kind === 'compatible') {
      // Header names only: the values are the member's own (they often carry a key).
      const headers = (await store.readSecrets(snapshot.id)).extraHeaders;
      const parsedHeaders = headers ? parseExtraHeaders(headers) : undefined;
      const names = [...new Set([...(parsedHeaders && 'headers' in parsedHeaders ? Object.keys(parsedHeaders.headers) : []), ...(hinted?.headerNames ?? [])])];
      if (names.length) entry.headerNames = names;
      (providers.compatible ??= []).push(entry);
    } else {
      providers[snapshot.kind] = entry;
    }
    count++;
  }
  const file: TeamFileJson = { version: TEAM_FILE_VERSION, providers };
  const paths = secretLikePaths(file);
  if (paths.length) return { ok: false, paths };
  return { ok: true, json: `${JSON.stringify(file, null, 2)}\n`, providers: count };
}
