/**
 * The trust policy a user attaches to their IAM role so our AssumeRole with the external id is
 * allowed. The principal defaults to the role's own account, the common case; the page says to
 * replace it when the calling credentials live in another account.
 */
export function trustPolicyFor(roleArn: string, externalId: string): string {
  const account = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn)?.[1] ?? '123456789012';
  const partition = /^arn:(aws[\w-]*):/.exec(roleArn)?.[1] ?? 'aws';
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
  return JSON.stringify(policy, null, 2);
}
