// The default data set: every hand-curated category plus the related-skill groups that give
// partial credit. README.md ("Data sources") says where each part comes from.
import type { SkillDefinition } from '../skill-definition';
import { cloud } from './cloud';
import { databases, messaging } from './databases';
import { withRelatedGroups } from './define';
import { dataAndMl, devops, testing } from './devops';
import { languages } from './languages';
import { relatedGroups } from './related-groups';
import { backend, frontend, platforms } from './web';

export const defaultSkillDefinitions: readonly SkillDefinition[] = withRelatedGroups(
  [...languages, ...platforms, ...frontend, ...backend, ...databases, ...messaging, ...cloud, ...devops, ...testing, ...dataAndMl],
  relatedGroups,
);
