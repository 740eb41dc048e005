/**
 * The form in which place names are compared: accents and case dropped, dots and apostrophes
 * removed ("U.S." → "us"), other punctuation as spaces, and a leading "the" dropped.
 * "São Paulo" → "sao paulo", "The Netherlands" → "netherlands", "Washington, D.C." → "washington dc".
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}
