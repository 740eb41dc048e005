// Programming languages: names and most aliases come from GitHub Linguist (generated file), the
// hiring semantics (implications, extra aliases, ambiguity) are curated here.
import type { SkillDefinition } from '../skill-definition';
import { plainKey } from '../written-form';
import { category, idOf, type SkillSpec } from './define';
import { linguistLanguages } from './linguist-languages.generated';

/** Curated additions, keyed by the generated language name. */
const curated: Readonly<Record<string, SkillSpec>> = {
  Ada: { needsContext: ['Ada'] },
  Apex: { aliases: ['Salesforce Apex'], needsContext: ['Apex'] },
  Assembly: { aliases: ['Assembly language', 'x86 Assembly', 'ARM Assembly'], needsContext: ['Assembly'] },
  C: { aliases: ['ANSI C', 'C99', 'C11', 'C language', 'C programming', 'Embedded C'] },
  'C#': { aliases: ['C sharp', 'C-Sharp', 'C#.NET', 'C# .NET'], implies: ['.net'] },
  'C++': { aliases: ['C plus plus', 'C++11', 'C++14', 'C++17', 'C++20', 'C++23', 'Cxx', 'Modern C++'] },
  Clojure: { aliases: ['ClojureScript'], implies: ['jvm'] },
  CoffeeScript: { implies: ['javascript'] },
  Crystal: { needsContext: ['Crystal'] },
  CUDA: { implies: ['c++'] },
  Cython: { implies: ['python'] },
  Dart: { needsContext: ['Dart'] },
  Elm: { needsContext: ['Elm'] },
  'F#': { aliases: ['F sharp'], implies: ['.net'] },
  Gleam: { needsContext: ['Gleam'] },
  Go: { aliases: ['Go lang', 'Go language', 'Go programming'], needsContext: ['Go'] },
  Groovy: { implies: ['jvm'] },
  Hack: { needsContext: ['Hack'] },
  HCL: { needsContext: ['HCL'] },
  Java: { aliases: ['Java SE', 'Java EE', 'Jakarta EE', 'J2EE', 'Core Java', 'Java 8', 'Java 11', 'Java 17', 'Java 21'], implies: ['jvm'] },
  JavaScript: { aliases: ['JS', 'ECMAScript', 'ES6', 'ES2015', 'Java Script', 'Vanilla JS'] },
  Julia: { needsContext: ['Julia'] },
  Kotlin: { implies: ['jvm'] },
  Mojo: { needsContext: ['Mojo'] },
  Nix: { needsContext: ['Nix'] },
  'Objective-C++': { implies: ['objective-c', 'c++'] },
  Pascal: { aliases: ['Delphi', 'Object Pascal'], needsContext: ['Pascal'] },
  'PL/SQL': { implies: ['sql', 'oracle-database'] },
  'PL/pgSQL': { implies: ['sql', 'postgresql'] },
  PowerShell: { aliases: ['Power Shell'] },
  Python: { aliases: ['Python 3', 'Python 2', 'CPython'] },
  R: { aliases: ['R language', 'Rlang', 'R programming', 'R Studio', 'RStudio'] },
  Racket: { needsContext: ['Racket'] },
  Ruby: { needsContext: ['Ruby'] },
  Rust: { aliases: ['Rustlang', 'Rust lang'], needsContext: ['Rust'] },
  Scala: { implies: ['jvm'] },
  Scheme: { needsContext: ['Scheme'] },
  Swift: { aliases: ['Swift 5', 'SwiftLang'], needsContext: ['Swift'] },
  'T-SQL': { aliases: ['Transact-SQL'], implies: ['sql'] },
  TypeScript: { aliases: ['TS'], implies: ['javascript'], needsContext: ['TS'] },
  'Visual Basic .NET': { id: 'vb.net', aliases: ['VB .NET'], implies: ['.net'] },
  'Visual Basic 6.0': { id: 'vb6', aliases: ['VB6.0'] },
};

const unused = Object.keys(curated).filter((name) => !linguistLanguages.some((language) => language.name === name));
if (unused.length > 0) throw new Error(`Curated languages missing from the generated list: ${unused.join(', ')}`);

const fromLinguist: SkillDefinition[] = linguistLanguages.map(({ name, aliases }) => {
  const spec = curated[name] ?? {};
  const seen = new Set([plainKey(name)]);
  const merged = [...(spec.aliases ?? []), ...aliases].filter((alias) => {
    const key = plainKey(alias);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...spec, id: spec.id ?? idOf(name), name, category: 'language', aliases: merged };
});

/** Languages Linguist classifies as data or markup, or spells differently from job postings. */
const handCurated = category('language', [
  ['SQL', { aliases: ['Structured Query Language', 'ANSI SQL'] }],
  ['Bash', { aliases: ['Shell scripting', 'Bash scripting', 'Shell script', 'Shell scripts', 'Unix shell', 'Zsh'] }],
]);

export const markup = category('markup', [
  ['HTML', { aliases: ['HTML5', 'XHTML'] }],
  ['CSS', { aliases: ['CSS3', 'Cascading Style Sheets'] }],
  ['Sass', { aliases: ['SCSS'], implies: ['css'] }],
  ['LESS', { id: 'less', aliases: ['Less CSS', 'Less.js'], implies: ['css'], needsContext: ['LESS'] }],
  ['XML', {}],
  ['JSON', {}],
  ['YAML', { aliases: ['YML'] }],
  ['Markdown', {}],
  ['AsciiDoc', { aliases: ['Asciidoctor'] }],
  ['reStructuredText', { id: 'restructuredtext', aliases: ['RST'], needsContext: ['RST'] }],
  ['LaTeX', {}],
  ['Protocol Buffers', { aliases: ['Protobuf', 'protobuf3', 'proto3'] }],
  ['JSON Schema', { implies: ['json'] }],
  ['OpenAPI', { aliases: ['Swagger', 'OpenAPI Specification', 'OAS'] }],
  ['AsyncAPI', {}],
  ['Apache Avro', { id: 'avro', aliases: ['Avro'] }],
]);

export const languages: readonly SkillDefinition[] = [...fromLinguist, ...handCurated];
