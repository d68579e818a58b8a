/**
 * `--content <dir>` for every command: the content folder, by default `$OUTPOST_CONTENT_DIR` (the variable
 * `outpost build` hands to Next) or content/. Spread it into `.option(...contentOption)`.
 */
export const contentOption = ['--content <dir>', 'content folder ($OUTPOST_CONTENT_DIR when set)', process.env.OUTPOST_CONTENT_DIR || 'content'] as const;
