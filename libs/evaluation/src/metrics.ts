// Agreement measures between what the parser and the matcher produce and what the labels say.
// Each is a plain function of two sets, so it can be tested on hand-made cases (metrics.spec.ts).

/** A requirement as a set of skill keys: one key for a single skill, several for "any of". */
export type Unit = ReadonlySet<string>;

export interface Counts {
  /** Predicted and labelled alike. */
  truePositives: number;
  /** Predicted, not labelled. */
  falsePositives: number;
  /** Labelled, not predicted. */
  falseNegatives: number;
}

export const emptyCounts = (): Counts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });

export function add(total: Counts, more: Counts): Counts {
  return {
    truePositives: total.truePositives + more.truePositives,
    falsePositives: total.falsePositives + more.falsePositives,
    falseNegatives: total.falseNegatives + more.falseNegatives,
  };
}

/** Precision of the counts; 1 when nothing was predicted (nothing wrong was said). */
export function precision(counts: Counts): number {
  const predicted = counts.truePositives + counts.falsePositives;
  return predicted === 0 ? 1 : counts.truePositives / predicted;
}

/** Recall of the counts; 1 when nothing was labelled (nothing was missed). */
export function recall(counts: Counts): number {
  const labelled = counts.truePositives + counts.falseNegatives;
  return labelled === 0 ? 1 : counts.truePositives / labelled;
}

/**
 * Whether a predicted requirement stands for a labelled one: the same single skill, or two any-of
 * groups sharing at least half of the labelled members (a group widened by similar skills still
 * stands for the group the recruiter read). A single skill never stands for a group, nor a group
 * for a single skill: gating on one member of a group, or on a group where one skill is asked,
 * changes who matches.
 */
export function sameRequirement(predicted: Unit, labelled: Unit): boolean {
  if (predicted.size === 1 && labelled.size === 1) return [...predicted][0] === [...labelled][0];
  if (predicted.size === 1 || labelled.size === 1) return false;
  const shared = [...labelled].filter((key) => predicted.has(key)).length;
  return shared >= Math.ceil(labelled.size / 2);
}

/** Counts of requirements, each labelled one paired with at most one predicted one (in order). */
export function compareRequirements(predicted: readonly Unit[], labelled: readonly Unit[]): Counts {
  const used = new Set<number>();
  let truePositives = 0;
  for (const want of labelled) {
    const index = predicted.findIndex((have, at) => !used.has(at) && sameRequirement(have, want));
    if (index === -1) continue;
    used.add(index);
    truePositives += 1;
  }
  return { truePositives, falsePositives: predicted.length - truePositives, falseNegatives: labelled.length - truePositives };
}

/** Counts of skills, ignoring the keys in `ignored` on the predicted side (lenient labels). */
export function compareSkills(predicted: ReadonlySet<string>, labelled: ReadonlySet<string>, ignored: ReadonlySet<string> = new Set()): Counts {
  const considered = [...predicted].filter((key) => labelled.has(key) || !ignored.has(key));
  const truePositives = considered.filter((key) => labelled.has(key)).length;
  return { truePositives, falsePositives: considered.length - truePositives, falseNegatives: labelled.size - truePositives };
}

/** Share of agreeing cases; 1 for no case. */
export function agreement(agreeing: number, total: number): number {
  return total === 0 ? 1 : agreeing / total;
}
