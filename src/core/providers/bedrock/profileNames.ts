import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The names of the profiles in the user's AWS config files, for the page's profile choice.
 * Only section headers are looked at; no value (and so no key) leaves this module.
 */

/** `[default]`, `[profile dev]` in the config file; `[dev]` in the credentials file. */
export function profileNamesIn(text: string, file: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line)?.[1];
    if (!header) continue;
    if (file === 'credentials') names.push(header);
    else if (header === 'default') names.push(header);
    else {
      // Other sections of the config file (sso-session, services) are not profiles.
      const profile = /^profile\s+(.+)$/.exec(header)?.[1];
      if (profile) names.push(profile.trim());
    }
  }
  return names;
}

/** Reads both files where the AWS SDK looks for them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
export async function awsProfileNames(env: NodeJS.ProcessEnv = process.env, home = homedir()): Promise<string[]> {
  const files = [
    { file: 'config' as const, at: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config') },
    { file: 'credentials' as const, at: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials') },
  ];
  const names = await Promise.all(files.map(({ file, at }) => readFile(at, 'utf8').then((text) => profileNamesIn(text, file), () => [])));
  return [...new Set(names.flat())].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
