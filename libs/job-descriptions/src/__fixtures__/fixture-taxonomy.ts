import type { CanonicalSkill, ResolvedSkill, SkillMention, Taxonomy } from '@talent/skills';

/**
 * A small taxonomy for the parser's rule tests, independent of the real data set (the fixture
 * postings are read with `defaultTaxonomy`), with a few aliases. Short names that are also
 * English words ("Go", "R", "C") are recognised only as written, capitalised.
 */
const SKILLS: ReadonlyArray<readonly [id: string, name: string, category: string, aliases?: readonly string[]]> = [
  ['go', 'Go', 'language', ['Golang']],
  ['python', 'Python', 'language'],
  ['java', 'Java', 'language'],
  ['kotlin', 'Kotlin', 'language'],
  ['swift', 'Swift', 'language'],
  ['typescript', 'TypeScript', 'language', ['TS']],
  ['javascript', 'JavaScript', 'language', ['JS']],
  ['c', 'C', 'language'],
  ['c++', 'C++', 'language', ['cpp']],
  ['c#', 'C#', 'language', ['csharp']],
  ['rust', 'Rust', 'language'],
  ['r', 'R', 'language'],
  ['sql', 'SQL', 'language'],
  ['scala', 'Scala', 'language'],
  ['ruby', 'Ruby', 'language'],
  ['node.js', 'Node.js', 'runtime', ['Node', 'NodeJS']],
  ['.net', '.NET', 'framework', ['dotnet', '.NET Core']],
  ['asp.net core', 'ASP.NET Core', 'framework'],
  ['entity framework', 'Entity Framework', 'framework', ['EF Core']],
  ['react', 'React', 'frontend', ['React.js', 'ReactJS']],
  ['vue', 'Vue', 'frontend', ['Vue.js']],
  ['angular', 'Angular', 'frontend'],
  ['next.js', 'Next.js', 'frontend'],
  ['css', 'CSS', 'frontend', ['CSS3']],
  ['html', 'HTML', 'frontend', ['HTML5']],
  ['redux', 'Redux', 'frontend'],
  ['django', 'Django', 'backend'],
  ['flask', 'Flask', 'backend'],
  ['fastapi', 'FastAPI', 'backend'],
  ['spring boot', 'Spring Boot', 'backend', ['Spring']],
  ['graphql', 'GraphQL', 'api'],
  ['grpc', 'gRPC', 'api'],
  ['rest', 'REST', 'api', ['RESTful']],
  ['postgresql', 'PostgreSQL', 'database', ['Postgres']],
  ['mysql', 'MySQL', 'database'],
  ['sql server', 'SQL Server', 'database', ['MSSQL']],
  ['mongodb', 'MongoDB', 'database', ['Mongo']],
  ['redis', 'Redis', 'database'],
  ['kafka', 'Kafka', 'messaging', ['Apache Kafka']],
  ['rabbitmq', 'RabbitMQ', 'messaging'],
  ['docker', 'Docker', 'devops'],
  ['kubernetes', 'Kubernetes', 'devops', ['k8s']],
  ['terraform', 'Terraform', 'devops'],
  ['ansible', 'Ansible', 'devops'],
  ['helm', 'Helm', 'devops'],
  ['prometheus', 'Prometheus', 'observability'],
  ['grafana', 'Grafana', 'observability'],
  ['linux', 'Linux', 'platform'],
  ['bash', 'Bash', 'language', ['shell scripting']],
  ['aws', 'AWS', 'cloud', ['Amazon Web Services']],
  ['gcp', 'GCP', 'cloud', ['Google Cloud']],
  ['azure', 'Azure', 'cloud', ['Microsoft Azure']],
  ['ci/cd', 'CI/CD', 'devops'],
  ['git', 'Git', 'tooling'],
  ['spark', 'Spark', 'data', ['Apache Spark', 'PySpark']],
  ['airflow', 'Airflow', 'data', ['Apache Airflow']],
  ['dbt', 'dbt', 'data'],
  ['snowflake', 'Snowflake', 'data'],
  ['pandas', 'pandas', 'data'],
  ['tidyverse', 'tidyverse', 'statistics'],
  ['shiny', 'Shiny', 'statistics'],
  ['stan', 'Stan', 'statistics'],
  ['bayesian statistics', 'Bayesian statistics', 'statistics', ['Bayesian methods']],
  ['machine learning', 'Machine learning', 'data', ['ML']],
  ['rtos', 'RTOS', 'embedded', ['FreeRTOS']],
  ['arm cortex-m', 'ARM Cortex-M', 'embedded', ['Cortex-M']],
  ['spi', 'SPI', 'embedded'],
  ['i2c', 'I2C', 'embedded'],
  ['can bus', 'CAN bus', 'embedded', ['CAN']],
  ['yocto', 'Yocto', 'embedded'],
  ['ios', 'iOS', 'mobile'],
  ['android', 'Android', 'mobile'],
  ['swiftui', 'SwiftUI', 'mobile'],
  ['jetpack compose', 'Jetpack Compose', 'mobile'],
  ['react native', 'React Native', 'mobile'],
  ['flutter', 'Flutter', 'mobile'],
  ['xcode', 'Xcode', 'mobile'],
  ['jest', 'Jest', 'testing'],
  ['playwright', 'Playwright', 'testing'],
  ['webpack', 'webpack', 'frontend'],
  ['figma', 'Figma', 'design'],
];

const CASE_SENSITIVE = new Set(['Go', 'R', 'C', 'CAN', 'TS', 'JS', 'Node', 'Spring', 'Stan', 'REST', 'ML', 'Mongo']);

interface Entry {
  written: string;
  skill: CanonicalSkill;
  via: 'name' | 'alias';
  pattern: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function createFixtureTaxonomy(): Taxonomy {
  const kindOf = (category: string) => (category === 'practice' ? ('concept' as const) : ('technology' as const));
  const skills = SKILLS.map(([id, name, category]) => ({ id, name, category, kind: kindOf(category) }));
  const entries: Entry[] = SKILLS.flatMap(([id, name, category, aliases = []]) => {
    const skill = { id, name, category, kind: kindOf(category) };
    return [name, ...aliases].map((written) => ({
      written,
      skill,
      via: written === name ? ('name' as const) : ('alias' as const),
      // Whole token: no letter/digit (or +#) on either side; a trailing dot ends a sentence.
      pattern: new RegExp(`(?<![\\w+#.])${escape(written)}(?![\\w+#]|\\.\\w)`, CASE_SENSITIVE.has(written) ? 'g' : 'gi'),
    }));
  });
  // Longest first, so "React Native" wins over "React" and "ASP.NET Core" over ".NET".
  entries.sort((a, b) => b.written.length - a.written.length);
  const byWritten = new Map(entries.map((entry) => [entry.written.toLowerCase(), entry]));

  const resolve = (written: string): ResolvedSkill | undefined => {
    const entry = byWritten.get(written.trim().toLowerCase());
    return entry ? { skill: entry.skill, written: written.trim(), via: entry.via } : undefined;
  };

  return {
    resolve,
    keyOf: (written) => resolve(written)?.skill.id ?? written.trim().toLowerCase().replace(/\s+/g, ' '),
    skillsIn: (written) => {
      const resolved = resolve(written);
      return resolved ? [resolved] : [];
    },
    impliedBy: () => [],
    relatedTo: () => [],
    all: () => skills,
    extract(text: string, options?: { every?: boolean }): readonly SkillMention[] {
      const taken: Array<[number, number]> = [];
      const found: SkillMention[] = [];
      for (const entry of entries) {
        for (const match of text.matchAll(entry.pattern)) {
          const start = match.index;
          const end = start + match[0].length;
          if (taken.some(([s, e]) => start < e && end > s)) continue;
          taken.push([start, end]);
          found.push({ skill: entry.skill, written: match[0], via: entry.via, start, end });
        }
      }
      found.sort((a, b) => a.start - b.start);
      if (options?.every) return found;
      const seen = new Set<string>();
      return found.filter((mention) => !seen.has(mention.skill.id) && seen.add(mention.skill.id));
    },
  };
}
