// How one entry of a skills field ("Python 3.11", "Amazon AWS", "Docker/Kubernetes") is read:
// the version and vendor words around a skill name are not part of it. `skillsIn` (create-taxonomy.ts)
// and the matcher's entry mode use these; the rules are in ../README.md ("skillsIn").

/**
 * Company names written before a product ("Amazon RDS", "Atlassian Jira", "Google Go") that are not
 * skills themselves. AWS, Azure, GCP, Oracle's database and Elastic's search engine *are* skills, so
 * "AWS Kubernetes" names two (found by `extract`), while "Oracle Linux" names Linux.
 */
const VENDORS = [
  'amazon', 'microsoft', 'ms', 'google', 'apache', 'atlassian', 'oracle', 'ibm', 'hashicorp', 'red hat', 'redhat',
  'adobe', 'jetbrains', 'apple', 'meta', 'facebook', 'elastic', 'confluent', 'cloudera', 'pivotal', 'eclipse', 'gnu',
];
const VENDOR_PREFIX = new RegExp(`^(?:${VENDORS.map((vendor) => vendor.replace(' ', '\\s+')).join('|')})\\s+(?=\\S)`, 'i');

/** "3.11", "v20", "20.x", "8+", "2019", "12c" (Oracle), optionally "LTS": a version, not part of a name. */
const VERSION = String.raw`v?\d+(?:\.(?:\d+|x))*(?:[a-z]|\+)?(?:\s+lts)?`;
const TRAILING_VERSION = new RegExp(String.raw`\s+${VERSION}$`, 'i');
/** Version tokens anywhere in an entry (between spaces or at an edge), for finding its main word. */
const VERSION_TOKENS = new RegExp(String.raw`(?<=^|\s)${VERSION}(?=$|[\s,;)\]])`, 'gi');

/** Separators of a list written into one entry: "go/rust", "C/C++", "HTML, CSS & JS", "Python or R". */
const LIST_SEPARATOR = /\s*[/,;|&]\s*|\s+(?:and|or|\+)\s+/i;

/** Without a trailing version: "Python 3.11" → "Python", "Node.js v20" → "Node.js"; else undefined. */
export function withoutVersion(written: string): string | undefined {
  const trimmed = written.trim();
  const stripped = trimmed.replace(TRAILING_VERSION, '');
  return stripped !== trimmed && stripped !== '' ? stripped : undefined;
}

/** Without a leading vendor name: "Amazon AWS" → "AWS", "Atlassian Jira" → "Jira"; else undefined. */
export function withoutVendor(written: string): string | undefined {
  const trimmed = written.trim();
  const stripped = trimmed.replace(VENDOR_PREFIX, '');
  return stripped !== trimmed && stripped !== '' ? stripped : undefined;
}

/** The spellings to try for one skill name, most literal first: as written, without version, vendor, both. */
export function bareForms(written: string): string[] {
  const unversioned = withoutVersion(written);
  const forms = [written, unversioned, withoutVendor(written), unversioned === undefined ? undefined : withoutVendor(unversioned)];
  return [...new Set(forms.filter((form): form is string => form !== undefined))];
}

/** The items of a list written into one entry, trimmed; fewer than two means it is not a list. */
export function listItems(written: string): string[] {
  return written
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Characters around the main word that are not part of it. */
const EDGE = /[\s"'`()[\]{}<>,;:!?*•·|/–—-]/;
const EDGE_END = /[\s"'`()[\]{}<>,;:.!?*•·|/–—-]/;

/**
 * Where an entry's main word is: the entry without bracketed remarks, versions, a leading vendor
 * and punctuation around it. "Rust (3 years)" → "Rust"; "Apple Swift 5.9" → "Swift". [start, end)
 * into the entry, or undefined when nothing is left.
 */
export function mainWordSpan(written: string): [number, number] | undefined {
  const blank = (match: string): string => ' '.repeat(match.length);
  let masked = written.replace(/\([^()]*\)|\[[^[\]]*\]/g, blank).replace(VERSION_TOKENS, blank);
  const leading = /^\s*/.exec(masked)?.[0].length ?? 0;
  const vendor = VENDOR_PREFIX.exec(masked.slice(leading));
  if (vendor) masked = masked.slice(0, leading) + blank(vendor[0]) + masked.slice(leading + vendor[0].length);
  let start = 0;
  let end = masked.length;
  while (start < end && EDGE.test(masked[start] as string)) start++;
  while (end > start && EDGE_END.test(masked[end - 1] as string)) end--;
  return start < end ? [start, end] : undefined;
}
