// Package yamlx decodes YAML configuration strictly, with positions.
//
// It walks the yaml.Node tree itself instead of using yaml's reflection, so
// that every error (unknown key, duplicate key, wrong kind, bad scalar, and
// the semantic errors callers find later) names file:line:col. It supports
// exactly what toslint's files need: structs with `yaml` tags, slices,
// strings, bools, ints, floats, pointers and encoding.TextUnmarshaler
// scalars. Maps are deliberately unsupported: golangci-lint's settings layer
// lowercases map keys and splits them on dots, so toslint's formats use
// lists of objects instead.
package yamlx

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is a positioned error in a YAML file. Line and Col are 1-based; a
// zero Line means the position is unknown (for example an empty file).
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// maxNodes bounds the work done on one document, so that alias expansion
// ("billion laughs") cannot exhaust memory or time.
const maxNodes = 1 << 20

// Doc is a decoded document. It keeps the node of every decoded path so
// that callers can report semantic errors at the right place.
type Doc struct {
	File  string
	nodes map[string]*yaml.Node
	count int
}

// At returns the position of the value at path ("apis[0].hosts[2]"), or of
// the nearest decoded parent when path itself was absent.
func (d *Doc) At(path string) (line, col int) {
	for {
		if n, ok := d.nodes[path]; ok {
			return n.Line, n.Column
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			if n, ok := d.nodes[""]; ok {
				return n.Line, n.Column
			}
			return 0, 0
		}
		path = path[:i]
	}
}

// Errorf returns an *Error positioned at path.
func (d *Doc) Errorf(path, format string, args ...any) *Error {
	line, col := d.At(path)
	return &Error{File: d.File, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Decode parses data (the contents of file) and decodes it into v, which
// must be a non-nil pointer to a struct. An empty document leaves v zero.
func Decode(file string, data []byte, v any) (*Doc, error) {
	d := &Doc{File: file, nodes: map[string]*yaml.Node{}}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		panic("yamlx.Decode: v must be a non-nil pointer to a struct")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return d, nil // empty document
		}
		return d, syntaxError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return d, &Error{File: file, Line: extra.Line, Col: extra.Column, Msg: "more than one YAML document in the file"}
	}
	n := &root
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return d, nil
		}
		n = n.Content[0]
	}
	return d, d.decode(n, rv.Elem(), "")
}

// syntaxError turns the yaml library's error into a positioned *Error.
// The library names a line ("yaml: line N: msg") for most errors, but not
// for those on the first line, nor for bad characters (found by its
// reader) and unknown anchors (found after parsing): those are positioned
// here from the data.
func syntaxError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, col := 0, 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, col = n, 1
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	if line == 0 {
		switch {
		case strings.Contains(msg, "UTF-8") || strings.Contains(msg, "control characters"):
			line, col = badChar(data)
			if line == 0 {
				// No bad byte in the file: a %-escape in a tag decodes
				// to one ("!%80").
				line, col = escapeAt(data)
			}
		case strings.HasPrefix(msg, "unknown anchor '"):
			name, _, _ := strings.Cut(strings.TrimPrefix(msg, "unknown anchor '"), "'")
			line, col = aliasUse(data, name)
		default: // the library leaves the line out when it is the first
			line, col = 1, 1
		}
	}
	return &Error{File: file, Line: line, Col: col, Msg: "invalid YAML: " + msg}
}

// escapeAt returns the position of the first %-escape in data, else of
// the start.
func escapeAt(data []byte) (line, col int) {
	i := bytes.IndexByte(data, '%')
	if i < 0 {
		return 1, 1
	}
	line = 1 + bytes.Count(data[:i], []byte("\n"))
	return line, 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i])
}

// badChar returns the position of the first byte YAML does not allow: an
// invalid UTF-8 sequence or a control character other than tab, line feed
// and carriage return (YAML 1.2, 5.1).
func badChar(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 || !printable(r) {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return 0, 0
}

func printable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return false
	case r >= 0xd800 && r <= 0xdfff || r == 0xfffe || r == 0xffff:
		return false
	}
	return true
}

// aliasUse returns the position of the first alias *name in data (a
// token: after white space or a flow indicator, not followed by a name
// character), else of the first "*name", else of the start.
func aliasUse(data []byte, name string) (line, col int) {
	s := string(data)
	for off := 0; ; {
		i := strings.Index(s[off:], "*"+name)
		if i < 0 {
			if i = strings.Index(s, "*"+name); i < 0 {
				return 1, 1
			}
			return 1 + strings.Count(s[:i], "\n"), 1 + utf8.RuneCountInString(s[strings.LastIndex(s[:i], "\n")+1:i])
		}
		i += off
		end := i + 1 + len(name)
		before := i == 0 || strings.ContainsRune(" \t\n\r[{,:-", rune(s[i-1]))
		after := end == len(s) || strings.ContainsRune(" \t\n\r]},:", rune(s[end]))
		if before && after {
			line = 1 + strings.Count(s[:i], "\n")
			col = 1 + utf8.RuneCountInString(s[strings.LastIndex(s[:i], "\n")+1:i])
			return line, col
		}
		off = i + 1
	}
}

// wholeNumber matches the decimal whole numbers yaml reads as floats when
// they do not fit in an int64.
var wholeNumber = regexp.MustCompile(`^[-+]?[0-9][0-9_]*$`)

func maxInt(bits int) int64 { return 1<<(bits-1) - 1 }

// Has reports whether the document set a value at path (a key that was
// decoded, even to its zero value).
func (d *Doc) Has(path string) bool {
	_, ok := d.nodes[path]
	return ok
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

func (d *Doc) errAt(n *yaml.Node, format string, args ...any) *Error {
	return &Error{File: d.File, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

func (d *Doc) decode(n *yaml.Node, v reflect.Value, path string) error {
	d.count++
	if d.count > maxNodes {
		return d.errAt(n, "document too large or too many aliases")
	}
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return d.errAt(n, "unknown alias")
		}
		n = n.Alias
	}
	d.nodes[path] = n
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		v.SetZero()
		return nil
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decode(n, v.Elem(), path)
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshaler) {
		if n.Kind != yaml.ScalarNode {
			return d.errAt(n, "%s: want a single value, found %s", describe(path), kindName(n))
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			return d.errAt(n, "%s: %v", describe(path), err)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		return d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return d.errAt(n, "%s: want a list, found %s", describe(path), kindName(n))
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if err := d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return d.errAt(n, "%s: want a string, found %s", describe(path), kindName(n))
		}
		v.SetString(n.Value)
		return nil
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return d.errAt(n, "%s: want true or false, found %s", describe(path), valueName(n))
		}
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			return d.errAt(n, "%s: want true or false, found %q", describe(path), n.Value)
		}
		v.SetBool(b)
		return nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!float" && wholeNumber.MatchString(n.Value) {
			// yaml reads digits too many for an int64 as a float.
			return d.errAt(n, "%s: %s is too large (at most %d)", describe(path), n.Value, maxInt(v.Type().Bits()))
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return d.errAt(n, "%s: want a whole number, found %s", describe(path), valueName(n))
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, v.Type().Bits())
		if err != nil {
			word := "too large"
			if strings.HasPrefix(n.Value, "-") {
				word = "too small"
			}
			return d.errAt(n, "%s: %s is %s (at most %d)", describe(path), n.Value, word, maxInt(v.Type().Bits()))
		}
		v.SetInt(i)
		return nil
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			return d.errAt(n, "%s: want a number, found %s", describe(path), valueName(n))
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsNaN(f) {
			return d.errAt(n, "%s: bad number %q", describe(path), n.Value)
		}
		v.SetFloat(f)
		return nil
	}
	panic(fmt.Sprintf("yamlx: unsupported field type %s at %s", v.Type(), path))
}

func (d *Doc) decodeStruct(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.MappingNode {
		return d.errAt(n, "%s: want a mapping of keys to values, found %s", describe(path), kindName(n))
	}
	fields := structFields(v.Type())
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return d.errAt(k, "%s: keys must be plain names", describe(path))
		}
		if prev, dup := seen[k.Value]; dup {
			return d.errAt(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
		}
		seen[k.Value] = k
		idx, ok := fields[k.Value]
		if !ok {
			return d.errAt(k, "unknown key %q%s (known keys: %s)", k.Value, in(path), strings.Join(sortedKeys(v.Type()), ", "))
		}
		child := k.Value
		if path != "" {
			child = path + "." + k.Value
		}
		if err := d.decode(val, v.Field(idx), child); err != nil {
			return err
		}
	}
	return nil
}

func structFields(t reflect.Type) map[string]int {
	m := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = i
	}
	return m
}

func sortedKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		keys = append(keys, name)
	}
	return keys // field order, which is the documented order
}

func describe(path string) string {
	if path == "" {
		return "document"
	}
	return path
}

func in(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unsupported value"
}

func valueName(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return fmt.Sprintf("%q", n.Value)
	}
	return kindName(n)
}

// NewDoc returns a Doc with no positions, for values that did not come from
// a YAML file (such as golangci-lint settings): its errors name only source.
func NewDoc(source string) *Doc {
	return &Doc{File: source, nodes: map[string]*yaml.Node{}}
}
