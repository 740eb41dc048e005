import { createTaxonomy } from './create-taxonomy';
import { defaultSkillDefinitions } from './data';
import type { Taxonomy } from './taxonomy.types';

let built: Taxonomy | undefined;

function taxonomy(): Taxonomy {
  built ??= createTaxonomy(defaultSkillDefinitions);
  return built;
}

/**
 * The full data set. Validated and indexed on first use (a few milliseconds), shared afterwards;
 * importing the library costs nothing until a method is called.
 */
export const defaultTaxonomy: Taxonomy = Object.freeze({
  resolve: (written: string) => taxonomy().resolve(written),
  keyOf: (written: string) => taxonomy().keyOf(written),
  impliedBy: (id: string) => taxonomy().impliedBy(id),
  relatedTo: (id: string) => taxonomy().relatedTo(id),
  extract: (text: string) => taxonomy().extract(text),
  all: () => taxonomy().all(),
});
