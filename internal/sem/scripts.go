package sem

import (
	"path"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// SetScriptEntries gives the project the paths (absolute, slash-separated)
// that its package.json files run as one-shot commands: the "bin" entries
// and the files "scripts" run with node or a TypeScript runner (see
// models.ScriptEntries). Each is resolved as an import of it would be:
// the file itself, with a source extension, or a directory's index; a
// path that names no project file is dropped.
func (p *Project) SetScriptEntries(abs []string) {
	p.scriptEntries = make(map[string]bool, len(abs))
	for _, a := range abs {
		if f := p.lookup(path.Clean(a)); f != nil {
			p.scriptEntries[f.Abs] = true
		}
	}
}

// OneShot reports whether f runs only inside one-shot commands: a
// package.json script or bin entry whose program starts nothing that keeps
// the process serving (no server that listens, no repeating timer, queue
// worker, scheduler or window, and no import of a package made for
// serving; see models.IsLongRunningStart, models.IsServingPackage), and every
// module that only such entries import, directly or through others. A file
// that any other code imports (a server's entry, a module nothing imports,
// which may be a library's) is not one. A command runs in one process
// that a user or a build started once, so its code does not run alongside
// a copy of itself.
func (f *File) OneShot() bool {
	p := f.project
	if p == nil || len(p.scriptEntries) == 0 {
		return false
	}
	p.noteFact(f.Abs, scriptFact+f.Abs)
	p.oneShotOnce.Do(p.findOneShot)
	return p.oneShotFiles[f]
}

// OneProcess reports whether f's code runs with no copy of itself
// alongside: declared single-process, a test, or run only by one-shot
// commands (OneShot). The rules about races between requests and
// processes leave such code alone.
func (f *File) OneProcess() bool { return f.SingleProcess || f.OneShot() }

func (p *Project) findOneShot() {
	p.buildImporters()
	p.oneShotFiles = map[*File]bool{}
	reach := func(roots []*File, into map[*File]bool) {
		stack := append([]*File(nil), roots...)
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if into[f] {
				continue
			}
			into[f] = true
			for _, t := range p.imports[f] {
				if !t.Test && !into[t] {
					stack = append(stack, t)
				}
			}
		}
	}
	long := map[*File]bool{}
	isLong := func(f *File) bool {
		v, ok := long[f]
		if !ok {
			v = startsServing(f)
			long[f] = v
		}
		return v
	}
	commands := map[*File]bool{}
	var others []*File
	for _, f := range p.Files {
		if f.Test || f.Outside {
			continue
		}
		if p.scriptEntries[f.Abs] {
			program := map[*File]bool{}
			reach([]*File{f}, program)
			serves := false
			for g := range program {
				if isLong(g) {
					serves = true
					break
				}
			}
			if !serves {
				for g := range program {
					commands[g] = true
				}
				if !p.imported(f) {
					continue
				}
			}
		}
		if !p.imported(f) && !f.reexportsOnly() {
			others = append(others, f) // a barrel nothing imports runs nowhere
		}
	}
	elsewhere := map[*File]bool{}
	reach(others, elsewhere)
	for f := range commands {
		if !elsewhere[f] {
			p.oneShotFiles[f] = true
		}
	}
}

// startsServing reports a file that starts something that keeps its
// process serving (app.listen(...), setInterval(...), new Worker(...)) or
// imports a package made for serving (models.IsServingPackage).
func startsServing(f *File) bool {
	for _, spec := range f.Specs {
		if models.IsServingPackage(strings.TrimPrefix(spec, "node:")) {
			return true
		}
	}
	found := false
	f.Root().Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch {
		case n.Is(syntax.KCallExpression):
			chain, m := models.Callee(n)
			found = models.IsLongRunningStart(chain, m)
		case n.Is(syntax.KNewExpression):
			c := n.Child(syntax.FConstructor)
			name := c.Text()
			if c.Is(syntax.KMemberExpression) {
				name = c.Child(syntax.FProperty).Text()
			}
			found = models.IsLongRunningClass(name)
		}
		return !found
	})
	return found
}
