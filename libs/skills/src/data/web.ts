import { category } from './define';

export const platforms = category('platform', [
  ['Node.js', { aliases: ['Node', 'NodeJS', 'Node JS'], implies: ['javascript'], needsContext: ['Node'] }],
  ['.NET', { aliases: ['dotnet', '.NET Core', '.NET Framework', 'dot net', '.NET 6', '.NET 8'] }],
  ['JVM', { aliases: ['Java Virtual Machine'] }],
  ['Deno', { implies: ['typescript'] }],
  ['Bun', { needsContext: ['Bun'] }],
]);

export const frontend = category('framework', [
  ['React', { aliases: ['React.js', 'ReactJS'], implies: ['javascript'], needsContext: ['React'] }],
  ['Next.js', { aliases: ['NextJS'], implies: ['react'] }],
  ['Angular', { aliases: ['Angular 2+', 'Angular2'], implies: ['typescript'] }],
  ['AngularJS', { aliases: ['Angular.js', 'Angular 1'], implies: ['javascript'] }],
  ['Vue.js', { aliases: ['Vue', 'VueJS', 'Vue 3'], implies: ['javascript'] }],
  ['Nuxt', { aliases: ['Nuxt.js', 'NuxtJS'], implies: ['vue.js'] }],
  ['Svelte', { implies: ['javascript'] }],
  ['SvelteKit', { implies: ['svelte'] }],
  ['jQuery', { implies: ['javascript'] }],
  ['Redux', { implies: ['javascript'] }],
]);

export const backend = category('framework', [
  ['Express', { aliases: ['Express.js', 'ExpressJS'], implies: ['node.js'], needsContext: ['Express'] }],
  ['NestJS', { aliases: ['Nest.js'], implies: ['node.js', 'typescript'] }],
  ['Django', { implies: ['python'] }],
  ['Flask', { implies: ['python'], needsContext: ['Flask'] }],
  ['FastAPI', { implies: ['python'] }],
  ['Spring', { aliases: ['Spring Framework'], implies: ['java'], needsContext: ['Spring'] }],
  ['Spring Boot', { aliases: ['SpringBoot'], implies: ['spring'] }],
  ['Ruby on Rails', { aliases: ['Rails', 'RoR'], implies: ['ruby'], needsContext: ['Rails'] }],
  ['Laravel', { implies: ['php'] }],
  ['Symfony', { implies: ['php'] }],
  ['ASP.NET', { aliases: ['ASP.NET Core', 'ASP.NET MVC', 'ASPNET'], implies: ['.net'] }],
  ['GraphQL', {}],
  ['REST', { aliases: ['RESTful', 'REST API', 'RESTful API'], needsContext: ['REST'] }],
  ['gRPC', {}],
]);
