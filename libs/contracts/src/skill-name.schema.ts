import { z } from 'zod';
import { singleLineTextSchema } from './single-line-text.schema';

/** A skill as written by the publisher; the matcher normalises it through the taxonomy. */
export const skillNameSchema = singleLineTextSchema(100);

export const skillListSchema = z.array(skillNameSchema).max(100);

/** A required skill, or a group of which one is enough ("at least one of Flask, Django, FastAPI"). */
export const skillRequirementSchema = z.union([
  skillNameSchema,
  z.strictObject({ anyOf: z.array(skillNameSchema).min(2).max(20) }),
]);

export type SkillRequirement = z.infer<typeof skillRequirementSchema>;

/** A candidate's skill: years of use and the year last used, when known. */
export const candidateSkillSchema = z.strictObject({
  name: skillNameSchema,
  years: z.number().min(0).max(60).optional(),
  lastUsed: z.number().int().min(1950).max(2100).optional(),
});

export type CandidateSkill = z.infer<typeof candidateSkillSchema>;
