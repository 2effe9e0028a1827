// Light and dark looks. Each is a theme plus a highlight style; the editor swaps the pair through
// a Compartment, so a theme change re-styles the editor in place without losing undo history.
import { EditorView } from '@codemirror/view';
import { HighlightStyle, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/**
 * Rules shared by both looks: size, font, and the run-time marks. The tints are drawn as
 * background *images* so that they layer over the active-line background instead of fighting it.
 * The page can size the editor with the CSS variable --editor-height.
 */
export const baseLook = EditorView.theme({
  '&': { height: 'var(--editor-height, 340px)', fontSize: '13px', borderRadius: '6px' },
  '.cm-scroller': { fontFamily: MONO, lineHeight: '1.45' },
  '.cm-content': { tabSize: '4' },
  '.cm-line.cm-proc-line': {
    backgroundImage: 'linear-gradient(color-mix(in srgb, var(--proc) 22%, transparent), '
      + 'color-mix(in srgb, var(--proc) 22%, transparent))',
    boxShadow: 'inset 3px 0 0 var(--proc)',
  },
  '.cm-proc-labels': { marginLeft: '1.5em', display: 'inline-flex', gap: '3px', verticalAlign: 'top' },
  '.cm-proc-label': {
    background: 'var(--proc)', color: '#fff', borderRadius: '8px', padding: '0 6px',
    fontSize: '11px', lineHeight: '16px', fontFamily: MONO, textShadow: '0 0 2px rgba(0,0,0,.6)',
    userSelect: 'none',
  },
  '.cm-line.cm-error-line': {
    backgroundImage: 'linear-gradient(rgba(220, 38, 38, .16), rgba(220, 38, 38, .16))',
    boxShadow: 'inset 3px 0 0 #dc2626',
  },
  '.cm-error-message': {
    padding: '1px 8px 2px 1.5em', color: '#b91c1c', fontFamily: 'system-ui, sans-serif', fontSize: '12px',
    backgroundColor: 'rgba(220, 38, 38, .08)', borderLeft: '3px solid #dc2626', whiteSpace: 'pre-wrap',
  },
});

const lightTheme = EditorView.theme({
  '&': { backgroundColor: '#ffffff', color: '#0f172a', border: '1px solid #e2e8f0' },
  '.cm-gutters': { backgroundColor: '#f8fafc', color: '#94a3b8', borderRight: '1px solid #e2e8f0' },
  '.cm-activeLineGutter': { backgroundColor: '#e2e8f0', color: '#0f172a' },
  '.cm-activeLine': { backgroundColor: '#f1f5f9' },
  '&.cm-focused': { outline: '2px solid #93c5fd' },
}, { dark: false });

const darkTheme = EditorView.theme({
  '&': { backgroundColor: '#0b1220', color: '#e2e8f0', border: '1px solid #1e293b' },
  '.cm-content': { caretColor: '#93c5fd' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#93c5fd' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: '#1e3a8a' },
  '.cm-gutters': { backgroundColor: '#0f172a', color: '#64748b', borderRight: '1px solid #1e293b' },
  '.cm-activeLineGutter': { backgroundColor: '#1e293b', color: '#e2e8f0' },
  '.cm-activeLine': { backgroundColor: '#111c33' },
  '&.cm-focused': { outline: '2px solid #1d4ed8' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: '#334155', color: '#f8fafc' },
  '.cm-nonmatchingBracket, &.cm-focused .cm-nonmatchingBracket': { color: '#f87171' },
  '.cm-error-message': { color: '#fca5a5' },
}, { dark: true });

const darkHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: '#c792ea' },
  { tag: [t.string, t.special(t.string)], color: '#c3e88d' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#f78c6c' },
  { tag: [t.comment, t.lineComment], color: '#64748b', fontStyle: 'italic' },
  { tag: [t.function(t.definition(t.variableName)), t.function(t.variableName)], color: '#82aaff' },
  { tag: [t.definition(t.className), t.className], color: '#ffcb6b' },
  { tag: [t.standard(t.variableName), t.self], color: '#f07178' },
  { tag: [t.propertyName, t.function(t.propertyName)], color: '#89ddff' },
  { tag: [t.operator, t.punctuation, t.bracket], color: '#94a3b8' },
  { tag: t.invalid, color: '#f87171' },
]);

/**
 * The extensions of a look: 'dark' or anything else (light). The root's data-theme attribute
 * names the look for page CSS and tests (CodeMirror's own classes are generated names).
 */
export function look(name) {
  return name === 'dark'
    ? [darkTheme, syntaxHighlighting(darkHighlight), EditorView.editorAttributes.of({ 'data-theme': 'dark' })]
    : [lightTheme, syntaxHighlighting(defaultHighlightStyle), EditorView.editorAttributes.of({ 'data-theme': 'light' })];
}
