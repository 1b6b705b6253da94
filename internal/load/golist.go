package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// listed is one package as `go list -json` describes it: the fields the
// loader plans with.
type listed struct {
	Dir             string
	ImportPath      string
	Name            string
	Export          string
	Goroot          bool
	Standard        bool
	DepOnly         bool
	GoFiles         []string
	CgoFiles        []string
	CompiledGoFiles []string
	IgnoredGoFiles  []string
	InvalidGoFiles  []string
	CFiles          []string
	CXXFiles        []string
	MFiles          []string
	HFiles          []string
	FFiles          []string
	SFiles          []string
	SwigFiles       []string
	SwigCXXFiles    []string
	SysoFiles       []string
	IgnoredOther    []string `json:"IgnoredOtherFiles"`
	EmbedFiles      []string
	EmbedPatterns   []string
	Imports         []string
	ImportMap       map[string]string
	Module          *packages.Module
	Error           *listError
}

// listError is go list's PackageError.
type listError struct {
	ImportStack []string
	Pos         string
	Err         string
}

// planFields are the fields of the planning `go list`. With -n -export
// the go command looks in the build cache without building anything, and
// Export names the export data it holds.
var planFields = []string{
	"Dir", "ImportPath", "Name", "Goroot", "Standard", "DepOnly", "Export",
	"GoFiles", "CgoFiles", "IgnoredGoFiles", "InvalidGoFiles",
	"CFiles", "CXXFiles", "MFiles", "HFiles", "FFiles", "SFiles", "SwigFiles", "SwigCXXFiles", "SysoFiles",
	"IgnoredOtherFiles", "EmbedFiles", "EmbedPatterns",
	"Imports", "ImportMap", "Module", "Error",
}

// goList runs `go list -e -json=fields flags -- patterns` in dir and
// decodes its output, one package a value, dependencies first when
// -deps is among the flags.
func goList(ctx context.Context, dir string, env []string, fields, flags, patterns []string) ([]*listed, error) {
	args := []string{"list", "-e", "-json=" + strings.Join(fields, ","), "-pgo=off", "-buildvcs=false"}
	args = append(args, flags...)
	args = append(args, "--")
	args = append(args, patterns...)
	out, err := runGo(ctx, dir, env, args...)
	if err != nil {
		return nil, err
	}
	var pkgs []*listed
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		p := new(listed)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decoding go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// runGo runs the go command and returns its standard output. A failure
// carries the command's standard error.
func runGo(ctx context.Context, dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	// The go command trusts $PWD when it names the same directory: set
	// it, or paths come back through whatever link the caller's $PWD took.
	cmd.Env = append(slices.Clip(env), "PWD="+dir)
	var stdout bytes.Buffer
	stderr := &tail{max: 16 << 10} // -n prints every command it would run
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go %s: %s", args[0], msg)
	}
	return stdout.Bytes(), nil
}

// tail keeps the last max bytes written to it.
type tail struct {
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > 2*t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	if len(t.buf) > t.max {
		return string(t.buf[len(t.buf)-t.max:])
	}
	return string(t.buf)
}

// GoEnv is what the loader, and the result cache built on its plan, need
// from `go env`.
type GoEnv struct {
	GOOS, GOARCH, CGO_ENABLED string
	GOVERSION, GOROOT         string
	GOFLAGS, GOEXPERIMENT     string
	GOCACHE, GOMODCACHE       string
}

func readGoEnv(ctx context.Context, dir string, env []string) (*GoEnv, error) {
	out, err := runGo(ctx, dir, env, "env", "-json", "GOOS", "GOARCH", "CGO_ENABLED", "GOVERSION", "GOROOT",
		"GOFLAGS", "GOEXPERIMENT", "GOCACHE", "GOMODCACHE")
	if err != nil {
		return nil, err
	}
	var e GoEnv
	if err := json.Unmarshal(out, &e); err != nil {
		return nil, fmt.Errorf("decoding go env output: %w", err)
	}
	return &e, nil
}

// abs joins each list's names to dir.
func abs(dir string, lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, name := range l {
			if !filepath.IsAbs(name) {
				name = filepath.Join(dir, name)
			}
			out = append(out, name)
		}
	}
	return out
}

// otherFiles are the non-Go files of the package, as go/packages lists
// them in OtherFiles.
func (p *listed) otherFiles() []string {
	return abs(p.Dir, p.CFiles, p.CXXFiles, p.MFiles, p.HFiles, p.FFiles, p.SFiles, p.SwigFiles, p.SwigCXXFiles, p.SysoFiles)
}

// importPath resolves an import path as written in p's source (vendoring).
func (p *listed) importPath(path string) string {
	if id, ok := p.ImportMap[path]; ok {
		return id
	}
	return path
}
