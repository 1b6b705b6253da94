//go:build !unix

package cli

import "io/fs"

func linkCount(fs.FileInfo) uint64        { return 1 }
func canKeepOwner(fs.FileInfo) bool       { return true }
func keepOwner(string, fs.FileInfo) error { return nil }
