import type { Scenario, SimRequest, SimResponse } from '../types';
import { externalIdAccepted, issueTemporaryCredentials, SIM_ACCOUNT, type KnownIdentity } from './keys';
import { sendStsError, sendStsResult, xmlEscape } from './replies';

/** STS awsQuery: `POST /` with a form body `Action=GetCallerIdentity|AssumeRole&Version=2011-06-15&…`. */
export function handleSts(req: SimRequest, res: SimResponse, caller: KnownIdentity, scenario: Scenario): void {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const action = form.get('Action');
  if (req.method !== 'POST' || form.get('Version') !== '2011-06-15') {
    return sendStsError(res, 400, 'InvalidAction', 'Could not find operation for this request.');
  }
  if (action === 'GetCallerIdentity') {
    return sendStsResult(
      res,
      'GetCallerIdentity',
      `<Arn>${xmlEscape(caller.arn)}</Arn><UserId>${xmlEscape(caller.userId)}</UserId><Account>${SIM_ACCOUNT}</Account>`,
    );
  }
  if (action === 'AssumeRole') return assumeRole(form, res, caller, scenario);
  return sendStsError(res, 400, 'InvalidAction', `Could not find operation ${action ?? ''} for version 2011-06-15.`);
}

function assumeRole(form: URLSearchParams, res: SimResponse, caller: KnownIdentity, scenario: Scenario): void {
  const roleArn = form.get('RoleArn') ?? '';
  const sessionName = form.get('RoleSessionName') ?? '';
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  if (!role || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return sendStsError(res, 400, 'ValidationError', '1 validation error detected: Value at \'roleArn\' failed to satisfy constraint');
  }
  // A wrong or missing external id is indistinguishable from a trust-policy denial, exactly as on AWS.
  if (!externalIdAccepted(roleArn, form.get('ExternalId'))) {
    return sendStsError(res, 403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const duration = Number(form.get('DurationSeconds') ?? 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    return sendStsError(res, 400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const roleId = `AROA${role[1]!.slice(0, 8)}SIMROLE`;
  const assumedArn = `arn:aws:sts::${role[1]}:assumed-role/${role[2]}/${sessionName}`;
  const creds = issueTemporaryCredentials(assumedArn, `${roleId}:${sessionName}`, caller.scenario ?? (scenario === 'valid' ? undefined : scenario), duration);
  sendStsResult(
    res,
    'AssumeRole',
    `<AssumedRoleUser><Arn>${xmlEscape(assumedArn)}</Arn><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${creds.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(creds.secret)}</SecretAccessKey>` +
      `<SessionToken>${xmlEscape(creds.sessionToken!)}</SessionToken><Expiration>${new Date(creds.expiresAt!).toISOString()}</Expiration></Credentials>` +
      `<PackedPolicySize>6</PackedPolicySize>`,
  );
}
