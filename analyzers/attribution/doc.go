// Package attribution defines an Analyzer that finds third-party code and
// content in a Go module that lacks the notice its license requires.
//
// # Analyzer attribution
//
// attribution: report third-party material in Go code without its notice
//
// Code copied into a module keeps its copyright line and license; content
// compiled into a binary with go:embed carries its license's attribution.
// The analyzer cross-checks them against the module's own identity (the
// copyright holders of the root LICENSE and of the configuration) and its
// notices file (NOTICE, ThirdPartyNotices, THIRD_PARTY_NOTICES,
// LICENSE-THIRD-PARTY, ATTRIBUTION, CREDITS, with or without extension, or
// a REUSE.toml annotation):
//
//   - TOS202: a comment line that is a copyright statement (Copyright (c),
//     ©, Copyright and a year, or SPDX-FileCopyrightText) names a holder
//     that is neither the module's own nor listed in the notices file.
//     Prose that merely mentions copyright is not a statement.
//   - TOS203: an SPDX-License-Identifier expression or a short-form notice
//     ("Licensed under the MIT License", "governed by a BSD-style license",
//     the Apache-2.0 header) names a license other than the module's whose
//     text is neither in LICENSES/<id>.txt nor in the notices file; foreign
//     Apache-2.0 code also needs a NOTICE file (Apache-2.0 section 4(d)).
//   - TOS201: a //go:embed pattern pulls in files under a license that
//     requires attribution (CC-BY, MIT, BSD, Apache...) other than the
//     module's own, with no attribution record (ATTRIBUTION or NOTICE beside
//     the content or at the root) naming the source and the license.
//   - TOS204: a provenance comment ("adapted from", "copied from", "based
//     on", "taken from" a URL) with no author and license in the comment or
//     the notices file. Stack Overflow posts are CC BY-SA, in a version that
//     depends on the post's date.
//   - TOS205 (off by default): a main package's module dependency whose
//     license needs a notice is not named in the notices file. Licenses are
//     read from the module cache only.
//
// Generated files, vendor/ and testdata/ are skipped. A third_party/<x>/
// directory with its own LICENSE only needs a notices entry naming <x>.
// "The Go Authors" is foreign except in golang.org/x modules. The analyzer
// needs no type information. `toslint notices` prints the entries the
// notices file lacks, and `toslint notices -w` appends them.
package attribution
