// Comparing a program's output with CPython's under a declared mode: a port of the comparison in
// scripts/golden.py (itself the semantics of crates/sim/src/compare.rs), so that the browser's
// output is judged exactly as the simulation host's is by the Rust golden test.
//
// Every mode first drops traceback frames of files other than the program (CPython's library
// internals differ by design), CPython 3.11's `^~~~` marker lines and directory parts of paths.
// Then: exact (identical text), lines (same lines, any order), normalized (in order, after the
// masks), multiset-normalized (masked, any order), multiset-digits (every number masked, any
// order), superset (every expected masked line present), prefix-N / suffix-N (first / last N).
//
// JS regexes have the look-behind these masks need, so they are Python's patterns verbatim.

/** Python's `re.sub` masks, in order: what varies between runs. */
const MASKS = [
  [/File "[^"]*\/([^"/]+)"/g, 'File "$1"'],
  [/0x[0-9a-fA-F]+/g, '<ADDR>'],
  [/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?/g, '<DATETIME>'],
  [/\d{4}-\d{2}-\d{2}/g, '<DATE>'],
  [/(?<!\d)\d{1,2}:\d{2}:\d{2}(?!\d)/g, '<TIME>'],
  [/(?<![\d.])\d+\.\d+(?![\d.])/g, '<FLOAT>'],
  [/(?<!\d)\d{3,}(?!\d)/g, '<INT>'],
];
const FRAME = /^\s*File "([^"]*)", line \d+/;
const CARETS = /^\s*[\^~]+\s*$/;

/** Python's `str.splitlines()`: every line boundary Python knows, no trailing empty line. */
export function splitlines(text) {
  const parts = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const basename = (p) => p.split('/').pop();

export function normalize(text) {
  for (const [rx, rep] of MASKS) text = text.replace(rx, rep);
  return text;
}

/** Drops traceback frames of other files (and their source line), ^~~ lines and directories. */
export function ownFramesOnly(text, program) {
  const own = basename(program);
  const kept = [];
  const lines = splitlines(text);
  let i = 0;
  while (i < lines.length) {
    const m = FRAME.exec(lines[i]);
    if (m && basename(m[1]) !== own) {
      i += 1;
      if (i < lines.length && lines[i].startsWith('    ') && !FRAME.test(lines[i])) i += 1;
      continue;
    }
    const line = m ? lines[i].replace(MASKS[0][0], MASKS[0][1]) : lines[i];
    if (!CARETS.test(line)) kept.push(line);
    i += 1;
  }
  return kept.join('\n') + (text.endsWith('\n') ? '\n' : '');
}

/** The header's `# mode:` (default exact) and `# args:`; only the leading comment lines count. */
export function header(source) {
  let mode = 'exact';
  let args = [];
  for (const line of splitlines(source)) {
    const s = line.trim();
    if (!s) continue;
    if (!s.startsWith('#')) break;
    const body = s.replace(/^#+/, '').trim();
    const m = /^(?:corpus-)?mode:\s*(\S+)/.exec(body);
    if (m) mode = m[1];
    else if (body.startsWith('args:')) args = body.slice(5).split(/\s+/).filter(Boolean);
  }
  return { mode, args };
}

/** Sorted like Python's `sorted` of str (by code point, not by UTF-16 unit). */
const sorted = (xs) => [...xs].sort((a, b) => {
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
});

const repr = (s) => JSON.stringify(s);

/** null when `actual` matches `expected` under `mode`, else a description of the first difference. */
export function differs(expected, actual, program, mode) {
  const e = ownFramesOnly(expected, program);
  const a = ownFramesOnly(actual, program);
  let x, y;
  if (mode === 'exact') {
    if (e === a) return null;
    [x, y] = [splitlines(e), splitlines(a)];
  } else if (mode === 'lines') {
    [x, y] = [sorted(splitlines(e)), sorted(splitlines(a))];
  } else if (mode === 'normalized') {
    [x, y] = [splitlines(normalize(e)), splitlines(normalize(a))];
  } else if (mode === 'multiset-normalized') {
    [x, y] = [sorted(splitlines(normalize(e))), sorted(splitlines(normalize(a)))];
  } else if (mode === 'multiset-digits') {
    x = sorted(splitlines(normalize(e).replace(/\d+/g, '<N>')));
    y = sorted(splitlines(normalize(a).replace(/\d+/g, '<N>')));
  } else if (mode === 'superset') {
    const have = splitlines(normalize(a));
    for (const line of splitlines(normalize(e))) {
      const at = have.indexOf(line);
      if (at < 0) return `missing line ${repr(line)}`;
      have.splice(at, 1);
    }
    return null;
  } else if (/^(prefix|suffix)-\d+$/.test(mode)) {
    const n = Number(mode.split('-')[1]);
    [x, y] = [splitlines(normalize(e)), splitlines(normalize(a))];
    if (mode.startsWith('prefix')) [x, y] = [x.slice(0, n), y.slice(0, n)];
    else [x, y] = [x.slice(-n), y.slice(-n)]; // x[-0:] is all of x in Python too
  } else {
    return `unknown mode ${repr(mode)}`;
  }
  const same = x.length === y.length && x.every((l, i) => l === y[i]);
  if (same && mode !== 'exact') return null;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: expected ${repr(x[i])}, got ${repr(y[i])}`;
  }
  if (x.length === y.length) return 'the same lines, but the text differs (line endings?)';
  return `expected ${x.length} lines, got ${y.length}`;
}
