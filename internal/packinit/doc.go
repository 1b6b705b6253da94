// Package packinit turns terms-of-use pages into a rule pack: the facts a
// person would copy by hand from an API's terms into YAML, each with the
// line it came from, and a marked comment for every fact the pages leave
// out. It backs `toslint pack init`.
//
// Extract works in four steps:
//
//  1. Parse each page with docscan's Markdown parser (the document
//     scanner's goldmark configuration; front matter is blanked, so
//     offsets and lines are those of the file) and cut it into sentences
//     under their section headings, tables, and code.
//  2. Read limits from tables (columns told apart by their cells: counts,
//     windows, prose such as "150 requests per 20 seconds") and from prose,
//     with their scope ("per app per tenant").
//  3. Read the licenses, the trademark statement (owner, marks, guidelines
//     link, renamed products), the privacy link and the reservation of
//     rights, and build the notice set from them.
//  4. Read API hosts from links and code samples, and the signals of
//     copied docs (namespaced front-matter keys, include syntax).
//
// WriteYAML renders the result as a pack the rules loader accepts. Values
// are never guessed silently: a guess carries "guessed:", a doubtful value
// "review:", and a field the pages do not fill is a "TODO(review)" comment.
package packinit
