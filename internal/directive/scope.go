package directive

import (
	"go/ast"
	"go/token"
	"strings"
)

// GoFile parses the directives in a Go file and sets their scopes. name is
// the file name findings will carry. Malformed directives are added to set
// as problems; the parsed ones are added to set and returned.
func GoFile(set *Set, fset *token.FileSet, f *ast.File, name string) []*Directive {
	var found []*ast.Comment
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if len(c.Text) > 3 && c.Text[2] != '*' && strings.Contains(c.Text, "toslint") {
				found = append(found, c)
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	// For each line: the smallest column a node starts at, and the last
	// line of any node starting there.
	firstCol := map[int]int{}
	lastLine := map[int]int{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.File, *ast.Comment, *ast.CommentGroup:
			return n != nil
		}
		start, end := fset.Position(n.Pos()), fset.Position(n.End())
		if c, ok := firstCol[start.Line]; !ok || start.Column < c {
			firstCol[start.Line] = start.Column
		}
		if end.Line > lastLine[start.Line] {
			lastLine[start.Line] = end.Line
		}
		return true
	})
	var out []*Directive
	for _, c := range found {
		pos := fset.Position(c.Pos())
		d, prob, ok := ParseGo(c.Text)
		if !ok {
			continue
		}
		if prob != "" {
			set.AddProblem(name, pos.Line, pos.Column, prob)
			continue
		}
		d.File, d.Line, d.Col = name, pos.Line, pos.Column
		switch {
		case d.Kind == FileIgnore:
			d.From, d.To = 1, 0
		case firstCol[pos.Line] != 0 && firstCol[pos.Line] < pos.Column:
			d.From, d.To = pos.Line, pos.Line // trailing: this line
		default:
			next := pos.Line + 1
			d.From, d.To = pos.Line, max(next, lastLine[next])
		}
		out = append(out, d)
	}
	set.Add(out...)
	return out
}

// MarkdownComment is an HTML comment found in a Markdown file.
type MarkdownComment struct {
	Inner     string // text between <!-- and -->
	Line, Col int    // where the comment starts
	EndLine   int    // line of the closing -->
}

// MarkdownFile parses the directives among a Markdown file's HTML comments
// (in document order) and sets their scopes. Problems and directives are
// added to set.
func MarkdownFile(set *Set, name string, comments []MarkdownComment) []*Directive {
	var out []*Directive
	for _, c := range comments {
		d, prob, ok := ParseMarkdown(c.Inner)
		if !ok {
			continue
		}
		if prob != "" {
			set.AddProblem(name, c.Line, c.Col, prob)
			continue
		}
		d.File, d.Line, d.Col = name, c.Line, c.Col
		switch d.Kind {
		case DisableNextLine:
			d.From, d.To = c.EndLine+1, c.EndLine+1
		case Disable:
			d.From, d.To = c.Line, 0
		case Enable:
			d.From, d.To = c.Line, c.Line
			closeDisables(out, d)
		}
		out = append(out, d)
	}
	set.Add(out...)
	return out
}

// closeDisables ends the open disables that enable e names (all of them
// when e names no rule). A disable whose rules are only partly re-enabled
// ends too: directives cover whole rule lists.
func closeDisables(prev []*Directive, e *Directive) {
	for _, d := range prev {
		if d.Kind != Disable || d.To != 0 {
			continue
		}
		if len(e.Rules) == 0 || overlaps(d.Rules, e.Rules) {
			d.To = e.Line
		}
	}
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
