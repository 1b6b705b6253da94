package docscan

import (
	"context"
	"fmt"
	"go/token"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/toslint/toslint/internal/directive"
	"github.com/toslint/toslint/internal/report"
)

// maxJobsPerCPU caps the workers: past a few per CPU more of them only
// hold more documents in memory at once (-j 1000000 on a one-file
// repository used to take 2.7 GB).
const maxJobsPerCPU = 4

// workers returns the number of workers for n files.
func workers(jobs, n int) int {
	procs := runtime.GOMAXPROCS(0)
	if jobs <= 0 {
		jobs = procs
	}
	return max(1, min(jobs, maxJobsPerCPU*procs, n))
}

// readAll reads and checks the files in parallel. It returns true when ctx
// ended first.
func (s *scan) readAll(ctx context.Context, files []file) (incomplete bool) {
	work := make(chan file)
	done := make(chan struct{})
	for range workers(s.opts.Jobs, len(files)) {
		go func() {
			var ch *checker
			defer func() {
				ch.stop()
				done <- struct{}{}
			}()
			for f := range work {
				if ctx.Err() == nil {
					ch = s.readOne(ctx, f, ch)
				}
			}
		}()
	}
	n := workers(s.opts.Jobs, len(files))
feed:
	for _, f := range files {
		select {
		case work <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	for range n {
		<-done
	}
	slices.SortFunc(s.docs, func(a, b *Document) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.plainNotice, func(a, b plainText) int { return strings.Compare(a.rel, b.rel) })
	return ctx.Err() != nil
}

// docTimeout is the watchdog's budget for a document of size bytes: the
// configured timeout, once per started MB (a 50 MB page gets 50 times
// it). The shapes that stall the parser are small: what the watchdog is
// for stays caught, and a large page on a busy machine is not.
func docTimeout(per time.Duration, size int) time.Duration {
	return per * time.Duration(max(1, (size+(1<<20)-1)>>20))
}

// testHook, when set (by tests only), runs first thing in checkDocument,
// in the goroutine the watchdog and recover guard.
var testHook func(ctx context.Context, name string)

// checked is what checking one document yields besides its findings.
// The page rules record what the repository rules need (marks used,
// attribution statements, declared licenses) as they go.
type checked struct {
	doc      *Document
	limit    *limitError
	panicked string // the panic and the first frames of its stack
}

// checker is the goroutine that checks a worker's documents while the
// worker keeps the watchdog. It lives as long as the worker (its stack,
// grown by goldmark's recursion, is reused) unless a document stalls it:
// then the worker starts another and the stalled one ends when it can.
type checker struct {
	jobs chan checkJob
}

type checkJob struct {
	ctx    context.Context
	name   string
	f      file
	data   []byte
	result chan<- checked
}

func (s *scan) newChecker() *checker {
	ch := &checker{jobs: make(chan checkJob, 1)}
	go func() {
		for j := range ch.jobs {
			j.result <- s.checkRecovered(j)
		}
	}()
	return ch
}

func (ch *checker) stop() {
	if ch != nil {
		close(ch.jobs)
	}
}

// checkRecovered checks a document; a panic becomes its report.
func (s *scan) checkRecovered(j checkJob) (c checked) {
	defer func() {
		if r := recover(); r != nil {
			c = checked{panicked: panicReport(r, debug.Stack())}
		}
	}()
	return s.checkDocument(j.ctx, j.name, j.f, j.data)
}

// readOne reads and checks one file with the worker's checker, and returns
// the checker to use next (a new one when this one stalled).
func (s *scan) readOne(ctx context.Context, f file, ch *checker) *checker {
	data, ok := s.read(f)
	if !ok {
		return ch
	}
	name := s.abs(f.rel)
	topLevel := !strings.Contains(f.rel, "/")
	if !f.markdown {
		s.mu.Lock()
		s.scanned++
		if f.notice && topLevel {
			s.plainNotice = append(s.plainNotice, plainText{rel: f.rel, text: string(data)})
		}
		s.mu.Unlock()
		return ch
	}
	// The watchdog: the document is checked by the checker goroutine,
	// which this worker stops waiting for when the document takes longer
	// than the limit or the run is cancelled. goldmark cannot be stopped
	// from outside; checkLimits keeps it from the shapes known to stall
	// it, and the rest of the work checks dctx between steps.
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var buf []report.Finding
	s.mu.Lock()
	s.inFlight[name] = &buf
	s.mu.Unlock()
	if ch == nil {
		ch = s.newChecker()
	}
	result := make(chan checked, 1)
	ch.jobs <- checkJob{ctx: dctx, name: name, f: f, data: data, result: result}
	timeout := docTimeout(s.limits.DocumentTimeout, len(data))
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var c checked
	select {
	case c = <-result:
	case <-timer.C:
		s.abandon(name, fmt.Sprintf("not scanned: took longer than %s (raise document_timeout in .toslint.yml, %d seconds for a document or each MB of it, to give it more time)",
			timeout, int(s.limits.DocumentTimeout.Seconds())), 0, false)
		ch.stop()
		return nil
	case <-ctx.Done():
		s.abandon(name, "", 0, false)
		ch.stop()
		return nil
	}
	switch {
	case c.panicked != "":
		s.abandon(name, "not scanned: toslint failed on this file, please report it ("+c.panicked+")", 0, true)
		return ch
	case c.limit != nil:
		s.abandon(name, "not scanned: "+c.limit.Error(), c.limit.line, false)
		return ch
	case c.doc == nil: // cancelled between steps
		s.abandon(name, "", 0, false)
		return ch
	}
	if s.opts.Directives != nil {
		directive.MarkdownFile(s.opts.Directives, name, c.doc.Comments)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inFlight, name)
	s.findings = append(s.findings, buf...)
	s.scanned++
	if f.notice && topLevel {
		s.docs = append(s.docs, c.doc)
	}
	return ch
}

// checkDocument parses and checks one Markdown file. Its findings go to
// the document's buffer (see add); the rest comes back for readOne to
// merge. It returns a zero checked when ctx ends.
func (s *scan) checkDocument(ctx context.Context, name string, f file, data []byte) checked {
	if testHook != nil {
		testHook(ctx, name)
	}
	keys := s.pol.ProseKeys()
	if keys == nil {
		keys = DefaultProseKeys
	}
	topLevel := !strings.Contains(f.rel, "/")
	// The rules that read runs see the document, or each piece of a large
	// one (see parseOptions.piece).
	piece := func(p *Document) {
		if ctx.Err() == nil {
			s.checkRuns(p, f.rel)
		}
	}
	// One file set a document: memory stays flat.
	doc, err := parseMarkdown(ctx, token.NewFileSet(), name, data, parseOptions{proseKeys: keys, prose: f.notice && topLevel, limits: &s.limits, piece: piece})
	if le, ok := err.(*limitError); ok {
		return checked{limit: le}
	}
	if err != nil || ctx.Err() != nil {
		return checked{}
	}
	if fm := doc.FrontMatter; fm != nil && fm.Err != "" {
		s.add(report.Finding{Rule: "TOS002", Pos: doc.Position(fm.ErrOffset),
			Message: "front matter is not valid YAML (" + fm.Err + "); its keys were not read, the body was scanned"})
	}
	// A page parsed in pieces is judged on its front matter, links and the
	// runs of its first piece.
	s.checkDoc(doc, f.rel)
	return checked{doc: doc}
}

// abandon gives up a document: its findings so far are dropped, later
// ones too (the goroutine checking it may still run), and msg, when set,
// becomes its TOS001 finding at line (0: the file).
func (s *scan) abandon(name, msg string, line int, internal bool) {
	s.mu.Lock()
	delete(s.inFlight, name)
	s.abandoned[name] = true
	if internal {
		s.internalErrors++
	}
	s.mu.Unlock()
	if msg == "" {
		return
	}
	f := report.Finding{Rule: "TOS001", Pos: token.Position{Filename: name, Line: line}, Message: msg}
	if line > 0 {
		f.Pos.Column = 1
	}
	if !s.pol.Enabled(f.Rule) {
		return
	}
	f.Severity = s.pol.Severity(f.Rule)
	s.mu.Lock()
	s.findings = append(s.findings, f)
	s.mu.Unlock()
}

// panicReport renders a recovered panic and the first frames of its stack
// below the panic itself: "panic: boom at docscan.(*Document).walk
// (markdown.go:120) < docscan.parseMarkdown (markdown.go:140)".
func panicReport(r any, stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	// The frames are pairs of lines: "pkg.fn(args)" and "\tfile:line +0x..".
	var frames []string
	seenPanic := false
	for i := 0; i+1 < len(lines) && len(frames) < 3; i++ {
		fn := lines[i]
		if !strings.HasPrefix(lines[i+1], "\t") || strings.HasPrefix(fn, "\t") || strings.HasPrefix(fn, "goroutine ") {
			continue
		}
		if strings.HasPrefix(fn, "panic(") {
			seenPanic = true
			continue
		}
		if !seenPanic || strings.HasPrefix(fn, "runtime.") {
			continue
		}
		if j := strings.LastIndexByte(fn, '('); j > 0 {
			fn = fn[:j]
		}
		fn = fn[strings.LastIndexByte(fn, '/')+1:]
		loc := strings.TrimSpace(lines[i+1])
		if j := strings.LastIndexByte(loc, ' '); j > 0 {
			loc = loc[:j]
		}
		loc = loc[strings.LastIndexByte(loc, '/')+1:]
		frames = append(frames, fn+" ("+loc+")")
	}
	msg := fmt.Sprintf("panic: %v", r)
	if len(frames) > 0 {
		msg += " at " + strings.Join(frames, " < ")
	}
	return msg
}
