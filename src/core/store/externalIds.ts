import { randomBytes } from 'node:crypto';
import type { OrderedWrites } from './orderedWrites';

export const EXTERNAL_IDS_KEY = 'byok.bedrockExternalIds';

/** Bedrock role mode: one external id per role ARN, from a CSPRNG, kept (and synced) in globalState. */
export class ExternalIds {
  constructor(private readonly state: OrderedWrites) {}

  async for(roleArn: string): Promise<string> {
    let id = '';
    await this.state.modify<Record<string, string>>(EXTERNAL_IDS_KEY, (ids) => {
      id = ids?.[roleArn] ?? `byok-${randomBytes(16).toString('hex')}`;
      return ids?.[roleArn] ? ids : { ...ids, [roleArn]: id };
    });
    return id;
  }

  known(roleArn: unknown): string | undefined {
    if (typeof roleArn !== 'string') return undefined;
    return this.state.get<Record<string, string>>(EXTERNAL_IDS_KEY)?.[roleArn];
  }
}
