package attribution

import (
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/toslint/toslint/internal/licenseid"
)

// checkDependencies reports, for a main package, the module dependencies
// whose license needs a notice and that the notices file does not name
// (TOS205). Licenses are read from the module cache only.
func (p *pass) checkDependencies() {
	if p.a.Pkg == nil || p.a.Pkg.Name() != "main" {
		return
	}
	data, err := readLimited(filepath.Join(p.mod.root, "go.mod"), maxNoticeSize)
	if err != nil {
		p.problem(filepath.Join(p.mod.root, "go.mod"), err)
		return
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		return
	}
	imported := map[string]bool{}
	var visit func(pkg *types.Package)
	visit = func(pkg *types.Package) {
		for _, imp := range pkg.Imports() {
			if !imported[imp.Path()] {
				imported[imp.Path()] = true
				visit(imp)
			}
		}
	}
	visit(p.a.Pkg)
	cache := modCache()
	var reported []string
	for _, req := range mf.Require {
		used := false
		for path := range imported {
			if path == req.Mod.Path || strings.HasPrefix(path, req.Mod.Path+"/") {
				used = true
				break
			}
		}
		if !used || cache == "" {
			continue
		}
		escPath, err1 := module.EscapePath(req.Mod.Path)
		escVer, err2 := module.EscapeVersion(req.Mod.Version)
		if err1 != nil || err2 != nil {
			continue
		}
		dir := filepath.Join(cache, escPath+"@"+escVer)
		id := ""
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !e.IsDir() && licenseid.IsLicenseFile(e.Name()) {
				data, _ := readLimited(filepath.Join(dir, e.Name()), maxNoticeSize) // the module cache: nothing to report
				id = licenseid.Identify(data)
				break
			}
		}
		if id == "" || !needsAttribution(id) || p.mod.mentions(req.Mod.Path) || slices.Contains(reported, req.Mod.Path) {
			continue
		}
		reported = append(reported, req.Mod.Path)
		p.entry(Entry{Holder: req.Mod.Path, License: id, Rule: "TOS205", Source: "https://pkg.go.dev/" + req.Mod.Path + "@" + req.Mod.Version})
		p.rep.Report("TOS205", rng{p.anchor, p.anchor + token.Pos(len("package"))}, nil,
			"this command ships %s (%s), whose license needs a notice, but the notices file does not name it", req.Mod.Path, id)
	}
}

// modCache returns the module cache directory, without running go.
func modCache() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		gopath = filepath.Join(home, "go")
	}
	return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
}
