// The REUSE.toml annotation of this file gives it a license whose text
// the module lacks.

package spdxrange
