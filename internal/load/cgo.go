package load

import (
	"context"
	"path/filepath"
	"slices"
)

// cgoFiles prepares the analysed packages that use cgo. With cgo on, they
// are type-checked from the files cgo writes (go list -compiled runs it,
// and builds nothing else): those carry //line directives, so every
// position maps back to the user's file. With cgo off, the files that
// import "C" are not part of the build (a package made only of them is
// not even listed): they are listed in res so that the user is told.
func (l *loader) cgoFiles(ctx context.Context, order []*node, env *GoEnv, patterns []string, res *Result) error {
	if env.CGO_ENABLED != "1" {
		// What the same patterns hold with cgo on.
		on, err := goList(ctx, l.cfg.Dir, append(slices.Clip(l.cfg.Env), "CGO_ENABLED=1"), []string{"Dir", "CgoFiles"}, []string{"-find"}, patterns)
		if err != nil {
			return err
		}
		for _, p := range on {
			res.CgoExcluded = append(res.CgoExcluded, abs(p.Dir, p.CgoFiles)...)
		}
		return nil
	}
	var paths []string
	for _, n := range order {
		if n.how == analysed && len(n.lp.CgoFiles) > 0 {
			paths = append(paths, n.lp.ImportPath)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	fields := []string{"ImportPath", "CompiledGoFiles", "Imports", "ImportMap", "Error"}
	listed, err := goList(ctx, l.cfg.Dir, l.cfg.Env, fields, []string{"-compiled"}, paths)
	if err != nil {
		return err
	}
	for _, c := range listed {
		n := l.nodes[c.ImportPath]
		if n == nil {
			continue
		}
		if c.Error != nil && n.lp.Error == nil {
			n.lp.Error = c.Error
		}
		var files []string
		for _, f := range abs(n.lp.Dir, c.CompiledGoFiles) {
			// go list also puts C and assembly files there; cgo's
			// outputs have no extension.
			if ext := filepath.Ext(f); ext == ".go" || ext == "" {
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			continue // the error says why
		}
		n.files = files
		n.lp.Imports = c.Imports // with what cgo's files import
		for k, v := range c.ImportMap {
			if n.lp.ImportMap == nil {
				n.lp.ImportMap = map[string]string{}
			}
			n.lp.ImportMap[k] = v
		}
	}
	return nil
}
