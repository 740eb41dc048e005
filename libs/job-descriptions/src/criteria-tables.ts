// Person specifications (UK public sector, NHS, Australian selection criteria) put requirements in
// a table: a column per modality ("Criteria | Essential | Desirable") or a column saying which each
// row is ("1. SQL for reporting <tab> Desirable"). Pasted as text, the table's cells are read
// across, so the essential and desirable items of a row run together. Here such a table is
// unfolded into two lists under "Essential criteria" and "Desirable criteria" headings, which the
// rest of the parser reads like any other sections.

/** A cell separator: a bar (with or without spaces around it) or a tab. */
const CELL = /\s*\|\s*|\t+/;
const RULE_LINE = /^[\s|+=:-]*$/;
const ESSENTIAL = /^(?:essential|mandatory|required)(?: criteria)?$/i;
const DESIRABLE = /^(?:desirable|preferred|optional)(?: criteria)?$/i;
const MODALITY_HEADER = /^(?:essential|mandatory) ?(?:\/|or|&) ?(?:desirable|preferred)$/i;
/** A column answering per row whether it is needed: "Skill | Level | Required?" with "Yes" / "No, but a plus". */
const YES_NO_HEADER = /^(?:required|mandatory|must[- ]have|essential|needed)\s*\??$/i;
const YES_NO_TABLE = /\|\s*(?:required|mandatory|must[- ]have|essential|needed)\s*\??\s*\|/i;
/** A cell that says the row is asked for, or welcome: "Must have. You write it every day", "Nice to have". */
const MUST_CELL = /^(?:must[- ]have|must|required|mandatory|essential|a must)\b/i;
const NICE_CELL = /^(?:nice[- ]to[- ]have|good[- ]to[- ]have|bonus|a plus|preferred|desirable|optional|an advantage)\b/i;
/** A table row with such a cell after its first. */
const CUE_CELL_ROW = /^[^\n|]*\|[^\n]*\|\s*(?:must[- ]have|required|mandatory|essential|nice[- ]to[- ]have|good[- ]to[- ]have|bonus|a plus|preferred|desirable)\b/gim;
/** Lines a table may span. */
const MAX_TABLE_LINES = 400;

const cellsOf = (line: string): string[] => line.split(CELL).map((cell) => cell.trim());
const isRule = (line: string): boolean => RULE_LINE.test(line) && /[-=+]{3}/.test(line);
const isTableLine = (line: string): boolean => line.includes('|') || line.includes('\t') || isRule(line);

/** Items of one column, a cell continuing the item above when it starts in lower case or with a parenthesis. */
function addCell(items: string[], cell: string): void {
  if (cell === '') return;
  if (items.length > 0 && /^[\p{Ll}(]/u.test(cell)) items[items.length - 1] = `${items[items.length - 1]} ${cell}`;
  else items.push(cell);
}

function sections(essential: readonly string[], desirable: readonly string[]): string[] {
  const lines: string[] = [];
  if (essential.length > 0) lines.push('', 'Essential criteria', ...essential.map((item) => `• ${item}`));
  if (desirable.length > 0) lines.push('', 'Desirable criteria', ...desirable.map((item) => `• ${item}`));
  lines.push('');
  return lines;
}

/** A header whose last column says which each row is: "Criterion      E/D", "… Essential / Desirable". */
const ALIGNED_HEADER = /\S\s{2,}(?:E ?\/ ?D|Essential ?\/ ?Desirable)\s*$/i;
/** A row of such a table, aligned with spaces: "4. Advanced Microsoft Excel skills      E". */
const ALIGNED_ROW = /^(.*\S)\s{2,}(E|D|Essential|Desirable)\s*$/i;

/** Rows aligned with spaces under an E/D header; an indented line without a code continues the row above. */
function unfoldAligned(lines: readonly string[], headerIndex: number): { lines: string[]; next: number } | undefined {
  const essential: string[] = [];
  const desirable: string[] = [];
  let last: string[] | undefined;
  let next = headerIndex + 1;
  for (; next < lines.length && next - headerIndex < MAX_TABLE_LINES; next += 1) {
    const line = lines[next] as string;
    if (line.trim() === '') {
      if (last) break;
      continue;
    }
    const row = ALIGNED_ROW.exec(line);
    if (row) {
      last = /^e/i.test(row[2] as string) ? essential : desirable;
      last.push((row[1] as string).trim());
    } else if (last && /^\s/.test(line)) {
      last[last.length - 1] = `${last[last.length - 1]} ${line.trim()}`;
    } else break;
  }
  return essential.length + desirable.length > 0 ? { lines: sections(essential, desirable), next } : undefined;
}

/** The items of one table sorted into essential and desirable, and the index of the line after it. */
interface Unfolded {
  essential: string[];
  desirable: string[];
  next: number;
}

/**
 * Reads table lines from `from` (rule lines skipped) until the table ends, `read` sorting each row's
 * cells into the two lists; `read` answers false where the table ends early. Undefined when no
 * item was found.
 */
function readRows(lines: readonly string[], headerIndex: number, from: number, read: (cells: string[], into: Unfolded) => boolean | void): Unfolded | undefined {
  const into: Unfolded = { essential: [], desirable: [], next: from };
  for (; into.next < lines.length && into.next - headerIndex < MAX_TABLE_LINES && isTableLine(lines[into.next] as string); into.next += 1) {
    const line = lines[into.next] as string;
    if (isRule(line)) continue;
    if (read(cellsOf(line), into) === false) break;
  }
  return into.essential.length + into.desirable.length > 0 ? into : undefined;
}

/** The essential/desirable table whose header (or first row) is line `index`, in any of the three layouts. */
function unfoldTable(lines: readonly string[], index: number, yesNo: boolean, cueCells: boolean): Unfolded | undefined {
  const line = lines[index] as string;
  const header = cellsOf(line);
  const essentialColumn = header.findIndex((cell) => ESSENTIAL.test(cell));
  const desirableColumn = header.findIndex((cell) => DESIRABLE.test(cell));
  const modalityColumn = header.findIndex((cell) => MODALITY_HEADER.test(cell));
  const yesNoColumn = yesNo ? header.findIndex((cell) => YES_NO_HEADER.test(cell)) : -1;
  if (yesNoColumn >= 0 && essentialColumn < 0) {
    // "| Firebase (Crashlytics) | Basic | Yes |", "| Bluetooth Low Energy | Basic | No |". The
    // header's columns, a leading bar included, so the answer is in the same column; the item is the first cell.
    const table = readRows(lines, index, index + 1, (cells, into) => {
      const answer = cells[yesNoColumn] ?? '';
      const item = cells.find((cell, column) => cell !== '' && column !== yesNoColumn) ?? '';
      if (item === '') return;
      if (/^(?:yes|required|must|mandatory|essential)\b/i.test(answer)) into.essential.push(item);
      else if (/^(?:no|optional|nice|preferred|desirable|bonus|a plus)\b/i.test(answer)) into.desirable.push(item);
    });
    if (table) return table;
  }
  if (essentialColumn >= 0 && desirableColumn >= 0) {
    // A column per modality.
    const table = readRows(lines, index, index + 1, (cells, into) => {
      addCell(into.essential, cells[essentialColumn] ?? '');
      addCell(into.desirable, cells[desirableColumn] ?? '');
    });
    if (table) return table;
  }
  // A column saying, in words, what each row is to the employer ("| dbt | Must have. You've built … |",
  // "| Python | Nice to have |", "| Airflow | We use it; we'll teach you |"): rows it asks for or
  // welcomes are listed; rows it only describes are left out.
  if (cueCells) {
    const table = readRows(lines, index, index + 1, (cells, into) => {
      const item = cells.find((cell) => cell !== '') ?? '';
      const answer = cells.slice(cells.indexOf(item) + 1).find((cell) => cell !== '') ?? '';
      if (MUST_CELL.test(answer)) into.essential.push(item);
      else if (NICE_CELL.test(answer)) into.desirable.push(item);
    });
    if (table) return table;
  }
  // A column saying which each row is: after an "Essential / Desirable" header, or rows ending so.
  const rowModality = (cells: readonly string[]): 'essential' | 'desirable' | undefined => {
    const last = cells.at(-1) ?? '';
    return ESSENTIAL.test(last) ? 'essential' : DESIRABLE.test(last) ? 'desirable' : undefined;
  };
  if (modalityColumn < 0 && rowModality(header) === undefined) return undefined;
  return readRows(lines, index, modalityColumn >= 0 ? index + 1 : index, (cells, into) => {
    const modality = rowModality(cells);
    if (modality === undefined) return false;
    const item = cells.slice(0, -1).filter((cell) => cell !== '').join(' ');
    if (item !== '') into[modality].push(item);
  });
}

/** The text with each essential/desirable table unfolded into two lists; any other text unchanged. Linear. */
export function unfoldCriteriaTables(text: string): string {
  const yesNo = YES_NO_TABLE.test(text);
  const cueCells = (text.match(CUE_CELL_ROW) ?? []).length >= 2;
  if (!yesNo && !cueCells && (!/essential|\bE ?\/ ?D\b/i.test(text) || !/desirable|preferred|\bE ?\/ ?D\b/i.test(text))) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (ALIGNED_HEADER.test(line) && !isTableLine(line)) {
      const aligned = unfoldAligned(lines, index);
      if (aligned) {
        out.push(...aligned.lines);
        index = aligned.next - 1;
        continue;
      }
    }
    if (!isTableLine(line)) {
      out.push(line);
      continue;
    }
    const table = unfoldTable(lines, index, yesNo, cueCells);
    if (table) {
      out.push(...sections(table.essential, table.desirable));
      index = table.next - 1;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
