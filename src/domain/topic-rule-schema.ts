/**
 * The checks on a topic rule (see topic-rules.ts), kept apart from the matching so the search
 * worker, which only matches, does not load the validation library.
 */
import * as z from 'zod/mini';
import { RULE_LIMITS, SITE_PREFIX, SLUG, hasWord, topicIdFor, type TopicRule } from './topic-rules';

const phrase = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(RULE_LIMITS.phrase), z.refine(hasWord));
export const topicRuleSchema = z.object({
  id: z.string().check(z.maxLength(64), z.regex(new RegExp(`^(?:my|site)-${SLUG}$`))),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(RULE_LIMITS.label)),
  include: z.array(phrase).check(z.minLength(1), z.maxLength(RULE_LIMITS.phrases)),
  exclude: z.array(phrase).check(z.maxLength(RULE_LIMITS.phrases)),
});

/**
 * A site's extra topics from paperboy.config.json's `topics`: each entry checked, ids made from
 * labels where none is given. Throws an error naming the entry and the fix.
 */
export function readSiteTopics(value: unknown): TopicRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new Error(
      'paperboy.config.json: "topics" must be a list of { "label", "include", "exclude" } objects.',
    );
  const out: TopicRule[] = [];
  value.forEach((entry: unknown, i) => {
    const where = `paperboy.config.json: topics[${i}]`;
    if (typeof entry !== 'object' || entry === null)
      throw new Error(`${where} is not an object; write { "label": "…", "include": ["…"] }.`);
    const e = entry as Record<string, unknown>;
    const label = typeof e.label === 'string' ? e.label.trim() : '';
    const id =
      typeof e.id === 'string'
        ? e.id.startsWith(SITE_PREFIX)
          ? e.id
          : `${SITE_PREFIX}${e.id}`
        : topicIdFor(
            label,
            SITE_PREFIX,
            out.map((r) => r.id),
          );
    const checked = topicRuleSchema.safeParse({
      id,
      label,
      include: e.include,
      exclude: e.exclude ?? [],
    });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(
        `${where}${label ? ` (“${label}”)` : ''}: ${issue?.path.join('.') || 'entry'} ${issue?.message ?? 'is invalid'}. A topic needs a "label" of 1–${RULE_LIMITS.label} characters, an "include" list of 1–${RULE_LIMITS.phrases} words or phrases, an optional "exclude" list, and an optional "id" of lowercase words joined by dashes.`,
      );
    }
    if (out.some((r) => r.id === checked.data.id))
      throw new Error(
        `${where}: the id “${checked.data.id}” is used twice; give one an "id" of its own.`,
      );
    out.push(checked.data);
  });
  return out;
}
