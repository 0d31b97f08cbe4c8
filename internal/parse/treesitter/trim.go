//go:build treesitter

package treesitter

/*
#include <malloc.h>
static void rc_trim(void) {
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}
*/
import "C"

// ReleaseMemory hands memory the C parsers freed back to the operating
// system. Call it once parsing is done: the C allocator otherwise keeps its
// per-thread arenas at their peak size for the rest of the run.
func ReleaseMemory() { C.rc_trim() }
