//go:build !unix

package testenv

import "testing"

// Unprivileged returns true: only Unix has root privileges to drop.
func Unprivileged(t *testing.T) bool { return true }
