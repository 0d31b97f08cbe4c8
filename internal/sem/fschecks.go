package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// FSCheckHelper reports whether a call may invoke a project function that
// returns a file-system check (return fs.existsSync(p), return await
// stat(p)), judged by the name it is called by: the names of every such
// function are gathered once. It is a quick test that spares resolving
// every call; a call it passes must still be resolved.
func (p *Project) FSCheckHelper(f *File, call syntax.Node) bool {
	if p == nil {
		return false
	}
	return p.fsHelperNamed(f, call, &p.fsCheckNames)
}

// fsHelperNamed looks a call's method name up in one of the name indexes
// findFSCheckHelpers gathers, and records the fact for the incremental
// scan.
func (p *Project) fsHelperNamed(f *File, call syntax.Node, names *map[string]bool) bool {
	p.fsCheckOnce.Do(p.findFSCheckHelpers)
	p.noteFact(f.Abs, fsChecksFact)
	return (*names)[models.Method(call)]
}

func (p *Project) findFSCheckHelpers() {
	p.fsCheckNames = map[string]bool{}
	p.fsEffectNames = map[string]bool{}
	for _, f := range p.Files {
		if !f.SourceHas(fsWords...) {
			continue
		}
		if f.SourceHas(fsCheckWords...) {
			for _, fn := range f.Funcs {
				// A call names a function by its last segment: utils.exists(p)
				// for a function declared as exports.exists or Paths.exists.
				if name := lastSegment(fn.Name); name != "" && !p.fsCheckNames[name] {
					if _, ok := ReturnedFSCheck(f, fn); ok {
						p.fsCheckNames[name] = true
					}
				}
			}
		}
		// The functions with an effect on a parameter's path: those whose
		// parameter a file-system call in their body (or a function
		// nested in it) acts on.
		env := f.Env()
		for _, c := range f.Calls() {
			for _, e := range models.FSEffects(c, env) {
				for fn := f.FuncAt(c); fn != nil; fn = fn.Outer {
					if name := lastSegment(fn.Name); name != "" && PathParam(f, fn, e.Path) >= 0 {
						p.fsEffectNames[name] = true
					}
				}
			}
		}
	}
}

// fsWords are what a file that uses the file system mentions.
var fsWords = Needles("fs")

// ReturnedFSCheck returns the file-system check a function of f returns
// (return fs.existsSync(p), return await stat(p)), if any.
func ReturnedFSCheck(f *File, fn *Func) (models.FSCall, bool) {
	env := f.Env()
	for _, r := range fn.Returns {
		r = r.Unparen()
		if r.Is(syntax.KAwaitExpression) {
			r = r.NamedChild(0).Unparen()
		}
		if !r.Is(syntax.KCallExpression) {
			continue
		}
		if c, ok := models.ClassifyFS(r, env); ok && c.Kind == models.FSCheck {
			return c, true
		}
	}
	return models.FSCall{}, false
}

// fsCheckWords are what a file whose functions check paths mentions.
var fsCheckWords = Needles(models.FSCheckMethods...)
