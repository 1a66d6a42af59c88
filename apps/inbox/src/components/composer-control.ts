/** Lets page-level shortcuts (r, n, /) reach the composer without threading callbacks through props. */
export const composerControl = {
  focus: (_mode: 'reply' | 'note') => {},
  openCanned: () => {},
}
