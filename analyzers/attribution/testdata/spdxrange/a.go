// SPDX-License-Identifier: MPL-2.0   

// Package spdxrange holds a file that names a license the module carries
// no text of.
package spdxrange
