package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "dedup-marker-before-effect",
		Severity: analysis.Medium,
		Title:    "webhook dedup marker committed before the side effect, outside a transaction with it",
		Fix:      "Write the processed-event marker in the same transaction as the side effect (or record the effect in an outbox in that transaction), or delete the marker when the side effect fails.",
		Run:      runDedupMarker,
	})
}

func runDedupMarker(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !whCandidate(f) {
		return
	}
	for _, h := range whHandlers(f) {
		marker, acc := dmMarker(f, h)
		if marker.IsNil() || f.InTransaction(&acc) {
			continue
		}
		var effect syntax.Node
		for _, e := range whEffects(f, h, false) {
			if e.call.Start() <= marker.End() || marker.Contains(e.call) || dmOnDuplicatePath(marker, e.call) {
				continue
			}
			if whArgsUseEventID(f, e.call, h) {
				continue // another write of the marker
			}
			if !dmReachable(marker, e.call) {
				continue // the marker's branch returns before it
			}
			effect = e.call
			break
		}
		if effect.IsNil() || dmCompensated(f, h, marker) {
			continue
		}
		name := ikShort(effect.Child(syntax.FFunction).Text())
		p.Report(lkSite(marker), fmt.Sprintf("the processed-event marker is committed here, before %s at line %d and outside a transaction with it: if %s fails, the provider's redelivery finds the marker and skips the event, so it is never processed", name, effect.Line(), name), "",
			p.At(effect, "the side effect the marker should commit with"))
	}
}

// dmMarker returns the first write of a handler that records the event id
// (INSERT INTO processed_events, SET evt:<id> NX, processedEvent.create).
func dmMarker(f *sem.File, h whHandler) (syntax.Node, models.Access) {
	var marker syntax.Node
	var acc models.Access
	h.fn.Body.Walk(func(n syntax.Node) bool {
		if !marker.IsNil() {
			return false
		}
		if !n.Is(syntax.KCallExpression) || !whArgsUseEventID(f, n, h) {
			return true
		}
		a, ok := f.StoreAccess(n)
		if !ok || !dmMarkerCall(n, a) {
			return true
		}
		switch a.Op {
		case models.OpInsert, models.OpUpsert, models.OpUpdate:
			marker, acc = n, a
			return false
		}
		return true
	})
	return marker, acc
}

// dmMarkerWords name helpers that record a delivery as seen.
var dmMarkerWords = map[string]bool{
	"mark": true, "processed": true, "record": true, "seen": true, "dedup": true, "dedupe": true,
	"claim": true, "remember": true, "save": true, "store": true, "insert": true, "create": true,
}

// dmMarkerCall reports whether a write of the event id is a marker: a
// direct store write (SQL, ORM, Redis), or a helper named for recording
// the event (markProcessed(event.id), saveEvent(event.id)). A helper that
// handles one event type and is merely given the id is not.
func dmMarkerCall(call syntax.Node, a models.Access) bool {
	if a.Kind != models.StoreHelper {
		return true
	}
	m := models.Method(call)
	for _, w := range lkSplitWords(m) {
		if dmMarkerWords[w] {
			return true
		}
	}
	return false
}

// dmReachable reports whether n can run after the marker: no block that
// holds the marker but not n ends by leaving (return, throw).
func dmReachable(marker, n syntax.Node) bool {
	for b := marker.Ancestor(syntax.KStatementBlock); !b.IsNil() && !b.Contains(n); b = b.Ancestor(syntax.KStatementBlock) {
		if sem.Exits(b) {
			return false
		}
		if sem.IsFunction(b.Parent()) {
			break
		}
	}
	return true
}

// whArgsUseEventID reports whether a call's arguments mention the event id.
func whArgsUseEventID(f *sem.File, call syntax.Node, h whHandler) bool {
	for _, a := range models.Args(call) {
		if whUsesEventID(f, a, h) {
			return true
		}
	}
	return false
}

// dmOnDuplicatePath reports whether n runs only when the marker write
// failed: it sits in the catch clause of the try around the marker.
func dmOnDuplicatePath(marker, n syntax.Node) bool {
	for m := marker; ; {
		try, part := sem.TryRegion(m)
		if try.IsNil() {
			return false
		}
		if part == sem.InTryBlock {
			if h := try.Child(syntax.FHandler); !h.IsNil() && h.Contains(n) {
				return true
			}
		}
		m = try
	}
}

// dmCompensated reports whether the handler deletes the marker when the
// work fails: a delete that mentions the event id in a catch clause after
// the marker.
func dmCompensated(f *sem.File, h whHandler, marker syntax.Node) bool {
	found := false
	h.fn.Body.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if !n.Is(syntax.KCallExpression) || n.Start() <= marker.End() || !whArgsUseEventID(f, n, h) {
			return true
		}
		if _, part := sem.TryRegion(n); part != sem.InCatch && part != sem.InFinally {
			return true
		}
		if a, ok := f.StoreAccess(n); ok && a.Op == models.OpDelete {
			found = true
		} else if m := models.Method(n); models.RedisDeleteMethods[m] {
			found = true
		}
		return true
	})
	return found
}
