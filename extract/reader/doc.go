// Package reader turns the bytes of one source file into one clean UTF-8
// text, the Document that stance extraction reads and that evidence
// offsets count into.
//
// Read and ReadFile choose a format by content as well as by extension:
// "%PDF-" magic is PDF, a zip archive holding word/document.xml is DOCX,
// "<html" or "<!DOCTYPE html" near the start is HTML, and anything else is
// text ("md" when the extension says so, "txt" otherwise).
//
// # Formats
//
//   - txt and md: decoded as described under Encodings. YAML front matter
//     between "---" lines at the very start is parsed into Document.Meta and
//     removed. Markdown loses its strong-emphasis markers ("**", "__"),
//     single "*" or "_" emphasis around words, leading "#" heading markers
//     and the URL part of [links](url); plain text loses "**" and "__" only.
//   - html: the main content is chosen by a readability algorithm
//     (codeberg.org/readeck/go-readability/v2), so menus, sidebars and
//     footers are dropped. Block elements become paragraphs separated by a
//     blank line and <br> a line break. <title> and <meta name=... content=...>
//     (also property=...) go into Meta under their lower-case names.
//   - docx: word/document.xml is read with archive/zip and encoding/xml:
//     each w:p is a paragraph (separated by a blank line), w:t is text,
//     w:tab a space and w:br a line break. docProps/core.xml gives Meta
//     "title" and "creator". No external program is used.
//   - pdf: text comes from the pdftotext program of Debian's poppler-utils
//     (found on PATH; see README.md for why), in its default reading-order
//     mode, which puts two-column pages in column order. Lines are unwrapped
//     into paragraphs: a line break stays a paragraph break where pdftotext
//     left a blank line, before a list item, and after a line clearly
//     shorter (under 85%) than the document's full lines unless the next
//     line starts in lower case. pdftotext itself joins a word hyphenated
//     at a line end ("cyber-" / "security" gives "cybersecurity").
//
// # Encodings
//
// A byte order mark selects UTF-8, UTF-16LE or UTF-16BE. Text without one
// is read as UTF-8 when it is valid UTF-8, and otherwise as Windows-1252
// with a warning; HTML without a BOM may name its charset in a <meta> tag.
// Options.Encoding forces any WHATWG encoding name ("latin1",
// "iso-8859-1", "windows-1251", "shift_jis", ...). Text that holds NUL or
// other control bytes (anything below 0x20 but tab, LF, CR and form feed,
// and DEL) is ErrBinary.
//
// # Clean-up
//
// Clean-up keeps the text honest: it never rewrites a word inside a
// sentence. In order, it
//
//  1. turns CRLF and CR into LF;
//  2. turns no-break spaces (U+00A0, U+202F, U+2007) and tabs into a space,
//     and removes soft hyphens (U+00AD), zero-width spaces (U+200B), word
//     joiners (U+2060), stray byte order marks (U+FEFF) and other control
//     characters except LF and form feed. Zero-width (non-)joiners U+200C
//     and U+200D are kept: they are part of spelling in Persian, Arabic and
//     Indic scripts;
//  3. normalises to NFC;
//  4. splits pages at form feeds and removes running headers and footers:
//     a short line that opens or closes at least half of the pages (and
//     at least two), compared with its digits ignored;
//  5. removes page-number lines anywhere: a bare number, "Page 3 of 5",
//     "3/5", "- 3 -";
//  6. unwraps PDF lines into paragraphs (PDF only, see above), also over
//     page breaks;
//  7. undoes end-of-line hyphenation: "cyber-" at the end of a line
//     followed by "security" at the start of the next becomes
//     "cybersecurity", or "cyber-security" when that hyphenated form
//     appears elsewhere in the document;
//  8. joins paragraphs that a page break split (txt, md and pdf only:
//     HTML and DOCX mark their paragraphs): a paragraph that ends
//     without sentence-final punctuation (. ! ? : ;) followed by a blank
//     line and a paragraph that starts with a lower-case letter, or with a
//     capital when the first paragraph ends with a function word or article
//     ("and the" / "General Assembly"), become one paragraph joined by a
//     single space;
//  9. trims spaces at line ends, collapses runs of spaces into one and
//     runs of blank lines into one, and trims the text.
//
// Curly quotes, dashes, ligatures and every other character are kept as
// they are.
//
// # Offsets
//
// Document.Text is the text that is stored and shown to users. Evidence
// offsets produced by later stages count into Document.Text, in code
// points; nothing maps them back to the bytes of the source file.
package reader
