package load

import "bytes"

// blankFuncBodies overwrites, in place, the inside of every function body
// at the top level of a Go source file (declarations, and function
// literals in package-level initializers) with spaces, keeping newlines,
// so that every position outside the bodies is unchanged. A dependency is
// type-checked with IgnoreFuncBodies, so its bodies are never looked at;
// blanking them first spares the parser most of the file, as gopls does.
//
// The elements of composite literals in package-level var declarations
// (tables, often large) go too: T{...} has the type of T{}, except for an
// array of inferred length ([...]T{...}), which is kept.
//
// It reads tokens with a small scanner of its own (no allocation: this
// runs on every file of every dependency). A file it cannot follow (an
// unterminated string or comment, unbalanced braces) is returned
// unchanged, and the parser reports the error.
func blankFuncBodies(src []byte) []byte {
	type span struct{ start, end int } // offsets of '{' and its '}'
	var spans []span
	var (
		depth     int       // brace depth
		inFunc    bool      // after a top-level "func", before its body
		nest      int       // parens and brackets since "func"
		typeBrace = -1      // brace depth of a struct or interface type in a signature
		bodyStart = -1      // offset of the '{' of the body or literal being blanked
		prev      = tokNone // previous token
		prev2     = tokNone // the one before
		inVar     bool      // in a top-level var declaration
		inferLen  bool      // after "[...]" in the current var initializer
		typeAt0   bool      // the brace open at depth 0 is a struct or interface type's
	)
	s := skimmer{src: src}
	for {
		tok, off := s.next()
		switch tok {
		case tokEOF:
			if s.bad || depth != 0 {
				return src
			}
			for _, sp := range spans {
				for i := sp.start + 1; i < sp.end; i++ {
					if src[i] != '\n' {
						src[i] = ' '
					}
				}
			}
			return src
		case tokFunc:
			// A declaration or a function literal, not a func type
			// (those follow an identifier, "]", "chan" or "*").
			if depth == 0 && !inFunc && (prev == tokNone || prev == tokSemi || prev == tokAssign || prev == tokLParen || prev == tokComma) {
				inFunc, nest = true, 0
				if prev == tokSemi || prev == tokNone {
					inVar = false // a function declaration
				}
			}
		case tokVar:
			if depth == 0 {
				inVar, inferLen = true, false
			}
		case tokKeyword:
			if depth == 0 && (prev == tokSemi || prev == tokNone) {
				inVar = false // const, type or import
			}
		case tokLParen, tokLBrack:
			nest++
		case tokRParen, tokRBrack:
			nest--
			if inFunc && nest < 0 {
				inFunc = false // a func type among parameters: func(func())
			}
			if tok == tokRBrack && prev == tokEllipsis && prev2 == tokLBrack && depth == 0 {
				inferLen = true
			}
		case tokSemi:
			if inFunc && nest == 0 && typeBrace < 0 {
				inFunc = false // a declaration without a body, or a func type
			}
			if depth == 0 {
				inferLen = false
			}
		case tokLBrace:
			switch {
			case inFunc && typeBrace < 0 && nest == 0:
				if prev == tokStruct || prev == tokInterface {
					typeBrace = depth // a type literal in the signature
				} else {
					inFunc, bodyStart = false, off
				}
			case !inFunc && inVar && depth == 0 && prev != tokStruct && prev != tokInterface && !inferLen:
				bodyStart = off // a composite literal's elements
			}
			if depth == 0 {
				typeAt0 = prev == tokStruct || prev == tokInterface
			}
			depth++
		case tokRBrace:
			depth--
			switch {
			case depth < 0:
				return src
			case depth == typeBrace:
				typeBrace = -1
			case depth == 0 && bodyStart >= 0:
				spans = append(spans, span{bodyStart, off})
				bodyStart = -1
			}
			if depth == 0 && !typeAt0 {
				inferLen = false // it applied to the literal that ends here
			}
		}
		prev2, prev = prev, tok
	}
}

// tok is a token class of the skimmer: only what blankFuncBodies needs.
type tok int

const (
	tokNone tok = iota
	tokEOF
	tokFunc
	tokStruct
	tokInterface
	tokLParen
	tokRParen
	tokLBrack
	tokRBrack
	tokLBrace
	tokRBrace
	tokSemi   // ";" or a newline where Go inserts one
	tokAssign // "=" alone
	tokComma
	tokName     // identifier or keyword after which a newline ends the statement
	tokVar      // "var"
	tokKeyword  // any other keyword
	tokEllipsis // "..."
	tokLit      // number, string or rune
	tokIncDec   // "++" or "--"
	tokOp       // any other operator
)

// skimmer splits Go source into token classes, with Go's semicolon
// insertion, without allocating.
type skimmer struct {
	src  []byte
	pos  int
	last tok // last token returned, for semicolon insertion
	bad  bool
}

// next returns the next token and its offset.
func (s *skimmer) next() (tok, int) {
	t, off := s.scan()
	s.last = t
	return t, off
}

func (s *skimmer) scan() (tok, int) {
	src := s.src
	for s.pos < len(src) {
		c := src[s.pos]
		switch {
		case c == '\n':
			s.pos++
			if s.semiAtNewline() {
				return tokSemi, s.pos - 1
			}
		case c == ' ' || c == '\t' || c == '\r':
			s.pos++
		case c == '/' && s.pos+1 < len(src) && src[s.pos+1] == '/':
			for s.pos < len(src) && src[s.pos] != '\n' {
				s.pos++
			}
		case c == '/' && s.pos+1 < len(src) && src[s.pos+1] == '*':
			start := s.pos
			end := indexFrom(src, s.pos+2, "*/")
			if end < 0 {
				s.bad = true
				s.pos = len(src)
				return tokEOF, len(src)
			}
			s.pos = end + 2
			if containsNewline(src[start:s.pos]) && s.semiAtNewline() {
				return tokSemi, start
			}
		default:
			return s.token()
		}
	}
	if s.semiAtNewline() {
		return tokSemi, len(src)
	}
	return tokEOF, len(src)
}

// semiAtNewline reports whether a newline after the last token ends the
// statement (the Go spec's semicolon insertion rule).
func (s *skimmer) semiAtNewline() bool {
	switch s.last {
	case tokName, tokLit, tokRParen, tokRBrack, tokRBrace, tokIncDec:
		s.last = tokSemi
		return true
	}
	return false
}

// token reads the token at s.pos, which is not space or a comment.
func (s *skimmer) token() (tok, int) {
	src, start := s.src, s.pos
	c := src[start]
	switch {
	case isLetter(c):
		for s.pos < len(src) && (isLetter(src[s.pos]) || isDigit(src[s.pos])) {
			s.pos++
		}
		return keyword(src[start:s.pos]), start
	case isDigit(c) || c == '.' && start+1 < len(src) && isDigit(src[start+1]):
		for s.pos < len(src) && (isLetter(src[s.pos]) || isDigit(src[s.pos]) || src[s.pos] == '.' ||
			(src[s.pos] == '+' || src[s.pos] == '-') && (src[s.pos-1]|0x20 == 'e' || src[s.pos-1]|0x20 == 'p')) {
			s.pos++
		}
		return tokLit, start
	case c == '"' || c == '\'':
		s.pos++
		for s.pos < len(src) && src[s.pos] != c {
			if src[s.pos] == '\n' {
				break
			}
			if src[s.pos] == '\\' {
				s.pos++
			}
			s.pos++
		}
		if s.pos >= len(src) || src[s.pos] != c {
			s.bad = true
			return tokEOF, len(src)
		}
		s.pos++
		return tokLit, start
	case c == '`':
		end := indexFrom(src, start+1, "`")
		if end < 0 {
			s.bad = true
			return tokEOF, len(src)
		}
		s.pos = end + 1
		return tokLit, start
	}
	s.pos++
	switch c {
	case '(':
		return tokLParen, start
	case ')':
		return tokRParen, start
	case '[':
		return tokLBrack, start
	case ']':
		return tokRBrack, start
	case '{':
		return tokLBrace, start
	case '}':
		return tokRBrace, start
	case ';':
		return tokSemi, start
	case ',':
		return tokComma, start
	}
	// An operator: the longest run of operator characters that does not
	// start a comment.
	for s.pos < len(src) && isOp(src[s.pos]) && !(src[s.pos] == '/' && s.pos+1 < len(src) && (src[s.pos+1] == '/' || src[s.pos+1] == '*')) {
		s.pos++
	}
	switch op := src[start:s.pos]; string(op) {
	case "=":
		return tokAssign, start
	case "++", "--":
		return tokIncDec, start
	case "...":
		return tokEllipsis, start
	}
	return tokOp, start
}

// keyword classifies an identifier.
func keyword(word []byte) tok {
	switch string(word) {
	case "func":
		return tokFunc
	case "struct":
		return tokStruct
	case "interface":
		return tokInterface
	case "break", "continue", "fallthrough", "return":
		return tokName
	case "var":
		return tokVar
	case "case", "chan", "const", "default", "defer", "else", "for", "go", "goto", "if",
		"import", "map", "package", "range", "select", "switch", "type":
		return tokKeyword
	}
	return tokName
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isOp(c byte) bool {
	switch c {
	case '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '=', '!', ':', '.', '~':
		return true
	}
	return false
}

// indexFrom returns the offset of the first sep in src at or after from,
// or -1.
func indexFrom(src []byte, from int, sep string) int {
	if i := bytes.Index(src[from:], []byte(sep)); i >= 0 {
		return from + i
	}
	return -1
}

func containsNewline(b []byte) bool { return bytes.IndexByte(b, '\n') >= 0 }
