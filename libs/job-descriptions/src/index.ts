export * from './job-description.types';
export { parseJobDescription, NO_REQUIREMENTS_SECTION_WARNING, NO_REQUIRED_SKILLS_WARNING, NO_TITLE_WARNING } from './parse-job-description';
export { postingFieldsFromDescription } from './posting-fields';
export { GATING_CONFIDENCE } from './skill-requirements';
