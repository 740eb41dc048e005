import { z } from 'zod';
import { singleLineTextSchema } from './single-line-text.schema';

export const organisationIdSchema = z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only');

export const externalIdSchema = singleLineTextSchema(200);

export const locationSchema = z.strictObject({
  city: singleLineTextSchema(100).optional(),
  region: singleLineTextSchema(100).optional(),
  country: singleLineTextSchema(100).optional(),
});

export type Location = z.infer<typeof locationSchema>;

export const workplaceSchema = z.enum(['on-site', 'hybrid', 'remote']);

export type Workplace = z.infer<typeof workplaceSchema>;

export const employmentTypeSchema = z.enum(['full-time', 'part-time', 'contract', 'temporary', 'internship']);

export const experienceRangeSchema = z
  .strictObject({
    min: z.number().min(0).max(60).optional(),
    max: z.number().min(0).max(60).optional(),
  })
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, {
    message: 'min must not exceed max',
    path: ['max'],
  });

export type ExperienceRange = z.infer<typeof experienceRangeSchema>;
