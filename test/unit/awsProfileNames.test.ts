import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsProfileNames, profileNamesIn } from '../../src/core/providers/bedrock/profileNames';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY';

describe('the AWS profiles offered for Bedrock', () => {
  it('are the profile names of the config file ([default], [profile x]) and the credentials file ([x]), nothing else', () => {
    const config = '[default]\nregion = us-east-1\n\n[profile dev-sso]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x\n[services s3]\n  [ profile  spaced ] ; comment\n';
    expect(profileNamesIn(config, 'config')).toEqual(['default', 'dev-sso', 'spaced']);
    expect(profileNamesIn(`[ci]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${SECRET}\n`, 'credentials')).toEqual(['ci']);
  });

  it('are read where AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point, merged and without values', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aws-profiles-'));
    writeFileSync(path.join(dir, 'cfg'), '[profile zeta]\n[default]\n');
    writeFileSync(path.join(dir, 'creds'), `[alpha]\naws_secret_access_key = ${SECRET}\n[default]\n`);
    const names = await awsProfileNames({ AWS_CONFIG_FILE: path.join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'creds') }, '/nonexistent-home');
    expect(names).toEqual(['default', 'alpha', 'zeta']);
    expect(JSON.stringify(names)).not.toContain(SECRET);
  });

  it('are looked up in ~/.aws by default, and are none when the files do not exist', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'aws-home-'));
    expect(await awsProfileNames({}, home)).toEqual([]);
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(path.join(home, '.aws', 'config'), '[profile work]\n');
    expect(await awsProfileNames({}, home)).toEqual(['work']);
  });
});
