export * from './taxonomy.types';
export { createTaxonomy } from './create-taxonomy';
export { defaultTaxonomy } from './default-taxonomy';
export { TaxonomyDefinitionError, type SkillDefinition } from './skill-definition';
export { defaultSkillDefinitions } from './data';
export { lowerSameLength } from './written-form';
