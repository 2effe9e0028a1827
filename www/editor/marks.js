// Run-time marks drawn over the program: where each process is now, and the error line.
//
// Both are StateFields of decorations that the page replaces wholesale through a StateEffect
// (the page knows the full set at each tick; diffing it here would only add code). Between two
// updates the marks are mapped through document edits so that they stay on their line while
// the user types.
import { StateEffect, StateField, RangeSetBuilder } from '@codemirror/state';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';

/** @typedef {{ line: number, color: string, label: string }} ProcessLine */

/** Replaces the process marks: an array of ProcessLine (1-based lines); [] clears. */
export const setProcessLinesEffect = StateEffect.define();
/** Replaces the error mark: { line, message } or null. */
export const setErrorEffect = StateEffect.define();

/** The small coloured pills at the end of a line, one per process standing on it. */
class ProcessLabels extends WidgetType {
  constructor(procs) {
    super();
    this.procs = procs;
  }

  eq(other) {
    return other.procs.length === this.procs.length
      && other.procs.every((p, i) => p.color === this.procs[i].color && p.label === this.procs[i].label);
  }

  toDOM() {
    const box = document.createElement('span');
    box.className = 'cm-proc-labels';
    box.setAttribute('aria-hidden', 'true');
    for (const p of this.procs) {
      const pill = document.createElement('span');
      pill.className = 'cm-proc-label';
      pill.style.setProperty('--proc', p.color);
      pill.textContent = p.label;
      box.appendChild(pill);
    }
    return box;
  }

  ignoreEvent() {
    return false;
  }
}

/** The error message, shown as a block under the error line so that a long one is never cut off. */
class ErrorMessage extends WidgetType {
  constructor(message) {
    super();
    this.message = message;
  }

  eq(other) {
    return other.message === this.message;
  }

  toDOM() {
    const el = document.createElement('div');
    el.className = 'cm-error-message';
    el.setAttribute('role', 'alert');
    el.textContent = this.message;
    return el;
  }

  ignoreEvent() {
    return false;
  }
}

/** Line `n` (1-based) of `doc`, or null when the page names a line the text does not have. */
function lineOf(doc, n) {
  return Number.isInteger(n) && n >= 1 && n <= doc.lines ? doc.line(n) : null;
}

function buildProcessMarks(doc, procs) {
  // Group by line: several processes often run the same line (Pool workers, forked children).
  const byLine = new Map();
  for (const p of procs || []) {
    const line = lineOf(doc, p && p.line);
    if (!line) continue;
    if (!byLine.has(line.number)) byLine.set(line.number, { line, procs: [] });
    byLine.get(line.number).procs.push({ color: String(p.color || '#888'), label: String(p.label ?? '') });
  }
  const builder = new RangeSetBuilder();
  for (const n of [...byLine.keys()].sort((a, b) => a - b)) {
    const { line, procs: here } = byLine.get(n);
    // The line takes the first process's colour; the pills name every process on it.
    builder.add(line.from, line.from, Decoration.line({
      class: 'cm-proc-line',
      attributes: { style: `--proc: ${here[0].color}`, 'data-procs': String(here.length) },
    }));
    builder.add(line.to, line.to, Decoration.widget({ widget: new ProcessLabels(here), side: 1 }));
  }
  return builder.finish();
}

function buildErrorMark(doc, value) {
  const line = value && lineOf(doc, value.line);
  if (!line) return Decoration.none;
  const builder = new RangeSetBuilder();
  builder.add(line.from, line.from, Decoration.line({ class: 'cm-error-line' }));
  if (value.message) {
    builder.add(line.to, line.to, Decoration.widget({ widget: new ErrorMessage(String(value.message)), block: true, side: 1 }));
  }
  return builder.finish();
}

function markField(effect, build) {
  return StateField.define({
    create: () => Decoration.none,
    update(marks, tr) {
      let next = marks.map(tr.changes);
      for (const e of tr.effects) {
        if (e.is(effect)) next = build(tr.state.doc, e.value);
      }
      return next;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}

export const processMarks = markField(setProcessLinesEffect, buildProcessMarks);
export const errorMark = markField(setErrorEffect, buildErrorMark);
