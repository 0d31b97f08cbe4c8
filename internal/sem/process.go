package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// rejectionWords are what a file installing a process-wide rejection
// handler mentions.
var rejectionWords = Needles("unhandledRejection")

// rejectionHandler is a process.on("unhandledRejection", ...) call and the
// files its module loads, itself included.
type rejectionHandler struct {
	file  *File
	call  syntax.Node
	loads map[*File]bool
}

// RejectionHandler returns a call that installs a process-wide handler for
// unhandled rejections (process.on("unhandledRejection", ...)) in a
// process that runs f, and the file it is in; nil when there is none. A
// handler is taken to cover the files its module imports, directly or
// through other project files: a command-line script that installs one
// does not cover the server, which never loads it.
func (p *Project) RejectionHandler(f *File) (*File, syntax.Node) {
	if p == nil {
		return nil, syntax.Node{}
	}
	p.noteFact(f.Abs, rejectionFact+f.Abs)
	return p.rejectionHandler(f)
}

func (p *Project) rejectionHandler(f *File) (*File, syntax.Node) {
	p.rejectionOnce.Do(p.findRejectionHandlers)
	for _, h := range p.rejectionHandlers {
		if h.loads[f] {
			return h.file, h.call
		}
	}
	return nil, syntax.Node{}
}

func (p *Project) findRejectionHandlers() {
	for _, f := range p.Files {
		if f.Test {
			continue
		}
		if c, ok := rejectionHandlerCall(f); ok {
			p.rejectionHandlers = append(p.rejectionHandlers, rejectionHandler{file: f, call: c, loads: p.loadedBy(f)})
		}
	}
}

// rejectionHandlerCall finds the first call in f that installs a handler
// of unhandled rejections (process.on("unhandledRejection", ...)).
func rejectionHandlerCall(f *File) (syntax.Node, bool) {
	if !f.SourceHas(rejectionWords...) {
		return syntax.Node{}, false
	}
	for _, c := range f.Calls() {
		chain, m := models.Callee(c)
		if len(chain) != 1 || chain[0] != "process" || (m != "on" && m != "once" && m != "addListener" && m != "prependListener") {
			continue
		}
		if args := models.Args(c); len(args) > 1 {
			if s, ok := StringValue(args[0]); ok && s == "unhandledRejection" {
				return c, true
			}
		}
	}
	return syntax.Node{}, false
}

// loadedBy returns the project files that loading f loads: f and,
// transitively, every project module it imports or requires.
func (p *Project) loadedBy(f *File) map[*File]bool {
	seen := map[*File]bool{f: true}
	queue := []*File{f}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, spec := range cur.Specs {
			if tf := p.ResolveSpec(cur, spec); tf != nil && !seen[tf] {
				seen[tf] = true
				queue = append(queue, tf)
			}
		}
	}
	return seen
}
