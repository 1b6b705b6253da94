// Package attribution defines an Analyzer that finds third-party code and
// content in a Go module that lacks the notice its license requires.
//
// # Analyzer attribution
//
// attribution: report third-party material in Go code without its notice
//
// Code copied into a module keeps its copyright line and license; content
// compiled into a binary with go:embed carries its license's attribution.
// The analyzer reads every Go file of each package directory (test files
// and files of every build constraint included: attribution is syntax
// only) and cross-checks what they state against the module:
//
//   - Own holders: copyright_holders from the configuration when set;
//     otherwise the holders the root LICENSE/COPYING and AUTHORS or
//     CONTRIBUTORS files name, holders sharing a distinctive word with
//     those or with the module path's owner or repository, and the
//     holder on the most Go files outside copied folders (when it shares
//     such a word, or when the LICENSE names no holder).
//   - Notices: the root license files (every text a concatenated LICENSE
//     carries), the notices files (NOTICE, ThirdPartyNotices,
//     THIRD_PARTY_NOTICES, LICENSE-THIRD-PARTY, ATTRIBUTION, CREDITS),
//     REUSE.toml annotations and LICENSES/<id>.txt.
//   - Copied units: a folder with its own LICENSE or COPYING. Its license
//     file is the notice of the holders it names (or of every holder when
//     it names none, as an Apache-2.0 text) when that license's terms make
//     the text kept with source copies the notice: MIT, BSD, ISC, Zlib,
//     Apache-2.0, MPL-2.0, the GPL family. A Creative Commons or
//     unidentified license is not; such a folder must be named in the
//     module's notices.
//
// Rules, one finding per cause:
//
//   - TOS202: a copyright statement (at the start of a comment line, or
//     inside one with (c), © or a year: "Based on work Copyright (c)
//     2013, ...", "Modifications copyright (C) ...", and credits such as
//     "Based on work by ...") names a holder that is neither own nor
//     carried. The finding also names the license text the module lacks
//     for that code.
//   - TOS203: a file states a license (SPDX-License-Identifier, a
//     short-form notice, a REUSE.toml annotation with its precedence) that
//     is not the module's and whose text the module does not carry for it,
//     where no TOS202 already says so.
//   - TOS206: foreign Apache-2.0 code whose header says its work ships a
//     NOTICE file, in a module without one (Apache-2.0 section 4(d)).
//     Elsewhere `toslint notices` gives this as advice.
//   - TOS201: a //go:embed pattern pulls in files under a license that
//     requires attribution (CC-BY, MIT, BSD, Apache...) other than the
//     module's own, with no attribution record (ATTRIBUTION or NOTICE
//     beside the content or at the root) naming the source and the license.
//   - TOS204: a provenance comment ("adapted from", "copied from", "based
//     on the ... code from" a URL) with no author and license in the
//     comment, the file's header or the notices. Stack Overflow posts are
//     CC BY-SA, in a version that depends on the post's date. A comment
//     about a constant, an equation or a table is about facts: quiet.
//   - TOS205 (off by default): a main package's module dependency whose
//     license needs a notice is not named in the notices file. Licenses are
//     read from the module cache only.
//   - TOS001: a file the analyzer could not read or parse.
//
// Files the driver loaded are read through pass.ReadFile. The module-level
// files (license and notices files, REUSE.toml, the headers of every Go
// file for the identity vote) and the Go files the driver did not load
// are outside what pass.ReadFile may read: they are read once per module
// from the file system, and any error is reported as TOS001 rather than
// dropped. A directory the go command does not list (only test files, or
// every file excluded by build constraints) is checked by the package of
// its nearest listed parent directory, or of the module's first listed
// directory. Generated files are skipped unless they name the file they
// copy ("Source: ..."); vendor/, testdata/ and directories starting with
// . or _ are skipped. `toslint notices` prints the entries the notices
// file lacks, and `toslint notices -w` appends them.
package attribution
