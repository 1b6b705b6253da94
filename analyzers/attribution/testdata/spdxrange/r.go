// The REUSE.toml annotation of this file names its copyright holder
// (the module's own) and no license.

package spdxrange
