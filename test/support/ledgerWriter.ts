// A second "editor window": appends answers to the ledger in its own process (used by the ledger tests).
import { UsageLedger } from '../../src/core/costs/ledger';

const [dir, count, name] = process.argv.slice(2);
const ledger = new UsageLedger(dir!);
for (let i = 0; i < Number(count); i++) {
  ledger.append({ time: new Date(), provider: 'openai', model: name!, usage: { inputTokens: i, outputTokens: 1 }, cost: { usd: 0.001, source: 'catalogue' } });
}
