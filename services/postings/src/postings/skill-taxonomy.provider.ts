import type { Provider } from '@nestjs/common';
import { defaultTaxonomy, type Taxonomy } from '@talent/skills';

/** Injection token of the skills taxonomy that descriptions are read with. */
export const SKILL_TAXONOMY = Symbol('SKILL_TAXONOMY');

export const skillTaxonomyProvider: Provider<Taxonomy> = { provide: SKILL_TAXONOMY, useValue: defaultTaxonomy };
