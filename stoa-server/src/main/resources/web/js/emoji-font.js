// Emoji on machines without an emoji font of their own: the bundled Noto Emoji (emoji.css, in the
// jar, no network beyond this server). Its parts (split by unicode-range) are all loaded at start
// rather than on demand: Debian's Chromium draws a box, and keeps it, for an emoji laid out while
// its part is still loading. About 1 MB once; later visits revalidate it (304).
export function loadEmojiFont() {
  for (const face of document.fonts) {
    if (face.family.replaceAll('"', '').replaceAll("'", '') === 'Noto Emoji') face.load().catch(() => {});
  }
}
