// Wrapping text for canvas panels. Latin text breaks at spaces; CJK text may break between any two
// characters (and never before closing punctuation). `measure` is the canvas's measureText width.

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
/** Characters that must not start a line (closing punctuation, full stops). */
const NO_LINE_START = /[，。、；：！？）」』】》,.;:!?)\]]/;

/** Splits a paragraph into units that may not be broken further: words (with their space) or CJK characters. */
export function breakUnits(paragraph: string): string[] {
  const units: string[] = [];
  let word = '';
  for (const ch of paragraph) {
    if (CJK.test(ch)) {
      if (word) { units.push(word); word = ''; }
      if (NO_LINE_START.test(ch) && units.length > 0) units[units.length - 1] += ch;
      else units.push(ch);
    } else if (ch === ' ') {
      units.push(word + ' ');
      word = '';
    } else if (NO_LINE_START.test(ch) && word === '' && units.length > 0 && CJK.test(units[units.length - 1]!.slice(-1))) {
      units[units.length - 1] += ch;
    } else {
      word += ch;
    }
  }
  if (word) units.push(word);
  return units;
}

/** Lines no wider than `maxWidth` (a single over-long word gets its own line, cut by characters). */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const unit of breakUnits(paragraph)) {
      const candidate = line + unit;
      if (measure(candidate.trimEnd()) <= maxWidth) { line = candidate; continue; }
      if (line) lines.push(line.trimEnd());
      line = '';
      if (measure(unit.trimEnd()) <= maxWidth) { line = unit; continue; }
      // A word wider than the panel: cut it by characters.
      for (const ch of unit) {
        if (line && measure((line + ch).trimEnd()) > maxWidth) { lines.push(line); line = ''; }
        line += ch;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
