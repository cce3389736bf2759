import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { environmentWithoutNpm, smokeEditors } from '../../scripts/setup-real-editor.mjs';

describe('the nested code-server install', () => {
  it('does not inherit the outer npm settings (its user agent names the outer Node)', () => {
    const outer = {
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_user_agent: 'npm/10.8.2 node/v20.20.2 linux x64 workspaces/false',
      npm_config_nodedir: '/usr/include/node',
      npm_lifecycle_event: 'test',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      NPM_CONFIG_CACHE: '/root/.npm',
      INIT_CWD: '/work/main',
      NODE: '/usr/bin/node',
      HTTPS_PROXY: 'http://proxy.example:3128',
    };
    expect(environmentWithoutNpm(outer)).toEqual({ PATH: '/usr/bin', HOME: '/root', HTTPS_PROXY: 'http://proxy.example:3128' });
  });
});

describe('the editors of the smoke journey (BYOK_E2E_EDITORS)', () => {
  const versions = (setting: string | undefined) => (smokeEditors(setting) as { codeServer: string; vscode: string }[]).map((e) => `${e.codeServer}=${e.vscode}`);

  it('are none unless asked for, and "all" are the older editors of the matrix', () => {
    expect(versions(undefined)).toEqual([]);
    expect(versions('all')).toEqual(['4.104.0=1.104.0', '4.99.4=1.99.3']);
  });

  it('can be named one by one, and an editor outside the matrix is refused', () => {
    expect(versions('4.99.4')).toEqual(['4.99.4=1.99.3']);
    expect(versions(' 4.104.0 ,4.139.1')).toEqual(['4.104.0=1.104.0', '4.139.1=1.139.1']);
    expect(() => smokeEditors('4.96.0')).toThrow(/code-server 4\.96\.0 is not one of/);
  });
});
