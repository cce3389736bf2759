import * as z from '../core/zodMini';

/** What chat cost per provider this month, for the Models page's overview (part of `ToPageSchema`). */
const count = z.number().check(z.int(), z.nonnegative());

export const MonthSpendViewSchema = z.object({
  type: z.literal('monthSpend'),
  /** The user's locale, for the amounts. */
  locale: z.string().check(z.maxLength(64)),
  /** By provider id; a provider without answers this month is absent. */
  providers: z.record(
    z.string().check(z.maxLength(128)),
    z.object({
      requests: count,
      /** The priced answers' cost in USD. */
      costUsd: z.number().check(z.nonnegative()),
      /** Answers whose model has no known price (their cost is not in `costUsd`). */
      unpriced: count,
    }),
  ),
});
export type MonthSpendView = z.infer<typeof MonthSpendViewSchema>;
