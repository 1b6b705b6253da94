//go:build unix

package cli

import (
	"io/fs"
	"os"
	"syscall"
)

func linkCount(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// canKeepOwner reports whether a rewrite can give the new file the old
// one's owner: root can; anyone else only for their own files.
func canKeepOwner(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return !ok || os.Geteuid() == 0 || int(st.Uid) == os.Geteuid()
}

// keepOwner gives file the owner and group in info.
func keepOwner(file string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := os.Lchown(file, int(st.Uid), int(st.Gid)); err != nil && os.Geteuid() == 0 {
		return err
	} else if err != nil {
		// Without root only the group can change; a new file already has
		// our user, which canKeepOwner checked is the owner.
		return os.Lchown(file, -1, int(st.Gid))
	}
	return nil
}
