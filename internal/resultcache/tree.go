package resultcache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toslint/toslint/internal/analysisutil"
	"github.com/toslint/toslint/internal/licenseid"
)

// settleTime is how recent a modification time must be for Tree to call
// the tree unsettled: a file changed again within the file system's time
// resolution would look unchanged (the go command's test cache uses the
// same margin).
var settleTime = 2 * time.Second

// Tree fingerprints the files of the module rooted at root that the
// attribution analyzer reads across packages, in every directory it walks
// (not .git and other directories starting with . or _, not testdata or
// vendor, not nested modules): the header of each Go file of the
// directories in pkgDirs (the comments before its first token, which the
// analyzer reads for the module's copyright holder and build
// constraints; the rest of those files is in their package's key), and
// the name, size, mode and modification time of the module's license,
// notices and authors files, REUSE.toml, LICENSES, go.mod and go.sum, and
// of every other Go file.
// settled is false when one of those files changed less than two seconds
// ago; results should then not be stored.
func Tree(root string, pkgDirs map[string]bool) (fp []byte, settled bool, err error) {
	h := sha256.New()
	settled = true
	recent := time.Now().Add(-settleTime)
	buf := make([]byte, maxHead)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && analysisutil.SkipDir(d.Name()) {
				return filepath.SkipDir
			}
			if p != root {
				if _, err := os.Lstat(filepath.Join(p, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			str(h, "d "+p)
			return nil
		}
		dir, name := filepath.Split(p)
		dir = filepath.Clean(dir)
		switch {
		case strings.HasSuffix(name, ".go") && d.Type().IsRegular() && pkgDirs[dir]:
			head, err := readHeader(p, buf)
			if err != nil {
				return err
			}
			str(h, "h "+p)
			writeBytes(h, head)
			return nil
		case strings.HasSuffix(name, ".go"), moduleFile(root, dir, name):
		default:
			return nil // not read across packages: a README, an image
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		stat(h, p, info)
		if info.ModTime().After(recent) {
			settled = false
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("result cache: fingerprinting %s: %w", root, err)
	}
	return h.Sum(nil), settled, nil
}

// maxHead is how much of a Go file the attribution analyzer reads for its
// header.
const maxHead = 32 << 10

// readHeader returns the bytes of a Go file before its first token
// (within its first maxHead bytes): its comments and blank lines.
func readHeader(name string, buf []byte) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	src := buf[:n]
	i := 0
	for i < len(src) {
		switch {
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r':
			i++
		case bytes.HasPrefix(src[i:], []byte("//")):
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return src, nil
			}
			i += j
		case bytes.HasPrefix(src[i:], []byte("/*")):
			j := bytes.Index(src[i+2:], []byte("*/"))
			if j < 0 {
				return src, nil
			}
			i += 2 + j + 2
		default:
			return src[:i], nil
		}
	}
	return src, nil
}

// moduleFile reports whether the attribution analyzer reads the file
// name in dir for the whole module: license, notices and authors files,
// REUSE.toml, the LICENSES folder, and go.mod and go.sum (the
// dependencies whose notices it checks).
func moduleFile(root, dir, name string) bool {
	switch {
	case licenseid.IsLicenseFile(name), licenseid.IsNoticesFile(name), licenseid.IsAuthorsFile(name):
		return true
	case dir == root:
		return name == "REUSE.toml" || name == "go.mod" || name == "go.sum"
	}
	return dir == filepath.Join(root, "LICENSES")
}
