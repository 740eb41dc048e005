/**
 * Words that open a requirement, a duty or a section. In a posting pasted as one paragraph, or
 * whose line breaks were lost ("…in SwiftUIOwn app performance…"), such a word, capitalised right
 * after a lower-case word, is where one bullet ended and the next began.
 */
export const ITEM_OPENERS: ReadonlySet<string> = new Set(
  (
    'experience strong solid proven deep good excellent hands-on proficiency proficient knowledge familiarity familiar ' +
    "understanding ability able bachelor bachelor's degree master's comfortable working expertise expert exposure background " +
    'track passion prior previous demonstrated fluency fluent advanced practical minimum design build develop own lead ' +
    'collaborate write maintain mentor participate contribute drive implement ensure improve partner support help create ' +
    'troubleshoot monitor deploy manage review define architect optimize optimise shape ship champion identify analyze analyse ' +
    'communicate translate conduct perform provide coordinate plan automate use you we our plus bonus nice ideally preferably ' +
    'interest curiosity willingness eagerness commitment relevant professional at must should can great outstanding ' +
    'an any some exceptional skilled skills keep take work run train join competitive fully hybrid remote visa relocation ' +
    'one two three four five six seven eight nine ten requirements qualifications responsibilities benefits about what who ' +
    'why how where location employment salary key preferred required must-have must-haves nice-to-have nice-to-haves ' +
    'good-to-have bonus perks duties overview the this a'
  ).split(' '),
);
