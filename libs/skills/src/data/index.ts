// The default data set: every category module plus the related-skill groups that give partial
// credit. README.md ("Data") says where each part comes from.
import type { SkillDefinition } from '../skill-definition';
import { certifications } from './certifications';
import { cloud } from './cloud';
import { dataEngineering, machineLearning } from './data-ml';
import { databases, messaging } from './databases';
import { withRelatedGroups } from './define';
import { devops, hardware, networking, observability, operatingSystems, practices, security, testing } from './devops';
import { enterprise } from './enterprise';
import { languages, markup } from './languages';
import { relatedGroups } from './related-groups';
import { tools } from './tools';
import { backend, frontend, mobile, platforms } from './web';

export const defaultSkillDefinitions: readonly SkillDefinition[] = withRelatedGroups(
  [
    ...languages,
    ...markup,
    ...platforms,
    ...frontend,
    ...backend,
    ...mobile,
    ...databases,
    ...messaging,
    ...dataEngineering,
    ...machineLearning,
    ...cloud,
    ...devops,
    ...observability,
    ...testing,
    ...operatingSystems,
    ...security,
    ...networking,
    ...practices,
    ...hardware,
    ...tools,
    ...enterprise,
    ...certifications,
  ],
  relatedGroups,
);
