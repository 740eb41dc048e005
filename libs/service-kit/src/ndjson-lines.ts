export interface NdjsonLine {
  /** 1-based line number in the upload. */
  line: number;
  text: string;
  /** Set when the line exceeded the size limit; its text is dropped. */
  tooLong?: boolean;
}

/**
 * Splits a streamed upload into lines as it arrives, holding at most one line in memory; blank
 * lines are skipped (but counted, so line numbers match the file).
 */
export async function* ndjsonLines(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<NdjsonLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  const flush = (): NdjsonLine | undefined => {
    line += 1;
    const text = tooLong ? '' : Buffer.concat(pending).toString('utf8').replace(/\r$/, '');
    const result = tooLong ? { line, text, tooLong: true } : text.trim() === '' ? undefined : { line, text };
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    return result;
  };
  for await (const chunk of stream) {
    let buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    let newline = buffer.indexOf(0x0a);
    while (newline !== -1) {
      append(buffer.subarray(0, newline));
      const next = flush();
      if (next) yield next;
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(0x0a);
    }
    append(buffer);
  }
  if (pendingBytes > 0 || tooLong) {
    const next = flush();
    if (next) yield next;
  }

  function append(part: Buffer): void {
    if (tooLong || part.length === 0) return;
    pendingBytes += part.length;
    if (pendingBytes > maxLineBytes) {
      tooLong = true;
      pending = [];
      return;
    }
    pending.push(part);
  }
}
