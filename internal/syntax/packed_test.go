package syntax

import (
	"strings"
	"testing"
)

func TestPackedNodes(t *testing.T) {
	for _, r := range []RawNode{
		{Start: 0, End: 0, Parent: -1, Next: -1, Kind: KProgram, Field: NoField, Flags: flagNamed},
		{Start: MaxSource, End: MaxSource, Parent: MaxNodes - 1, Next: MaxNodes - 1, Kind: Kind(65535), Field: Field(255), Flags: 255},
		{Start: 12345, End: 67890, Parent: 7, Next: -1, Kind: KCallExpression, Field: FFunction, Flags: flagError | flagMissing},
	} {
		if got := pack(r).raw(); got != r {
			t.Errorf("pack(%+v).raw() = %+v", r, got)
		}
	}
	if !Fits(MaxSource, MaxNodes) || Fits(MaxSource+1, 1) || Fits(10, MaxNodes+1) {
		t.Error("Fits does not hold at its limits")
	}
}

func TestNewTreeTooLarge(t *testing.T) {
	src := strings.Repeat(" ", MaxSource+1)
	tr := NewTree(src, []RawNode{{Start: 0, End: uint32(len(src)), Parent: -1, Kind: KProgram, Flags: flagNamed}})
	if tr.Len() != 1 || !tr.Root().IsError() || tr.Root().End() != MaxSource {
		t.Errorf("a tree too large: %d nodes, root error %v, end %d", tr.Len(), tr.Root().IsError(), tr.Root().End())
	}
}
