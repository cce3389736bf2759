import { prepare } from '../server';
import { answerTransportScenario } from '../scenario';
import type { RouteModule, SimResponse } from '../types';
import { handleControl } from '../aws/control';
import { identityFor } from '../aws/keys';
import { sendBedrockError, sendStsError } from '../aws/replies';
import { handleRuntime } from '../aws/runtime';
import { checkSignature, signedBy } from '../aws/sigv4';
import { handleSts } from '../aws/sts';

/**
 * AWS: STS (awsQuery XML), the Bedrock control plane (restJson1) and the Bedrock runtime
 * (restJson1 + event streams, HTTP/2), all on the simulator's one port. Every request must carry
 * a SigV4 signature that verifies with the secret the simulator knows for the access key id.
 * Scenario selection by access key id is described in `../aws/keys.ts`
 * (e.g. `AKIASIMRATELIMITED01`), or `sim.setOverride('aws', …)`. A ConverseStream prompt containing
 * `sim-stream-error:<exceptionType>` (e.g. `throttlingException`) fails mid-stream with that exception frame.
 * Role trust: `trustRoleWithExternalId(roleArn, id)`; other roles accept any External ID in the extension's format.
 */
export const awsRoutes: RouteModule = {
  name: 'aws',
  async handle(req, res, sim) {
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) return false;
    const by = signedBy(req);
    const keyScenario = by ? identityFor(by.accessKeyId)?.scenario : undefined;
    const prepared = await prepare('aws', req, res, sim, keyScenario ? `sim-${keyScenario}` : undefined);
    if (!prepared) return true;
    const { scenario } = prepared;
    if (await answerTransportScenario(scenario, res, sim)) return true;

    const isSts = by?.service === 'sts';
    if (scenario === 'invalid_key') return deny(res, isSts, 'unknown_key');
    const check = await checkSignature(req);
    if (!check.ok) return deny(res, isSts, check.reason);
    if (scenario === 'expired_token') return deny(res, isSts, 'expired_token');

    if (isSts) handleSts(req, res, check.identity, scenario);
    else if (by!.service !== 'bedrock') sendBedrockError(res, 400, 'InvalidSignatureException', `Credential should be scoped to correct service: 'bedrock'.`);
    else if (req.path.startsWith('/model/')) await handleRuntime(req, res, sim, by!.region, scenario);
    else handleControl(req, res, by!.region, scenario);
    return true;
  },
};

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** The authentication failures, in each protocol's own words. */
function deny(res: SimResponse, sts: boolean, reason: 'unknown_key' | 'bad_signature' | 'expired_token' | 'malformed'): true {
  const invalidToken = 'The security token included in the request is invalid.';
  const expired = 'The security token included in the request is expired';
  if (sts) {
    if (reason === 'unknown_key') sendStsError(res, 403, 'InvalidClientTokenId', invalidToken);
    else if (reason === 'expired_token') sendStsError(res, 400, 'ExpiredToken', expired);
    else if (reason === 'malformed') sendStsError(res, 400, 'IncompleteSignature', 'Authorization header requires a valid signature.');
    else sendStsError(res, 403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
  } else {
    if (reason === 'unknown_key') sendBedrockError(res, 403, 'UnrecognizedClientException', invalidToken);
    else if (reason === 'expired_token') sendBedrockError(res, 403, 'ExpiredTokenException', expired);
    else if (reason === 'malformed') sendBedrockError(res, 400, 'IncompleteSignatureException', 'Authorization header requires a valid signature.');
    else sendBedrockError(res, 403, 'InvalidSignatureException', SIGNATURE_MISMATCH);
  }
  return true;
}

