// proclab's code editor: CodeMirror 6 behind a tiny global API that the Yew page calls through
// wasm-bindgen (see README.md in this folder). Built into www/gen/editor.js by
// scripts/build-editor.sh. Deliberately small: no autocomplete, search or lint (page budget).
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars,
  keymap, lineNumbers,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
// pythonLanguage rather than python(): python() adds completion sources, which would pull
// @codemirror/autocomplete into the bundle.
import { pythonLanguage } from '@codemirror/lang-python';
import { baseLook, look } from './themes.js';
import { errorMark, processMarks, setErrorEffect, setProcessLinesEffect } from './marks.js';

/** Live editors by handle. Handles are small integers so that Rust can keep them as u32. */
const editors = new Map();
let nextHandle = 1;

/** The look the page asks for through the `dark` class on <html>. */
function pageLook() {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

// One observer for all editors: toggling `dark` on <html> re-styles every editor.
let observer = null;
function followPageLook() {
  if (observer) return;
  observer = new MutationObserver(() => {
    const name = pageLook();
    for (const handle of editors.keys()) setTheme(handle, name);
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
}

/** Calls a page callback; a throwing callback (e.g. a dropped wasm closure) must not break editing. */
function callPage(fn, ...args) {
  if (typeof fn !== 'function') return;
  try {
    fn(...args);
  } catch (e) {
    console.error('proclabEditor: page callback failed', e);
  }
}

function entry(handle, what) {
  const ed = editors.get(handle);
  if (!ed) console.warn(`proclabEditor.${what}: no editor with handle`, handle);
  return ed;
}

/**
 * Makes an editor inside `parent` and returns its handle (an integer).
 * options: { onRun(): Ctrl/Cmd-Enter, onChange(text): after every change of the text,
 *            lang: 'python' (default) or 'text', theme: 'light' | 'dark' (default: <html> class) }
 */
function create(parent, initialText, options = {}) {
  const { onRun, onChange, lang = 'python', theme, label } = options || {};
  const handle = nextHandle++;
  const lookSlot = new Compartment();
  const labelSlot = new Compartment();
  const run = () => {
    callPage(onRun);
    return true;
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: String(initialText ?? ''),
      extensions: [
        // Ctrl-Enter and Cmd-Enter run on every platform. Highest precedence: the default keymap
        // binds Mod-Enter to insertBlankLine.
        Prec.highest(keymap.of([
          { key: 'Ctrl-Enter', run },
          { key: 'Meta-Enter', run },
        ])),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        // Python's customary 4-space indent (CodeMirror's default unit is 2 spaces).
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        // Tab indents; Escape then Tab moves focus on (CodeMirror's tab-focus mode).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        lang === 'python' ? pythonLanguage : [],
        processMarks,
        errorMark,
        baseLook,
        lookSlot.of(look(theme || pageLook())),
        EditorView.editorAttributes.of({ 'data-testid': 'editor' }),
        labelSlot.of(nameAttribute(label || (lang === 'python' ? 'Python program' : 'Program text'))),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callPage(onChange, update.state.doc.toString());
        }),
      ],
    }),
  });
  editors.set(handle, { view, lookSlot, labelSlot });
  followPageLook();
  return handle;
}

function getValue(handle) {
  const ed = entry(handle, 'getValue');
  return ed ? ed.view.state.doc.toString() : '';
}

/** Replaces the whole text (undoable); clears the run-time marks, which named the old text's lines. */
function setValue(handle, text) {
  const ed = entry(handle, 'setValue');
  if (!ed) return;
  const { view } = ed;
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: String(text ?? '') },
    selection: { anchor: 0 },
    effects: [setProcessLinesEffect.of([]), setErrorEffect.of(null)],
    scrollIntoView: true,
  });
}

/** Marks the current line of each process: [{ line (1-based), color (CSS), label }]; [] clears. */
function setProcessLines(handle, procs) {
  const ed = entry(handle, 'setProcessLines');
  if (!ed) return;
  ed.view.dispatch({ effects: setProcessLinesEffect.of(Array.from(procs || [])) });
}

/** Marks `line` (1-based) as the error line with `message`; null clears. */
function setErrorLine(handle, line, message) {
  const ed = entry(handle, 'setErrorLine');
  if (!ed) return;
  const value = line == null ? null : { line: Number(line), message: message == null ? '' : String(message) };
  const effects = [setErrorEffect.of(value)];
  const { doc } = ed.view.state;
  if (value && value.line >= 1 && value.line <= doc.lines) {
    effects.push(EditorView.scrollIntoView(doc.line(value.line).from, { y: 'nearest' }));
  }
  ed.view.dispatch({ effects });
}

function setTheme(handle, name) {
  const ed = entry(handle, 'setTheme');
  if (!ed) return;
  ed.view.dispatch({ effects: ed.lookSlot.reconfigure(look(name)) });
}

/** The editor's accessible name (`aria-label` of its text), e.g. after the page's language changed. */
function setLabel(handle, text) {
  const ed = entry(handle, 'setLabel');
  if (!ed) return;
  ed.view.dispatch({ effects: ed.labelSlot.reconfigure(nameAttribute(String(text ?? ''))) });
}

function nameAttribute(text) {
  return EditorView.contentAttributes.of({ 'aria-label': text });
}

function focus(handle) {
  const ed = entry(handle, 'focus');
  if (ed) ed.view.focus();
}

function destroy(handle) {
  const ed = editors.get(handle);
  if (!ed) return;
  editors.delete(handle);
  ed.view.destroy();
}

window.proclabEditor = Object.freeze({
  create, getValue, setValue, setProcessLines, setErrorLine, setTheme, setLabel, focus, destroy,
});

/** For tests: the first live editor on the page, or undefined. */
function firstHandle() {
  return editors.keys().next().value;
}

/** Test helper: sets the text of the first editor on the page (fires onChange). True if there was one. */
window.proclabEditorSetAll = (text) => {
  const handle = firstHandle();
  if (handle === undefined) return false;
  setValue(handle, text);
  return true;
};

/** Test helper: the text of the first editor on the page, or null. */
window.proclabEditorGetAll = () => {
  const handle = firstHandle();
  return handle === undefined ? null : getValue(handle);
};
