import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../src/core/providers/kinds';
import { CredentialStore } from '../../../src/core/store/credentialStore';
import type { SecretStoragePort, StatePort } from '../../../src/core/store/ports';
import { recordFigures } from '../../support/reliabilityFigures';
import { MemoryKeyValue, MemorySecrets } from '../../support/memoryPorts';

/**
 * The extension host killed in the middle of Save and of a key replacement (verify-then-swap), at
 * every write either makes: after a restart the provider has either its old key pair or the new
 * one, never none and never a mix, and its settings are either the old or the new.
 */

/** What survives the host: the editor's SecretStorage, settings and globalState. */
class EditorStorage {
  readonly secrets = new MemorySecrets();
  readonly settings = new MemoryKeyValue();
  readonly state = new MemoryKeyValue();
}

/**
 * The ports of a host that is killed after `writesLeft` more writes: the write that would be next
 * never happens and never returns, nor does anything after it.
 */
function dyingHost(storage: EditorStorage, writesLeft: number) {
  let left = writesLeft;
  let writes = 0;
  const never = new Promise<never>(() => undefined);
  const write = (doIt: () => PromiseLike<void>): PromiseLike<void> => {
    if (left === 0) return never;
    left--;
    writes++;
    return doIt();
  };
  const secrets: SecretStoragePort = {
    get: (key) => storage.secrets.get(key),
    store: (key, value) => write(() => storage.secrets.store(key, value)),
    delete: (key) => write(() => storage.secrets.delete(key)),
  };
  const keyValue = (backing: MemoryKeyValue): StatePort => ({
    get: (key) => backing.get(key),
    update: (key, value) => write(() => backing.update(key, value)),
  });
  return { store: new CredentialStore(secrets, keyValue(storage.settings), keyValue(storage.state)), writes: () => writes };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

const ID: ProviderId = 'bedrock';
const OLD = { accessKeyId: 'AKIAOLDOLDOLDOLD0001', secretAccessKey: 'oldSecretoldSecretoldSecretoldSecret0001' };
const NEW = { accessKeyId: 'AKIANEWNEWNEWNEW0002', secretAccessKey: 'newSecretnewSecretnewSecretnewSecret0002' };
const OLD_SETTINGS = { authMode: 'accessKeys', region: 'us-east-1' };
const NEW_SETTINGS = { authMode: 'accessKeys', region: 'eu-central-1' };

async function withOldKey(): Promise<EditorStorage> {
  const storage = new EditorStorage();
  const store = new CredentialStore(storage.secrets, storage.settings, storage.state);
  expect(await store.save(ID, OLD_SETTINGS, OLD)).toEqual({ ok: true });
  return storage;
}

/** What the restarted host finds: which key pair and which settings. */
async function afterRestart(storage: EditorStorage): Promise<{ key: 'old' | 'new' | 'mix' | 'none'; settings: 'old' | 'new' | 'other' }> {
  const store = new CredentialStore(storage.secrets, storage.settings, storage.state);
  const resolved = await store.resolve(ID);
  const { accessKeyId, secretAccessKey } = resolved.secrets;
  const key =
    accessKeyId === OLD.accessKeyId && secretAccessKey === OLD.secretAccessKey ? 'old'
    : accessKeyId === NEW.accessKeyId && secretAccessKey === NEW.secretAccessKey ? 'new'
    : !accessKeyId && !secretAccessKey ? 'none'
    : 'mix';
  const region = (resolved.settings as { region?: string }).region;
  return { key, settings: region === OLD_SETTINGS.region ? 'old' : region === NEW_SETTINGS.region ? 'new' : 'other' };
}

/** Runs `change` on a host killed after 0, 1, 2, … writes until one run finishes it; every restart is checked. */
async function killAtEveryWrite(change: (store: CredentialStore) => Promise<unknown>) {
  const outcomes: string[] = [];
  for (let writesLeft = 0; writesLeft < 50; writesLeft++) {
    const storage = await withOldKey();
    const host = dyingHost(storage, writesLeft);
    let finished = false;
    void change(host.store).then(() => (finished = true));
    await settle();
    const found = await afterRestart(storage);
    outcomes.push(`${writesLeft}: key ${found.key}, settings ${found.settings}`);
    expect(['old', 'new'], `killed after ${writesLeft} writes: the key`).toContain(found.key);
    if (finished) return { killPoints: writesLeft, outcomes, last: found };
  }
  throw new Error(`the change never finished: ${outcomes.join('; ')}`);
}

describe('reliability: crash safety', () => {
  it('the host killed at every write of a Save that replaces a key pair: old or new pair after restart, never none or a mix', async (context) => {
    const { killPoints, last } = await killAtEveryWrite((store) => store.save(ID, NEW_SETTINGS, NEW));
    expect(last).toEqual({ key: 'new', settings: 'new' });
    recordFigures(context, { cases: killPoints + 1 });
  });

  it('the host killed at every write of a key replacement (verify-then-swap): old or new pair after restart, never none or a mix', async (context) => {
    const { killPoints, last } = await killAtEveryWrite(async (store) => {
      expect(await store.save(ID, NEW_SETTINGS, NEW, { pending: true })).toEqual({ ok: true });
      await store.commitPending(ID);
    });
    expect(last).toEqual({ key: 'new', settings: 'new' });
    recordFigures(context, { cases: killPoints + 1 });
  });

  it('the host killed while a new pair is staged or checked: the next Verify with nothing typed checks the stored pair, not what the dead check staged', async (context) => {
    // Staging the new pair takes a few writes; the check itself writes nothing until it swaps.
    const stagingWrites = 4;
    for (let writesLeft = 0; writesLeft <= stagingWrites; writesLeft++) {
      const storage = await withOldKey();
      void dyingHost(storage, writesLeft).store.save(ID, OLD_SETTINGS, NEW, { pending: true });
      await settle();
      // After the restart the page shows the old pair; Verify stages only what is typed (nothing).
      const store = new CredentialStore(storage.secrets, storage.settings, storage.state);
      expect(await store.save(ID, OLD_SETTINGS, {}, { pending: true })).toEqual({ ok: true });
      const checked = await store.resolve(ID, { pending: (await store.hasPending(ID)) || undefined });
      expect(checked.secrets, `killed after ${writesLeft} writes`).toMatchObject(OLD);
    }
    recordFigures(context, { cases: stagingWrites + 1 });
  });
});
