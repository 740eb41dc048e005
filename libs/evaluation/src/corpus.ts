import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

// The labelled corpus (../corpus, format in ../corpus/FORMAT.md): job descriptions with the
// requirements, years, workplace and place a careful recruiter reads in them, candidate profiles,
// and which candidates fit which posting. Labels come from people reading the texts, never from
// the parser.

const skillSchema = z.string().trim().min(1);
const requirementSchema = z.union([skillSchema, z.strictObject({ anyOf: z.array(skillSchema).min(1) })]);
/** A place as labelled; a part written as null is a part not given. */
const placePart = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const placeSchema = z
  .strictObject({ city: placePart, region: placePart, country: placePart })
  .transform((place) => Object.fromEntries(Object.entries(place).filter(([, value]) => value !== undefined)) as { city?: string; region?: string; country?: string });

export const postingLabelSchema = z.strictObject({
  shape: z.array(z.string()).default([]),
  title: z.string().nullable(),
  required: z.array(requirementSchema),
  preferred: z.array(skillSchema).default([]),
  lenient: z.array(skillSchema).default([]),
  context: z.array(skillSchema).default([]),
  experienceYears: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).nullable(),
  workplace: z.enum(['on-site', 'hybrid', 'remote']).nullable(),
  location: placeSchema.nullable(),
  candidates: z.strictObject({
    match: z.array(z.string()),
    noMatch: z.array(z.string()),
    order: z.array(z.tuple([z.string(), z.string()])).default([]),
  }),
  notes: z.string().optional(),
});

export type PostingLabel = z.infer<typeof postingLabelSchema>;

export const candidateProfileSchema = z.strictObject({
  skills: z.array(z.strictObject({ name: z.string(), years: z.number().optional(), lastUsed: z.number().optional() })).min(1),
  totalYearsExperience: z.number().optional(),
  location: placeSchema.optional(),
  workplacePreference: z.enum(['on-site', 'hybrid', 'remote', 'any']).optional(),
  willingToRelocate: z.boolean().optional(),
});

export type CandidateProfile = z.infer<typeof candidateProfileSchema>;

const candidatesFileSchema = z.array(z.strictObject({ id: z.string(), note: z.string().optional(), profile: candidateProfileSchema }));

export interface LabelledPosting {
  id: string;
  text: string;
  label: PostingLabel;
}

export interface CorpusPart {
  name: string;
  postings: LabelledPosting[];
  candidates: Map<string, CandidateProfile>;
}

/** The corpus's parts: `tuning` (used to tune the parser) and `held-out` (never used for tuning). */
export const PARTS = ['tuning', 'held-out'] as const;

/** libs/evaluation/corpus, found from the sources or from their compiled copy under dist/. */
export function corpusDirectory(from = __dirname): string {
  for (let directory = from; directory !== dirname(directory); directory = dirname(directory)) {
    const candidate = join(directory, 'libs', 'evaluation', 'corpus');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no libs/evaluation/corpus above ${from}`);
}

/** Reads one part; throws naming the file when a label does not follow the format. */
export function loadPart(name: string, directory = corpusDirectory()): CorpusPart {
  const root = join(directory, name);
  const candidates = new Map<string, CandidateProfile>();
  for (const file of readdirSync(root).filter((entry) => /^candidates-.*\.json$/.test(entry)).sort()) {
    const parsed = candidatesFileSchema.safeParse(JSON.parse(readFileSync(join(root, file), 'utf8')));
    if (!parsed.success) throw new Error(`${name}/${file}: ${parsed.error.message}`);
    for (const candidate of parsed.data) {
      if (candidates.has(candidate.id)) throw new Error(`${name}/${file}: candidate ${candidate.id} defined twice`);
      candidates.set(candidate.id, candidate.profile);
    }
  }
  const postingsDirectory = join(root, 'postings');
  const postings: LabelledPosting[] = [];
  for (const file of readdirSync(postingsDirectory).filter((entry) => entry.endsWith('.txt')).sort()) {
    const id = file.slice(0, -'.txt'.length);
    const labelFile = join(postingsDirectory, `${id}.json`);
    const parsed = postingLabelSchema.safeParse(JSON.parse(readFileSync(labelFile, 'utf8')));
    if (!parsed.success) throw new Error(`${name}/postings/${id}.json: ${parsed.error.message}`);
    const { match, noMatch, order } = parsed.data.candidates;
    for (const candidateId of [...match, ...noMatch, ...order.flat()]) {
      if (!candidates.has(candidateId)) throw new Error(`${name}/postings/${id}.json: unknown candidate ${candidateId}`);
    }
    postings.push({ id, text: readFileSync(join(postingsDirectory, file), 'utf8'), label: parsed.data });
  }
  return { name, postings, candidates };
}
