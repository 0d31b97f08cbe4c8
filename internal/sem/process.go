package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// rejectionWords are what a file installing a process-wide rejection
// handler mentions.
var rejectionWords = Needles("unhandledRejection")

// RejectionHandler returns a call in the project that installs a
// process-wide handler for unhandled rejections
// (process.on("unhandledRejection", ...)), and the file it is in; nil when
// there is none. Where one exists, an unhandled rejection is reported to it
// instead of ending the process.
func (p *Project) RejectionHandler() (*File, syntax.Node) {
	if p == nil {
		return nil, syntax.Node{}
	}
	p.rejectionOnce.Do(func() {
		for _, f := range p.Files {
			if f.Test || !f.SourceHas(rejectionWords...) {
				continue
			}
			for _, c := range f.Calls() {
				chain, m := models.Callee(c)
				if len(chain) != 1 || chain[0] != "process" || (m != "on" && m != "once" && m != "addListener" && m != "prependListener") {
					continue
				}
				if args := models.Args(c); len(args) > 1 {
					if s, ok := StringValue(args[0]); ok && s == "unhandledRejection" {
						p.rejectionFile, p.rejectionCall = f, c
						return
					}
				}
			}
		}
	})
	return p.rejectionFile, p.rejectionCall
}
