/**
 * Post-processes a freshly exported site before it is checked and swapped into place.
 * Placeholder: the page-weight work (strip framework JavaScript from pages that need none) lands here.
 */
export async function optimizeOutput(outDir: string): Promise<void> {
  void outDir;
}
