import type { SkillRequirement } from '@talent/contracts';
import type { CanonicalSkill, SkillMention, Taxonomy } from '@talent/skills';
import type { ExtractedRequirement, Modality } from './job-description.types';
import { type Clause, Clauses, type Region } from './text-regions';

// How skill mentions become requirements. Every mention is read in its clause (a bullet, line or
// sentence) and its section: the section gives the prior (a requirements section asks, a
// responsibilities section describes), cue words scoped to the clause or the list they govern
// change it (as negation cues are scoped in clinical text: "relational databases (MySQL
// preferred)" makes MySQL preferred, not the databases), and the coordination around mentions
// makes groups ("Python or Go", "at least one of", examples after a category). Only confident
// required concrete technologies gate; see ../README.md for the rules.

interface Mention extends SkillMention {
  region: Region;
  clause: Clause;
}

/** Mentions coordinated in one list ("Kafka, RabbitMQ or SQS"), with what joins them. */
interface Run {
  members: Mention[];
  /** Alternatives: an "or", "and/or" or "/" joins some of them. */
  alternatives: boolean;
  /** The gaps between consecutive members. */
  gaps: string[];
  paren?: readonly [number, number];
}

/** One requirement being read, before it becomes an ExtractedRequirement. */
interface Unit {
  members: Mention[];
  anyOf: boolean;
  openEnded: boolean;
  modality: Modality;
  confidence: number;
  cue?: string;
  clause: Clause;
  region: Region;
  /** An alternative to the requirement of the clause before, split off by a dash ("Airflow – Dagster is fine too"). */
  joinPrevious?: boolean;
  /** The alternatives end in something no list can name ("via OpenAI, Anthropic or open models"): never a gate. */
  anyOther?: boolean;
}

export interface SkillExtraction {
  requirements: ExtractedRequirement[];
  requiredSkills: SkillRequirement[];
  preferredSkills: string[];
  contextSkills: string[];
  /** Required skills came from text under no requirements heading. */
  fromWholeText: boolean;
  /** No confident requirement was found, so uncertain or preferred ones gate, with near misses. */
  fallback: 'none' | 'uncertain' | 'preferred';
}

/** A requirement gates only at this confidence or above. */
export const GATING_CONFIDENCE = 0.6;
const MAX_ANY_OF = 20;
const MAX_REQUIRED = 100;
const PHRASE_LENGTH = 200;
const MAX_REPORTED = 300;

/** Zones whose skills describe the job or the company rather than ask anything of the candidate. */
const CONTEXT_KINDS = new Set<Region['kind']>(['responsibilities', 'about', 'benefits', 'title', 'location', 'details']);

/** Between two members of one list: commas, "and", "or", "and/or", "/", "&", "as well as". */
// "or" and "and" as postings in other languages write them between skills: oder/und, ou/et, o/y, e.
const LIST_GAP = /^(?:,? ?(?:and\/or|or|and|as well as|&|plus|\/|, ?or|, ?and|oder|und|ou|et|o|y|e|bzw\.?)? ?|\/|, ?| ?\/ ?| ?[–—-]? ?or (?:solid|strong|good|deep|proven|modern|equivalent) )$/i;
/** A product the taxonomy does not name between two it does: "Semgrep, CodeQL or SonarQube". */
const UNNAMED_ITEM_GAP = /^, ?\p{Lu}[\p{L}\d.+#-]{1,24}(?: \p{Lu}[\p{L}\d.+#-]{1,24})?(?:,| or|, or) ?$/u;
const OR_GAP = /\b(?:or|oder|ou|o|bzw)\b|\//i;

/** A cue after a list that makes it welcome rather than needed: "Kafka is a plus", "(preferred)". */
const PREFERENCE_AFTER =
  /^[ ,]*(?:[(\-–=] ?)?(?:(?:experience|knowledge|skills?|familiarity|exposure|background|expertise|proficiency|certification|too|also)[ ,]+){0,2}(?:(?:is|are|would be|will be|as|being|=)[ ]+)?(?:(?:a|an|considered|definitely|also|highly|strongly)[ ]+){0,2}(?:big |huge |strong |real |nice |great |major |definite |added |extra )?(plus|bonus|advantage|advantageous|preferred|preferable|desirable|desired|nice[ -]to[ -]have|good[ -]to[ -]have|welcome|welcomed|appreciated|beneficial|optional|not required|not mandatory|not a requirement|nice extra|helpful|useful|not essential|asset|merit|meritorious|valued|(?:highly |very )?valued)\b/i;
/** The same a few words on, with no punctuation between: "Confluence and Microsoft Project experience preferred". */
const LOOSE_PREFERENCE_AFTER =
  /^(?: (?:and |or )?[\p{L}\d.+#/-]+){1,4} (?:(?:is|are|would be|will be) )?(?:(?:a|an|considered|highly|strongly) ){0,2}(?:big |huge |strong |real |nice |great |major )?(plus|bonus|advantage|preferred|desirable|beneficial|nice[ -]to[ -]have|welcome|appreciated)\b/iu;
/** "on AWS – SageMaker ideally": an adverb closing the clause ("(ideally .NET 8)" qualifies a version instead). */
const IDEALLY_AFTER = /^[ ,]*(ideally|preferably)\s*(?:[.,;!]|$)/i;
/** A cue before a list in its clause: "Ideally, Terraform", "Bonus if you know Go", "Nice to have: Helm". */
const PREFERENCE_BEFORE =
  /\b(nice[ -]to[ -]have|good[ -]to[ -]have|bonus(?: points)?|(?:would be |is |are )?(?:considered )?an? asset|preferably|preferred|ideally|optionally|optional|desirable|a plus|(?:it )?would be (?:nice|great|a plus|helpful)|is a plus|not required|not mandatory|extra points|even better|great if|nice if|also welcome|plus:|(?:it )?is a merit(?: if)?|(?:will|would) be valued|(?:we'd|we would|we'll|we will) (?:love|like) it if|(?:we'd|we would) (?:love|like) (?:for )?you to|(?:it )?would be (?:a )?bonus|would set you apart|would make you stand out|(?:also )?on (?:our|the|my) wish ?list:?|wish ?list:)/gi;
/** A weak ask: familiarity is not mastery, and rarely decides a hire on its own. */
const WEAK_BEFORE = /\b(familiarity with|familiar with|exposure to|interest in|awareness of|basic understanding of|basic knowledge of|some experience (?:with|in)|willingness to learn|curiosity about|eager to learn|appreciation (?:of|for)|care (?:deeply )?about)/gi;
/** A strong ask. */
const REQUIRED_CUE = /\b(?:must|required|mandatory|essential|need to have|needs to have|strict requirement|is a must|are a must)\b/i;
/** Ends the reach of a cue before it: "Ideally Go, but Python is a must". */
/**
 * A skill named to be ruled out: "we have not written new Java code since 2021", "they won't look at
 * AWS-only profiles", "no Java needed", "Dutch is not required". It is context, never asked.
 */
// "We won't ask you to write Go", "you will not be working on our React dashboard", "not a Java role":
// a negation a few words before the skill, in its clause ("not only", "not just" add rather than refuse).
const NEGATION_BEFORE = /\b(?:not|no|never|without|won't|will not|don't|do not|doesn't|does not|haven't|have not|isn't|aren't|needn't)\b(?! (?:only|just|merely|necessarily|limited)\b)(?: [a-z'-]{1,15}){0,5} ?$/i;
const NEGATION_AFTER = /^(?:-only\b|[ ,]*(?:is|are) not (?:required|needed|necessary|a requirement|something (?:we|you)|anything (?:we|you)|what we)|[ ,]*(?:isn't|aren't) (?:required|needed|necessary|something (?:we|you))|[ ,]*(?:not required|not needed|not necessary)\b)/i;
/** Offered, not asked: "we'll pay for your AZ-204 certification", "we fund your CKA". */
const OFFERED_BEFORE = /\b(?:pay for|pays for|cover|covers|fund|funds|sponsor|sponsors)(?: (?:your|the|an?))(?: \w+)? ?$/i;
/**
 * Describes the team's own stack, in a parenthesis or after a dash within an ask: "React (we're on
 * Next.js 14)", "modern CSS – we style with Tailwind CSS", "Node.js — our API is built with NestJS".
 */
const DESCRIBES_STACK = /(?:\(|\s[–—-]\s)\s*(?:we(?:'re| are)?\s+(?:use|using|on|run|running|style|build|write|host|deploy|rely|work)\w*(?:\s+(?:with|on|in))?|we(?:'re| are)\s+(?:heavy\s+|big\s+|keen\s+)?users\s+of|our\s+[\w ]{1,25}?\s+(?:is|are|runs?|lives?)\s+(?:built\s+|written\s+|running\s+)?(?:with|on|in))\s+(?:[\p{L}\d.]+\s+){0,2}$/iu;
/** "Skills: Snowflake, dbt, Apache Airflow, +6 more": a job board's skill tags, not the employer's asks. */
const SKILL_TAGS = /,\s*\+\s?\d+\s+more\s*$/i;
/** "What we do need is …": the one ask of a wish list, wherever it sits. */
const WHAT_WE_NEED = /\bwhat (?:we|you) (?:do |really |absolutely |actually )?need(?: to have)? is\b|\bwe do need\b|\bwhat is required is\b|\bthe (?:only |real |hard )?(?:must-haves?|requirements?) (?:is|are)\b/i;
/** A certification to earn after hire: "must obtain … within six (6) months of appointment", "or the ability to obtain one". */
const OBTAIN_LATER =
  /\b(?:obtain|acquire|earn|achieve|gain)\b[^.;]{0,100}?\bwithin\s+(?:the\s+first\s+)?(?:[\w-]+\s+){0,2}(?:\(\d+\)\s+)?(?:days?|weeks?|months?|years?)\b|\bor\s+(?:the\s+)?(?:ability|willingness)\s+to\s+(?:obtain|acquire|earn)\b/i;
/** "If you've worked with AWS or Google Cloud, the concepts carry over": a background welcomed, not asked. */
const CONDITIONAL = /^[\s\-•·▪*◦‣∙]*if you(?:'ve| have| already| happen to)?\b/i;
/** Prose under no heading that describes the job ("You'll help design the host API …"), not the candidate. */
const DESCRIBES_JOB = /^[\s\-•·▪*◦‣∙…]*(?:you'll|you will|in this role,? you(?:'ll| will)?|day to day,? you(?:'ll| will)?|(?:i)?n your first (?:\w+ ){0,2}(?:days|weeks|months|year),? you(?:'ll| will))\s+(?!need\b|have\b|bring\b|want\b|be expected\b|be comfortable\b|know\b|be (?:an? )?(?:expert|fluent|proficient|strong)\b)/i;
/** …or the company ("We deploy everything on Fly.io"): about us, with no word of the candidate. */
const ABOUT_US = /\b(?:we|we're|we've|we'd|our|us)\b|\bthe (?:[\w-]+ )?team (?:works|uses|runs|builds|ships|keeps|writes|deploys)\b/i;
const ABOUT_CANDIDATE = /\b(?:you|you'll|you're|you've|you'd|your|yourself|looking for|seek|seeking|need|needs|want|wants|require|requires|required|expect|hire|hiring|ideal|candidate|applicants?|must|should|someone|somebody|comfortable|years of)\b/i;
/**
 * A clause that ends by welcoming what it names: "Knowledge of SAP Central Finance or SAP S/4HANA
 * Group Reporting is a plus", "ABAP knowledge (at least reading) is desirable", "Sage 300 or SAP
 * Business One would be ideal".
 */
const CLAUSE_END_PREFERENCE = /\b(?:is|are|would be|will be|is considered|are considered)\s+(?:(?:a|an|also|highly|strongly|very|definitely)\s+){0,2}(?:big |huge |strong |real |nice |great |major |definite |added |extra |distinct )?(?:plus|bonus|advantage|advantageous|preferred|desirable|desired|nice[ -]to[ -]have|welcome|appreciated|beneficial|ideal|helpful|asset|regarded|valued|merit)\s*[.!]?\s*$/i;
/** Prose naming who is wanted and what they bring: "We're after someone with", "we are looking for an engineer who has". */
const ASKS_OF_CANDIDATE =
  /(?:\b(?:we(?:'re| are)|i(?:'m| am)) |^\W*)(?:after|looking for|seeking|hoping to find|hiring) (?:someone|somebody|a person|people|candidates?|an? (?:[\w-]+ ){0,3}(?:engineer|developer|analyst|person|programmer))\s+(?:with|who(?:'s| is| has| knows| can)|that (?:has|knows|is))\b/i;
/** A job board's tag list under its own heading ("Key Skills: Core Java* | Spring Boot* | Hibernate | …"). */
const TAG_HEADING = /^(?:key|top|primary|main|job|core|technical)?\s*skills(?:\s+required|\s*(?:&|and)\s*tools)?$/i;
/** A footnote under a list: "* desirable rather than essential": items ending in "*" are welcome, not asked. */
const STAR_FOOTNOTE = /^\s*\*\s*(?:=\s*|denotes\s+|marks\s+)?(?:desirable|preferred|nice[ -]to[ -]have|optional|a plus|bonus|not essential|desired|advantageous)\b/im;

/** A lower-case alternative after one skill that is no skill ("DAX or calculated fields"); not a version ("Java 17 or higher"). */
const OR_SOMETHING_ELSE = /^,? or (?!(?:higher|above|later|newer|greater|more|better|equivalent|similar)\b)\p{Ll}[\p{Ll}-]{2,}/u;

/** "… we use Greenhouse, but if you have worked with Lever or Workday, that is fine too". */
const EITHER_WAY = /\bbut if\b[^.;]{0,200}?\b(?:(?:that's|that is|this is|it's|it is|that'd be|that would be)\s+(?:also\s+|just as\s+|equally\s+)?(?:fine|ok|okay|great|welcome|good|acceptable|valuable|relevant)\b|you(?:'ll| will)\s+(?:be up to speed|pick (?:it|ours|ours up|it up)|be fine|feel at home))|\bbut\b[^.;]{0,120}?\b(?:(?:would be|is|are|will be)\s+(?:absolutely\s+|perfectly\s+|also\s+|just as\s+|equally\s+)?(?:fine|ok|okay|acceptable|good|valid|relevant|welcome)|(?:transfers?|carr(?:y|ies) over|counts?|works?)\s+(?:(?:just\s+)?fine|too|as well|equally(?:\s+well)?))\b/i;

/** Says that what it speaks of does not meet the requirement: "is not enough", "won't be sufficient". */
const NOT_ENOUGH = /\b(?:not|n't)\s+(?:be\s+)?(?:enough|sufficient)\b|\bis insufficient\b|\bdoes not count\b|\bdoesn't count\b/i;
/** Right after a skill: "… experience alone", "… on its own", "… by itself". */
const ALONE_AFTER = /^[ ,]*(?:(?:experience|knowledge|skills?)\s+)?(?:alone|only|on its own|by itself)\b/i;

/** Opens a parenthesis of alternatives: "(or Pulumi)", "(we'd also happily consider Micronaut or Ktor)". */
const OR_IN_PAREN = /^\(\s*(?:or|alternatively|(?:we(?:'d| would|'ll| will| can)\s+)?(?:also\s+)?(?:happily\s+|gladly\s+)?(?:consider|accept))\b/i;

/** A parenthesis that accepts what it names instead: "(experience with Azure or GCP will also be considered)". */
const ALTERNATIVES_WELCOME = /\b(?:will|would|can) (?:also |equally )?be (?:considered|accepted)\b|\b(?:is|are) (?:also |equally )?(?:fine|ok|okay|acceptable|accepted)\b|\b(?:also|equally) (?:counts?|works?)\b|\b(?:counts?|works?|transfers?) (?:too|as well|just fine)\b/i;

/** Between a skill and the parenthesis that details it. */
const QUALIFIED_BY = /^\s*(?:(?:data|cloud|web|core|managed)\s+)?(?:experience|skills?|knowledge|expertise|proficiency|development|programming|ecosystem|stack|fundamentals|administration|internals|concepts|environment|services|tools|tooling|platform|suite|modules)?\s*$/i;

const CUE_STOP = /\b(?:but|however|whereas|while|although)\b|[:.;]/gi;
/** Introduces alternatives: "at least one of Flask, Django or FastAPI". */
const ANY_OF_BEFORE = /\b(at least one of|one or more of|one or several of|any one of|one of|any of|either|at least one(?! year)(?= [\p{L}-]+(?: [\p{L}-]+){0,3} ?[:(]))/giu;
/** Ends a clause with a list of alternatives to follow: "One of the following:". */
const LIST_CUE = /\b(at least one of|one or more of|one of|any of)\b[^.;:]{0,60}:\s*$/i;
/** Introduces examples of a category: "a relational database, e.g. PostgreSQL or MySQL". */
const EXAMPLES_BEFORE = /(?:\b(?:e\.g|eg|i\.a|such as|like|including|incl|for example|for instance|for ex|among others|especially|particularly|z\. ?B|zum Beispiel|etwa|wie|p\. ?ex|por ejemplo|por exemplo|como|par exemple|comme|ad esempio|come)\b\.?|\bincluding but not limited to\b)[:,]? ?\(?$/i;
/** After a skill: another one will do as well ("Excel — Google Sheets is fine too"). */
const ALTERNATIVE_AFTER = /^[ ,]*(?:or (?:similar|equivalent|comparable) )?(?:experience |skills |knowledge )?(?:[(\-–—] ?)?(?:is|are|would be|will be) (?:(?:just as|equally|also) (?:welcome|valuable|relevant|good|fine)\b|also (?:fine|ok|okay|acceptable|accepted|welcome|good)|(?:fine|ok|okay|acceptable|accepted|welcome|good) (?:too|as well))|^[ ,]*(?:also|equally) (?:fine|acceptable|accepted)|^[ ,]*(?:experience |skills |knowledge )?(?:(?:also|equally) (?:counts?|works?|transfers?)\b|(?:counts?|works?|transfers?) (?:too|as well|just fine)\b)|^[^.;]{0,40}?,? (?:that's|that is|it's|which is) (?:also |just as |equally )?(?:fine|ok|okay|great|welcome|good)(?: too| as well)?\b|^ instead\b[^.;]{0,40}\b(?:happy|fine|ok|okay|welcome)\b/i;
/** After "our Go and Java": the company's own people ("squads", "team", "engineers"). */
const OUR_TEAMS_AFTER = /^ (?:squads?|teams?|engineers|developers|devs|colleagues|folks|people|guild|chapter)\b/i;
/** Right before a skill: the old system ("our legacy Laravel code", "the old PHP monolith"). */
const LEGACY_BEFORE = /\b(?:legacy|old|outdated|deprecated)(?: [\w-]+){0,2} ?$/i;
const ASKS_FOR_EXPERIENCE = /\b(?:experience|knowledge|skills?|familiar|familiarity|worked|maintain|maintaining|proficien)/i;
/** Before examples: any of a kind will do ("microcontrollers – any vendor is fine (STM32, NXP, Nordic…)"). */
const ANY_WILL_DO_BEFORE = /\bany (?:[\p{L}-]+ ){0,2}(?:is fine|will do|works|is ok(?:ay)?|is welcome)[,:]? ?\(?$/iu;
/** After a list: it is open to similar skills. */
const OPEN_AFTER = /^[ ,]*(?:etc\b\.?|or (?:an? )?(?:similar|equivalent|comparable)\b|or similar|or equivalent|or comparable|or other\b|or another\b|or related|and the like|and similar|or any other|or alike|\.\.\.)/i;

const round = (value: number): number => Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;

export function extractSkills(text: string, regions: readonly Region[], taxonomy: Taxonomy): SkillExtraction {
  const clauses = new Clauses(text);
  const mentions: Mention[] = [];
  const named = new Set<string>();
  for (const region of regions) {
    for (const mention of taxonomy.extract(text.slice(region.start, region.end), { every: true })) {
      const start = mention.start + region.start;
      if (abbreviatesWordsBefore(text, start, mention.end + region.start)) continue;
      const clause = clauses.clauseAt(start) ?? { start: region.start, end: region.end };
      const clipped = { start: Math.max(clause.start, region.start), end: Math.min(clause.end, region.end) };
      // A skill named again in its clause ("Kotlin or Java – we teach Kotlin to a Java developer") says nothing new.
      const key = `${clipped.start}\u0000${mention.skill.id}`;
      if (named.has(key)) {
        // "Fortinet FortiGate", "Microsoft Azure Sentinel"-like runs of one skill's names: one mention.
        const last = mentions.at(-1);
        if (last && last.skill.id === mention.skill.id && /^\s+$/.test(text.slice(last.end, start))) mentions[mentions.length - 1] = { ...last, end: mention.end + region.start };
        continue;
      }
      named.add(key);
      mentions.push({ ...mention, start, end: mention.end + region.start, region, clause: clipped });
    }
  }
  const hasRequiredSection = regions.some((region) => region.kind === 'required');
  const required = regions.filter((region) => region.kind === 'required');
  const tagRegions = new Set(
    required.length < 2
      ? []
      : required.filter((region) => region.heading !== undefined && TAG_HEADING.test(region.heading.trim()) && isTagList((text.slice(region.start, region.end).trim().split(/\n\s*\n/)[0] ?? '').trim())),
  );
  const reader = new ClauseReader(text, taxonomy, hasRequiredSection, tagRegions);

  // Mentions by clause, in order.
  const byClause: Mention[][] = [];
  for (const mention of mentions) {
    const last = byClause.at(-1);
    const head = last?.[0];
    if (head && head.clause.start === mention.clause.start && head.region === mention.region) last.push(mention);
    else byClause.push([mention]);
  }

  const units: Unit[] = [];
  for (let index = 0; index < byClause.length; index += 1) {
    const group = byClause[index] as Mention[];
    const listed = reader.listAfterColon(group, byClause, index, clauses);
    if (listed) {
      units.push(...listed.units);
      index += listed.consumed - 1;
      continue;
    }
    for (const unit of reader.read(group)) {
      const last = units.at(-1);
      // An alternative offered in a clause of its own ("If you've used Pulumi instead, we're happy with
      // that") joins the requirement before it, whatever its own clause's tone.
      // Only the clause right before: "… in Go. Python is equally welcome" does not reach back past a
      // clause whose skill was not read.
      const adjacent = last !== undefined && !/\p{L}/u.test(text.slice(last.clause.end, unit.clause.start));
      // A group of alternatives before takes one more ("Markdown or AsciiDoc … reStructuredText is just as welcome").
      if (unit.joinPrevious && last && adjacent && last.region === unit.region && (last.modality === unit.modality || last.modality === 'required')) {
        last.members.push(...unit.members);
        last.anyOf = true;
        last.cue = unit.cue;
        continue;
      }
      units.push(unit);
    }
  }
  return assemble(text, withCategoriesOfExamples(text, units, taxonomy), taxonomy, hasRequiredSection);
}

/** Between a skill that names a category and its examples: "SQL database (…", "SQL databases such as …". */
const CATEGORY_THEN_EXAMPLES = /^[ -]?(?:databases?|db|dbs|dbms|rdbms|engines?|servers?|stores?|warehouses?|dialects?|flavou?rs?)(?: \(e\.g\.?| \(| ?,? ?(?:such as|e\.g\.?|eg|like|including|for example)\b)/iu;

/**
 * "SQL database (Oracle, PostgreSQL)": a required skill written as the category of the examples
 * that follow, each of which implies it, is no requirement of its own: the examples say it.
 */
function withCategoriesOfExamples(text: string, units: Unit[], taxonomy: Taxonomy): Unit[] {
  for (const [index, unit] of units.entries()) {
    const next = units[index + 1];
    const [category] = unit.members;
    if (next === undefined || category === undefined || unit.anyOf || unit.members.length !== 1 || unit.modality !== 'required') continue;
    if (!next.anyOf || next.clause !== unit.clause || next.modality !== 'required') continue;
    const first = next.members[0];
    if (first === undefined || !CATEGORY_THEN_EXAMPLES.test(text.slice(category.end, Math.min(first.start, category.end + 60)))) continue;
    if (next.members.every((member) => taxonomy.impliedBy(member.skill.id).includes(category.skill.id))) {
      unit.modality = 'preferred';
      unit.cue = 'category of the examples that follow';
    }
  }
  return units;
}

/** "A | B | C | D", or one line "Apache Kafka, IBM MQ, Java, Oracle Database": tags, not sentences. */
function isTagList(paragraph: string): boolean {
  // A job board's note on its tags comes first: "Skills highlighted with '*' are preferred keyskills".
  const body = paragraph
    .split('\n')
    .filter((line) => !/\bhighlighted\b|\bkey ?skills\b/i.test(line))
    .join('\n')
    .trim();
  if ((body.match(/ \| /g)?.length ?? 0) >= 3) return true;
  if (body.includes('\n') || /[.;:!?](?:\s|$)/.test(body)) return false;
  // "A, B, C, D" or one line of capitalised tags ("React.js* TypeScript* Redux Jest Next.js").
  return (body.match(/, /g)?.length ?? 0) >= 3 || (body.match(/(?:^|\s)[\p{Lu}\d][^\s]*/gu)?.length ?? 0) >= 5;
}

class ClauseReader {
  /** A footnote says items marked "*" are welcome, not asked. */
  private readonly starMeansPreferred: boolean;

  constructor(
    private readonly text: string,
    private readonly taxonomy: Taxonomy,
    private readonly hasRequiredSection: boolean,
    /** A job board's tag lists ("Key Skills: A | B | C") beside a requirements section of the employer's own. */
    private readonly tagRegions: ReadonlySet<Region> = new Set(),
  ) {
    this.starMeansPreferred = STAR_FOOTNOTE.test(text);
  }

  /** The prior of a zone: what its mentions ask, and how sure that is. */
  prior(region: Region): { modality: Modality; confidence: number } {
    if (this.tagRegions.has(region)) return { modality: 'context', confidence: 0.8 };
    if (region.kind === 'required') return { modality: 'required', confidence: 0.6 + 0.35 * region.confidence };
    if (region.kind === 'preferred') return { modality: 'preferred', confidence: 0.6 + 0.35 * region.confidence };
    if (CONTEXT_KINDS.has(region.kind)) return { modality: 'context', confidence: 0.8 };
    // Text under no heading: the introduction when a requirements section exists, else all there is.
    return this.hasRequiredSection ? { modality: 'context', confidence: 0.6 } : { modality: 'required', confidence: 0.5 };
  }

  /**
   * "One of the following:" ending the clause before (or the start of this one), and the short
   * bullets under it: one any-of group.
   */
  listAfterColon(group: Mention[], byClause: Mention[][], index: number, clauses: Clauses): { units: Unit[]; consumed: number } | undefined {
    const first = group[0] as Mention;
    // The cue ends the clause before: the alternatives follow as bullets (inline ones are read as a run).
    const previous = clauses.before(first.clause.start);
    const lead = previous && previous.start >= first.region.start ? LIST_CUE.exec(this.text.slice(previous.start, previous.end)) : null;
    if (!lead) return undefined;
    const members: Mention[] = [];
    let consumed = 0;
    let lastEnd = first.clause.start;
    const indented = this.indented(first.clause.start);
    for (let next = index; next < byClause.length; next += 1) {
      const items = byClause[next] as Mention[];
      const head = items[0] as Mention;
      if (head.region !== first.region || head.clause.end - head.clause.start > 80 || head.clause.start - lastEnd > 4) break;
      // A bullet back at the outer indentation ends the list.
      if (next > index && this.indented(head.clause.start) !== indented) break;
      members.push(...items);
      lastEnd = head.clause.end;
      consumed += 1;
    }
    if (new Set(members.map((member) => member.skill.id)).size < 2) return undefined;
    const { modality, confidence } = this.prior(first.region);
    const cue = (lead[1] ?? '').toLowerCase();
    // "Experience with any of the following is a plus:": each listed skill is welcome, none is asked.
    const leadText = previous ? this.text.slice(previous.start, previous.end) : '';
    const welcome = /\b(?:a plus|bonus|preferred|nice to have|ideally|desirable|an advantage|welcome)\b/i.exec(leadText);
    if (welcome && modality !== 'context') {
      const units = members.map((member): Unit => ({ members: [member], anyOf: false, openEnded: false, modality: 'preferred', confidence, cue: `${cue} … ${welcome[0].trim().toLowerCase()}`, clause: member.clause, region: first.region }));
      return { units, consumed };
    }
    return {
      units: [{ members, anyOf: true, openEnded: false, modality, confidence, cue, clause: first.clause, region: first.region }],
      consumed,
    };
  }

  /** Whether the line holding a position is indented (normalisation keeps one space for any indentation). */
  private indented(position: number): boolean {
    return this.text[this.text.lastIndexOf('\n', position - 1) + 1] === ' ';
  }

  /** The requirements one clause states. */
  read(mentions: Mention[]): Unit[] {
    if (mentions.length === 0) return [];
    const first = mentions[0] as Mention;
    const { clause, region } = first;
    const clauseText = this.text.slice(clause.start, clause.end);
    const parens = parenthesesOf(clauseText, clause.start);
    const runs = this.runsOf(mentions, parens);
    const indexOf = new Map(mentions.map((mention, index) => [mention, index]));
    // Each preference cue with the parenthesis it sits in (its opening), if any.
    const preferenceCues = cuesOf(clauseText, PREFERENCE_BEFORE, clause.start).map((cue) => ({
      ...cue,
      paren: parens.find(([open, close]) => cue.start > open && cue.start < close)?.[0],
    }));
    const weakCues = cuesOf(clauseText, WEAK_BEFORE, clause.start);
    const anyOfCues = cuesOf(clauseText, ANY_OF_BEFORE, clause.start);
    const stops = cuesOf(clauseText, CUE_STOP, clause.start);
    const strong = REQUIRED_CUE.test(clauseText);
    let prior = this.prior(region);
    // "Skills: Snowflake, dbt, +6 more": a job board's tags.
    if (SKILL_TAGS.test(clauseText.trim())) {
      return mentions.map((member): Unit => ({ members: [member], anyOf: false, openEnded: false, modality: 'context', confidence: prior.confidence, cue: 'skill tags', clause, region }));
    }
    let clauseCue: string | undefined;
    // Prose under no heading, where no section asks: what describes the job or the company asks nothing.
    if (region.kind === 'unsectioned' && prior.modality === 'required') {
      if (DESCRIBES_JOB.test(clauseText) && !/\b(?:know|knowledge|comfortable|experienced?|familiar|fluent|proficient|expert|strong|solid)\b/i.test(clauseText)) {
        prior = { modality: 'context', confidence: 0.6 };
        clauseCue = 'describes the job';
      } else if (ABOUT_US.test(clauseText) && !ABOUT_CANDIDATE.test(clauseText)) {
        prior = { modality: 'context', confidence: 0.6 };
        clauseCue = 'describes the company';
      }
    }
    // "We're after someone with … Python, FastAPI or Django": prose that says what the candidate must bring.
    if (region.kind === 'unsectioned' && prior.modality === 'required' && ASKS_OF_CANDIDATE.test(clauseText)) {
      prior = { modality: 'required', confidence: 0.75 };
      clauseCue = ASKS_OF_CANDIDATE.exec(clauseText)?.[0].toLowerCase();
    }
    // "… is a plus" closing the clause speaks of all it names.
    // Not "Experience with Node.js, and Kafka is nice to have": after ", and" the cue speaks of what follows only.
    if (prior.modality === 'required' && CLAUSE_END_PREFERENCE.test(clauseText) && !/\b(?:but|however|whereas|while|must|required|mandatory)\b|,\s*and\b/i.test(clauseText)) {
      prior = { modality: 'preferred', confidence: prior.confidence };
      clauseCue = CLAUSE_END_PREFERENCE.exec(clauseText)?.[0].trim().replace(/[.!]$/, '').toLowerCase();
    }
    // "What we do need is … TypeScript": the ask of a wish list.
    if (WHAT_WE_NEED.test(clauseText) && prior.modality !== 'required' && region.kind !== 'about' && region.kind !== 'benefits') {
      prior = { modality: 'required', confidence: 0.9 };
      clauseCue = 'what we need';
    }
    // "Must obtain CompTIA Security+ within six months of appointment": earned on the job, not asked at hire.
    if (prior.modality === 'required' && OBTAIN_LATER.test(clauseText)) {
      prior = { modality: 'preferred', confidence: prior.confidence };
      clauseCue = 'to obtain after hire';
    }
    // "If you've worked with AWS or Google Cloud, …": welcome, not asked.
    if (prior.modality === 'required' && CONDITIONAL.test(clauseText)) {
      prior = { modality: 'preferred', confidence: prior.confidence };
      clauseCue = 'if you';
    }
    // "Python or R for analysis*" under a footnote "* desirable".
    if (prior.modality === 'required' && this.starMeansPreferred && /(?<!\*)\*\s*$/.test(clauseText)) {
      prior = { modality: 'preferred', confidence: prior.confidence };
      clauseCue = 'marked *';
    }

    // "we run Splunk, but if your background is in Elastic Security or Microsoft Sentinel, that's fine":
    // the technologies of the clause are alternatives.
    const eitherWay = prior.modality === 'required' ? EITHER_WAY.exec(clauseText) : null;
    // Only when the "but" part names a technology: not "SQL (our data sits in BigQuery, but any dialect is fine)".
    if (eitherWay && mentions.some((mention) => !isConcept(mention.skill) && mention.start >= clause.start + eitherWay.index)) {
      const technologies = mentions.filter((mention) => !isConcept(mention.skill));
      const concepts = mentions.filter((mention) => isConcept(mention.skill));
      if (new Set(technologies.map((mention) => mention.skill.id)).size >= 2) {
        return [
          ...concepts.map((member): Unit => ({ members: [member], anyOf: false, openEnded: false, modality: prior.modality, confidence: prior.confidence, clause, region })),
          { members: technologies, anyOf: true, openEnded: false, modality: prior.modality, confidence: prior.confidence + (strong ? 0.15 : 0), cue: 'but if … fine', clause, region },
        ];
      }
    }

    const units: Unit[] = [];
    let previousEnd = clause.start;
    // The end of the last run naming a technology: a category word between a cue and its examples
    // ("at least one cloud data warehouse: BigQuery, …") does not cut the cue off.
    let previousConcreteEnd = clause.start;
    let previousRun: Run | undefined;
    for (const run of runs) {
      if (previousRun?.members.some((member) => !isConcept(member.skill))) previousConcreteEnd = (previousRun.members.at(-1) as Mention).end;
      previousRun = run;
      const start = (run.members[0] as Mention).start;
      const end = (run.members.at(-1) as Mention).end;
      const limit = run.paren ? run.paren[1] : Math.min(clause.end, end + 80);
      const after = this.text.slice(end, limit + (run.paren ? 1 : 0));
      const beforeText = this.text.slice(Math.max(previousEnd, start - 60), start);

      let modality = prior.modality;
      let confidence = prior.confidence;
      let cue: string | undefined = clauseCue;
      const lastStop = lastBefore(stops, start, (stop) => stop.start);
      const reaches = (cueEnd: number): boolean => lastStop === undefined || lastStop.start < cueEnd;
      // Preference: inside the run's own parentheses, right after the run, or before it in the clause.
      const parenText = run.paren ? this.text.slice(run.paren[0], run.paren[1]) : '';
      // A cue after the run, past a parenthesis that follows it ("Azure (App Service, Functions) would be
      // beneficial") or, for a run inside one, right after it ("(CSM) … credential is a plus").
      const pastParen = run.paren ? this.text.slice(run.paren[1] + 1, Math.min(clause.end, run.paren[1] + 81)) : after.replace(/^ ?\([^()]{0,120}\)/, '');
      const trailing = PREFERENCE_AFTER.exec(after)?.[1] ?? PREFERENCE_AFTER.exec(pastParen)?.[1] ?? LOOSE_PREFERENCE_AFTER.exec(pastParen)?.[1] ?? IDEALLY_AFTER.exec(after)?.[1];
      const insideParen = run.paren ? /\b(?:preferred|preferable|a plus|is a plus|bonus|ideally|nice to have|desirable|optional)\b/i.exec(parenText)?.[0] : undefined;
      // "we have not written new Java code", "won't look at AWS-only profiles": ruled out, not asked.
      if (NEGATION_BEFORE.test(this.text.slice(Math.max(clause.start, start - 40), start)) || NEGATION_AFTER.test(after)) {
        previousEnd = end;
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: 'context', confidence: prior.confidence, cue: 'ruled out', clause, region });
        continue;
      }
      // "we'll pay for your AZ-204 certification": offered, not asked.
      if (OFFERED_BEFORE.test(this.text.slice(Math.max(clause.start, start - 40), start))) {
        previousEnd = end;
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: 'context', confidence: prior.confidence, cue: 'offered', clause, region });
        continue;
      }
      // "React (we're on Next.js 14)", "CSS – we style with Tailwind CSS": the team's stack, described.
      if (DESCRIBES_STACK.test(this.text.slice(Math.max(clause.start, start - 60), start)) && !/\bbut if you\b/i.test(clauseText)) {
        previousEnd = end;
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: 'context', confidence: prior.confidence, cue: 'describes the stack', clause, region });
        continue;
      }
      // "(Java-only experience is not enough for this role)", "Aura experience alone is not sufficient":
      // named to be ruled out, not asked.
      if ((run.paren && NOT_ENOUGH.test(parenText)) || (ALONE_AFTER.test(after) && NOT_ENOUGH.test(after))) {
        previousEnd = end;
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: 'context', confidence: prior.confidence, cue: 'not enough', clause, region });
        continue;
      }
      // A cue inside a parenthesis speaks of that parenthesis only: "Terraform (Terragrunt is a bonus) Production Kubernetes".
      const nearestPreference = lastBefore(
        preferenceCues.filter((found) => found.paren === undefined || found.paren === run.paren?.[0]),
        start,
        (found) => found.end,
      );
      const leading = nearestPreference && reaches(nearestPreference.end) ? nearestPreference : undefined;
      const preference = trailing ?? insideParen ?? leading?.text;
      // "Experience with Node.js, and Kafka is nice to have": a singular cue after an "and" list speaks of its last member.
      // Not "the integration of SAP MM and SAP SD is an advantage": only after a comma before the last member.
      if (trailing && !insideParen && run.members.length > 1 && !run.alternatives && /^[ ,]*is\b/i.test(after) && /,/.test(run.gaps.at(-1) ?? '')) {
        const last = run.members.pop() as Mention;
        run.gaps.pop();
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: prior.modality, confidence: prior.confidence + (strong && prior.modality === 'required' ? 0.15 : 0), clause, region });
        run.members = [last];
      }
      if (preference && modality !== 'context' && !(region.kind === 'about' || region.kind === 'benefits')) {
        modality = 'preferred';
        cue = preference.toLowerCase();
      } else if (preference && modality === 'context' && (region.kind === 'responsibilities' || region.kind === 'unsectioned')) {
        modality = 'preferred';
        cue = preference.toLowerCase();
      }
      // "Python (PySpark)": what a parenthesis after a skill names qualifies it; it is not asked on its own.
      // "next-generation firewalls (Fortinet FortiGate, Palo Alto Networks or Check Point)": a concept
      // (a category) before the parenthesis is exemplified by it, not qualified.
      const categoryBefore =
        run.paren !== undefined && this.onlyConceptEndsAt(mentions, run.paren[0]) && itemsIn(this.text.slice(run.paren[0] + 1, run.paren[1])) <= run.members.length;
      const qualifier = run.paren !== undefined && this.mentionEndsAt(mentions, run.paren[0]) && !categoryBefore;
      // "Microsoft Azure (e.g. Entra ID, Defender for Cloud)": examples of a technology's parts detail it;
      // examples after a category ("a relational database (e.g. PostgreSQL)") are what is asked.
      // Also past a category word the taxonomy knows: "ARM Cortex-M microcontrollers (for example STM32, …)".
      const parenOpen = run.paren?.[0] ?? 0;
      const endsAtParen = (at: number): boolean => at <= parenOpen && parenOpen - at <= 20 && QUALIFIED_BY.test(this.text.slice(at, parenOpen));
      const partsOfTechnology =
        qualifier &&
        mentions.some(
          (mention) =>
            !isConcept(mention.skill) &&
            (endsAtParen(mention.end) || mentions.some((word) => isConcept(word.skill) && word.start >= mention.end && word.start - mention.end <= 1 && endsAtParen(word.end))),
        );
      // "Microsoft Azure (App Service, Functions – any of these is fine)": parts of the skill before, not alternatives to it.
      const partsInParen = run.paren !== undefined && this.mentionsEndingAt(mentions, run.paren[0]).some((owner) => run.members.every((member) => this.taxonomy.impliedBy(member.skill.id).includes(owner.skill.id)));
      const alternativesInParen =
        run.paren !== undefined &&
        (OR_IN_PAREN.test(this.text.slice(run.paren[0], start)) || (!partsInParen && /^\(\s*(?:[\p{L}']+\s+){0,4}$/u.test(this.text.slice(run.paren[0], start)) && ALTERNATIVES_WELCOME.test(parenText)));
      if (qualifier && !alternativesInParen && modality === 'required' && (EXAMPLES_BEFORE.exec(beforeText) === null || partsOfTechnology)) {
        modality = 'preferred';
        cue ??= 'named in parentheses after a skill';
      }
      // "Advanced Excel – pivot tables, XLOOKUP, Power Query": the parts of a skill, listed after a dash.
      // The mention right before the run (one lookup: a clause may hold thousands of mentions).
      const before = mentions[(indexOf.get(run.members[0] as Mention) ?? 0) - 1];
      const detailOf =
        run.alternatives || before === undefined || isConcept(before.skill) || start - before.end > 120
          ? undefined
          : /^\s[–—-]\s(?:[^,.;:()]{1,30},\s*)+$/.test(this.text.slice(before.end, start))
            ? before
            : undefined;
      if (detailOf && modality === 'required') {
        modality = 'preferred';
        cue ??= `detail of ${detailOf.skill.name}`;
      }
      // "Expert Apex, including SOQL/SOSL": examples after a technology are its parts, not asks of their own.
      const partsAfter =
        before !== undefined && start - before.end <= 40 && !isConcept(before.skill) && /^\s*(?:skills?|experience|knowledge|expertise)?,?\s*(?:including|incl\.?|especially|particularly|e\.g\.?|such as)[:,]?\s*$/i.test(this.text.slice(before.end, start))
          ? before
          : undefined;
      if (partsAfter && modality === 'required') {
        modality = 'preferred';
        cue ??= `parts of ${partsAfter.skill.name}`;
      }
      // "The legacy Laravel code is read-only for this team": what is being left behind, not asked for
      // (unless the clause asks for experience with it: "experience maintaining legacy PHP").
      const clauseBefore = this.text.slice(clause.start, start);
      if (modality === 'required' && LEGACY_BEFORE.test(beforeText) && !ASKS_FOR_EXPERIENCE.test(clauseBefore)) {
        modality = 'context';
        cue ??= 'legacy';
      }
      // "the APIs belong to our Go and Java squads": the company's teams, named by their stack.
      if (modality === 'required' && /\bour(?: [\w-]+)? ?$/i.test(beforeText) && OUR_TEAMS_AFTER.test(after)) {
        modality = 'context';
        cue ??= 'our teams';
      }
      const nearestWeak = lastBefore(weakCues, start, (found) => found.end);
      const weak = nearestWeak && reaches(nearestWeak.end) ? nearestWeak : undefined;
      if (weak && modality === 'required') {
        confidence -= 0.35;
        cue ??= weak.text.toLowerCase();
      }
      if (strong && modality === 'required') confidence += 0.15;

      // Grouping.
      const nearestAnyOf = lastBefore(anyOfCues, start, (found) => found.end);
      const anyOfCue = nearestAnyOf && nearestAnyOf.end >= previousConcreteEnd - 1 && start - nearestAnyOf.end <= 60 ? nearestAnyOf : undefined;
      const examples = EXAMPLES_BEFORE.exec(beforeText)?.[0];
      const afterCategory = run.paren !== undefined && (!this.mentionEndsAt(mentions, run.paren[0]) || categoryBefore) && /\p{L}/u.test(this.text.slice(Math.max(clause.start, run.paren[0] - 20), run.paren[0]));
      // "including DAX or calculated fields": one skill or something the taxonomy does not name is open too.
      const openCue = OPEN_AFTER.exec(after)?.[0] ?? ANY_WILL_DO_BEFORE.exec(beforeText)?.[0] ?? (run.members.length === 1 ? OR_SOMETHING_ELSE.exec(after)?.[0] : undefined);
      const slashOnly = run.alternatives && run.gaps.every((gap) => gap.trim() === '/' || gap.trim() === '');
      const wholeGroup =
        anyOfCue !== undefined || examples !== undefined || (afterCategory && run.members.length >= 2) || openCue !== undefined || (run.members.length >= 2 && OR_SOMETHING_ELSE.test(after));
      if (slashOnly && !wholeGroup) confidence -= 0.1;
      const groupCue = anyOfCue?.text.toLowerCase() ?? examples?.replace(/[:,( ]+$/, '').toLowerCase() ?? openCue?.replace(/^[ ,]+/, '').toLowerCase();
      const base = { modality, confidence, clause, region } as const;
      const previousUnit = units.at(-1);
      // "Apache Airflow (or a comparable orchestrator such as Dagster or Prefect)", "Terraform (or Pulumi)":
      // alternatives to the skill the parenthesis follows.
      if (alternativesInParen && previousUnit && previousUnit.clause === clause && !previousUnit.anyOf && previousUnit.modality === modality && this.mentionEndsAt(mentions, (run.paren as readonly [number, number])[0])) {
        previousUnit.members.push(...run.members);
        previousUnit.anyOf = true;
        previousUnit.cue = 'or';
        previousEnd = end;
        continue;
      }
      // "Orchestrating pipelines with Airflow – Dagster or Prefect experience is fine too": the dash split the clause.
      // "… most of ours is in Go. Python is equally welcome": a sentence too.
      if (ALTERNATIVE_AFTER.test(after) && !previousUnit && /[–—;.-] ?$/.test(this.text.slice(Math.max(0, clause.start - 3), clause.start))) {
        units.push({ ...base, members: run.members, anyOf: false, openEnded: false, joinPrevious: true, cue: ALTERNATIVE_AFTER.exec(after)?.[0].replace(/^[ ,(\-–—]+/, '').toLowerCase() });
        previousEnd = end;
        continue;
      }
      if (ALTERNATIVE_AFTER.test(after) && previousUnit && previousUnit.clause === clause && !previousUnit.anyOf) {
        previousUnit.members.push(...run.members);
        previousUnit.anyOf = true;
        previousUnit.cue = ALTERNATIVE_AFTER.exec(after)?.[0].replace(/^[ ,(\-–—]+/, '').toLowerCase();
        previousEnd = end;
        continue;
      }
      // "C#/.NET", "Python/Django": a slash between a language and its framework names one stack, not a choice.
      const [first, second] = run.members;
      const oneStack =
        slashOnly && !wholeGroup && run.members.length === 2 && first !== undefined && second !== undefined &&
        first.skill.category !== second.skill.category && !this.taxonomy.relatedTo(first.skill.id).includes(second.skill.id);
      if (!oneStack && (wholeGroup || (run.alternatives && run.members.length >= 2))) {
        const split = wholeGroup ? { group: run.members, singles: [] as Mention[] } : splitOrList(run, this.taxonomy);
        for (const single of split.singles) units.push({ ...base, members: [single], anyOf: false, openEnded: false, ...(cue && { cue }) });
        const groupCueText = cue ?? groupCue ?? (slashOnly ? '/' : 'or');
        // Examples of a category stay a group even when open ("a relational database (Postgres, MySQL etc.)").
        // Examples the taxonomy does not all know ("concurrency (async/await, Combine or GCD)") leave the group open.
        const unnamed = run.paren !== undefined && afterCategory && itemsIn(this.text.slice(run.paren[0] + 1, run.paren[1])) > run.members.length;
        // One example and "or similar" ("background jobs (Sidekiq or similar)") is open too.
        const openEnded = (openCue !== undefined && examples === undefined && (!afterCategory || run.members.length === 1)) || unnamed;
        // "via OpenAI, Anthropic or open models": the last alternative is none the taxonomy names.
        const anyOther = split.group.length >= 2 && split.group.at(-1) === run.members.at(-1) && OR_SOMETHING_ELSE.test(after);
        units.push({ ...base, members: split.group, anyOf: true, openEnded: openEnded || anyOther, cue: groupCueText, ...(anyOther && { anyOther }) });
      } else {
        for (const member of run.members) units.push({ ...base, members: [member], anyOf: false, openEnded: false, ...(cue && { cue }) });
      }
      previousEnd = end;
    }
    return units;
  }

  /** The skills ending right before the parenthesis, or with only "experience", "skills"… between: "SQL Server experience (T-SQL, …)". */
  private mentionsEndingAt(mentions: readonly Mention[], parenOpen: number): Mention[] {
    return mentions.filter((mention) => mention.end <= parenOpen && parenOpen - mention.end <= 20 && QUALIFIED_BY.test(this.text.slice(mention.end, parenOpen)));
  }

  private mentionEndsAt(mentions: readonly Mention[], parenOpen: number): boolean {
    return this.mentionsEndingAt(mentions, parenOpen).length > 0;
  }

  /** Only concepts end right before the parenthesis ("firewalls (FortiGate, …)"), no technology. */
  private onlyConceptEndsAt(mentions: readonly Mention[], parenOpen: number): boolean {
    const ending = this.mentionsEndingAt(mentions, parenOpen);
    return ending.length > 0 && ending.every((mention) => isConcept(mention.skill));
  }

  /** Consecutive mentions joined only by list separators, at one parenthesis depth. */
  private runsOf(mentions: readonly Mention[], parens: ReadonlyArray<readonly [number, number]>): Run[] {
    const runs: Run[] = [];
    let outside: Run | undefined;
    for (const mention of mentions) {
      const enclosing = lastBefore(parens, mention.start, ([open]) => open + 1);
      const paren = enclosing && mention.end <= enclosing[1] ? enclosing : undefined;
      // The run to continue: the last one at this parenthesis depth ("Python (PySpark) or Scala").
      const run = paren ? runs.at(-1) : outside;
      const last = run?.members.at(-1);
      // A parenthesis between two members is the first one's qualifier: "Python (PySpark) or Scala".
      const rawGap = last ? this.text.slice(last.end, mention.start) : '';
      // Emphasis markers are not words: "**Core Data** or **SQLite**".
      // A connector in emphasis is a connector: "Apache Airflow *or* Dagster".
      const gap = (rawGap.length <= 80 ? rawGap.replace(/ ?\([^()]*\)/g, '') : rawGap).replace(/\*\*|__|(?<![\w*])\*(?![\w*])/g, '').replace(/(?<=^|\s)[*_](\w{1,6})[*_](?=\s|$)/g, '$1');
      if (run && last && run.paren === paren && ((gap.length <= 16 && LIST_GAP.test(gap)) || UNNAMED_ITEM_GAP.test(gap))) {
        run.members.push(mention);
        run.gaps.push(gap);
        if (OR_GAP.test(gap)) run.alternatives = true;
        continue;
      }
      const started: Run = { members: [mention], alternatives: false, gaps: [], ...(paren && { paren }) };
      runs.push(started);
      if (!paren) outside = started;
    }
    return runs;
  }
}

/**
 * "Docker, PostgreSQL or MySQL": the alternatives are the members around the last "or", extended
 * backwards over commas while the skills are of one kind (one category, or related in the
 * taxonomy: "Snowflake, BigQuery or Redshift"); the others stand alone.
 */
function splitOrList(run: Run, taxonomy: Taxonomy): { group: Mention[]; singles: Mention[] } {
  let last = -1;
  run.gaps.forEach((gap, index) => {
    if (OR_GAP.test(gap)) last = index;
  });
  if (last === -1) return { group: run.members, singles: [] };
  let from = last;
  const alike = (a: Mention, b: Mention): boolean => a.skill.category === b.skill.category || taxonomy.relatedTo(a.skill.id).includes(b.skill.id);
  const inGroup = (candidate: Mention): boolean => run.members.slice(from, last + 2).some((member) => alike(candidate, member));
  while (from > 0 && !/\band\b/i.test(run.gaps[from - 1] ?? '') && inGroup(run.members[from - 1] as Mention)) from -= 1;
  const group = run.members.slice(from, last + 2);
  const singles = [...run.members.slice(0, from), ...run.members.slice(last + 2)];
  return { group, singles };
}

/** Top-level parentheses of a clause, absolute offsets of "(" and ")". */
function parenthesesOf(clause: string, offset: number): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  let open = -1;
  for (let index = 0; index < clause.length; index += 1) {
    const char = clause[index];
    if (char === '(' && open === -1) open = index;
    else if (char === ')' && open !== -1) {
      if (index - open <= 200) spans.push([offset + open, offset + index]);
      open = -1;
    }
  }
  return spans;
}

interface Cue {
  start: number;
  end: number;
  text: string;
}

/** The last item whose key is at or before `position` (items sorted by key): a binary search. */
function lastBefore<T>(items: readonly T[], position: number, key: (item: T) => number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle] as T;
    if (key(item) <= position) {
      found = item;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function cuesOf(clause: string, pattern: RegExp, offset: number): Cue[] {
  return [...clause.matchAll(pattern)].map((match) => ({ start: offset + match.index, end: offset + match.index + match[0].length, text: match[1] ?? match[0] }));
}

const isConcept = (skill: CanonicalSkill): boolean => skill.kind === 'concept';

/** Items of a short list in parentheses: "e.g. A, B or C" → 3. */
function itemsIn(list: string): number {
  if (list.length > 120) return 0;
  const body = list.replace(/^\s*(?:e\.g\.?|eg|i\.e\.?|such as|like|including|for example)[:,]?\s*/i, '').replace(/,?\s*(?:etc\.?|or similar|and similar|or equivalent)\s*$/i, '');
  return body.split(/\s*(?:,|\bor\b|\band\b|\/|;)\s*/).filter((item) => /\p{L}/u.test(item)).length;
}

/**
 * "Annual Wage Supplement (AWS)", "Employee Stock Purchase Plan (ESPP)": letters in parentheses
 * that abbreviate the words before them name those words, not a skill (when the words are the
 * skill, "Amazon Web Services (AWS)", the words were read already).
 */
function abbreviatesWordsBefore(text: string, start: number, end: number): boolean {
  const written = text.slice(start, end);
  if (text[start - 1] !== '(' || text[end] !== ')' || !/^\p{Lu}{2,6}$/u.test(written)) return false;
  const words = text
    .slice(Math.max(0, start - 80), start - 1)
    .trim()
    .split(/[\s-]+/)
    .filter((word) => !/^(?:of|and|the|for|&)$/i.test(word))
    .slice(-written.length);
  return words.length === written.length && words.every((word, index) => word[0]?.toUpperCase() === written[index]);
}

/** Units into requirements: gating decided, duplicates merged, groups dissolved where a member stands alone. */
function assemble(text: string, units: readonly Unit[], taxonomy: Taxonomy, hasRequiredSection: boolean): SkillExtraction {
  const requirements: ExtractedRequirement[] = [];
  const chosen: Array<{ skills: CanonicalSkill[] }> = [];
  for (const unit of units) {
    const skills = uniqueSkills(unit.members);
    const technologies = skills.filter((skill) => !isConcept(skill));
    const confidence = round(unit.confidence);
    // An open-ended single ("Docker or similar") admits skills no list can name: it weighs, it does not gate.
    // A group naming two or more ("Postman, REST Assured or similar tools") gates on its members, as a recruiter reads it.
    // "REST and/or GraphQL": an alternative that a concept meets cannot be checked, so it does not gate.
    const conceptAlternative = unit.anyOf && technologies.length < skills.length;
    const gating = unit.modality === 'required' && technologies.length > 0 && confidence >= GATING_CONFIDENCE && !(unit.openEnded && technologies.length < 2) && !conceptAlternative && unit.anyOther !== true;
    let reason: ExtractedRequirement['reason'];
    if (unit.modality === 'required' && (technologies.length === 0 || conceptAlternative)) reason = 'concept';
    else if (unit.modality === 'required' && !gating) reason = 'uncertain';
    const members = unit.anyOf && technologies.length > 0 ? technologies : skills;
    if (gating) chosen.push({ skills: members.slice(0, MAX_ANY_OF) });
    requirements.push({
      skills: members.slice(0, MAX_ANY_OF).map((skill) => skill.name),
      anyOf: unit.anyOf && members.length > 1,
      modality: unit.modality,
      gating,
      confidence,
      ...(reason && { reason }),
      evidence: {
        ...(unit.region.heading !== undefined && { section: unit.region.heading }),
        sectionKind: unit.region.kind,
        phrase: phraseOf(text, unit),
        ...(unit.cue !== undefined && { cue: unit.cue }),
      },
    });
  }

  let fallback: SkillExtraction['fallback'] = 'none';
  if (chosen.length === 0) {
    // Doubt never silently matches no one: uncertain requirements, or failing them the preferred
    // technologies, gate with near misses allowed (the caller warns).
    const uncertain = requirements.filter((requirement) => requirement.modality === 'required' && requirement.reason === 'uncertain');
    const preferred = requirements.filter((requirement) => requirement.modality === 'preferred');
    const promote = uncertain.length > 0 ? uncertain : preferred;
    if (promote.length > 0) {
      fallback = uncertain.length > 0 ? 'uncertain' : 'preferred';
      for (const requirement of promote) {
        const technologies = requirement.skills.map((name) => taxonomy.resolve(name)?.skill).filter((skill): skill is CanonicalSkill => skill !== undefined && !isConcept(skill));
        if (technologies.length === 0) continue;
        requirement.gating = true;
        chosen.push({ skills: technologies });
      }
    }
  }

  // Gating requirements: a single skill that also stands alone dissolves the groups holding it.
  const singles = new Set(chosen.filter(({ skills }) => skills.length === 1).map(({ skills }) => (skills[0] as CanonicalSkill).id));
  const requiredSkills: SkillRequirement[] = [];
  const requiredIds = new Set<string>();
  const identities = new Set<string>();
  const leftOver: CanonicalSkill[] = [];
  for (const { skills } of chosen) {
    if (requiredSkills.length >= MAX_REQUIRED) break;
    if (skills.length > 1 && skills.some((skill) => singles.has(skill.id))) {
      leftOver.push(...skills.filter((skill) => !singles.has(skill.id)));
      continue;
    }
    const identity = skills.map((skill) => skill.id).sort().join('\u0000');
    if (identities.has(identity)) continue;
    identities.add(identity);
    skills.forEach((skill) => requiredIds.add(skill.id));
    requiredSkills.push(skills.length === 1 ? (skills[0] as CanonicalSkill).name : { anyOf: skills.map((skill) => skill.name) });
  }

  const preferredSkills: string[] = [];
  const preferredIds = new Set<string>();
  const contextSkills: string[] = [];
  const contextIds = new Set<string>();
  const wanted = requirements.filter((requirement) => !requirement.gating && requirement.modality !== 'context');
  for (const name of [...wanted.flatMap((requirement) => requirement.skills), ...leftOver.map((skill) => skill.name)]) {
    const id = taxonomy.resolve(name)?.skill.id ?? name;
    if (requiredIds.has(id) || preferredIds.has(id)) continue;
    preferredIds.add(id);
    preferredSkills.push(name);
  }
  for (const requirement of requirements.filter((entry) => entry.modality === 'context')) {
    for (const name of requirement.skills) {
      const id = taxonomy.resolve(name)?.skill.id ?? name;
      if (requiredIds.has(id) || preferredIds.has(id) || contextIds.has(id)) continue;
      contextIds.add(id);
      contextSkills.push(name);
    }
  }
  // At most MAX_REPORTED requirements are reported (context goes first), as a stored posting holds.
  const reported = requirements.length <= MAX_REPORTED ? requirements : requirements.filter((entry) => entry.modality !== 'context').slice(0, MAX_REPORTED);
  return { requirements: reported, requiredSkills, preferredSkills: preferredSkills.slice(0, 100), contextSkills: contextSkills.slice(0, 100), fromWholeText: !hasRequiredSection, fallback };
}

function uniqueSkills(mentions: readonly Mention[]): CanonicalSkill[] {
  return [...new Map(mentions.map((mention) => [mention.skill.id, mention.skill])).values()];
}

/** The clause, shortened around its first mention to at most PHRASE_LENGTH characters. */
function phraseOf(text: string, unit: Unit): string {
  const { start, end } = unit.clause;
  const clause = text.slice(start, end).trim();
  if (clause.length <= PHRASE_LENGTH) return clause.replace(/^[-•·▪*◦‣∙\s]+/, '');
  const at = (unit.members[0]?.start ?? start) - start;
  const from = Math.max(0, Math.min(at - PHRASE_LENGTH / 2, end - start - PHRASE_LENGTH));
  const window = text.slice(start + from, start + from + PHRASE_LENGTH).trim();
  return `${from > 0 ? '…' : ''}${window}${from + PHRASE_LENGTH < end - start ? '…' : ''}`;
}
