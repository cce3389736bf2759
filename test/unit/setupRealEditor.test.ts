import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { environmentWithoutNpm } from '../../scripts/setup-real-editor.mjs';

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
