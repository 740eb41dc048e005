import { createTaxonomy } from './create-taxonomy';
import { defaultSkillDefinitions } from './data';
import type { Taxonomy } from './taxonomy.types';

let built: Taxonomy | undefined;

function taxonomy(): Taxonomy {
  built ??= createTaxonomy(defaultSkillDefinitions);
  return built;
}

/** The full data set, validated and indexed on the first call to any method, shared afterwards. */
export const defaultTaxonomy: Taxonomy = Object.freeze({
  resolve: (written: string) => taxonomy().resolve(written),
  keyOf: (written: string) => taxonomy().keyOf(written),
  impliedBy: (id: string) => taxonomy().impliedBy(id),
  relatedTo: (id: string) => taxonomy().relatedTo(id),
  extract: (text: string, options?: { every?: boolean }) => taxonomy().extract(text, options),
  skillsIn: (written: string) => taxonomy().skillsIn(written),
  all: () => taxonomy().all(),
});
