//go:build treesitter

package treesitter

/*
#cgo CFLAGS: -O2
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>

// The parts of the tree-sitter C API this front end uses. The runtime and the
// grammars are linked in from github.com/smacker/go-tree-sitter.
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
void ts_parser_reset(TSParser *self);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
uint32_t ts_language_field_count(const TSLanguage *self);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

// rc_node mirrors syntax.RawNode's leading fields.
typedef struct {
	uint32_t start, end;
	int32_t parent;
	int32_t next;
	uint16_t kind;
	uint8_t field;
	uint8_t flags;
} rc_node;

typedef struct {
	rc_node *nodes;
	uint32_t len, cap;
	int status; // 0 ok, 1 parse failed (timeout), 2 out of memory, 3 nested too deeply
} rc_result;

#define RC_ERROR_SYMBOL 65535

// rc_parse parses src and flattens the tree into out->nodes in pre-order,
// mapping grammar symbols and fields to racecheck's vocabulary. Anonymous
// nodes whose keep[] entry is 0 (punctuation) are left out. The tree-sitter
// tree is freed before returning; the caller frees out->nodes.
void rc_parse_go(TSParser *parser, const char *src, uint32_t len,
                     const uint16_t *kinds, const uint8_t *keep, uint32_t nsym,
                     const uint8_t *fields, uint32_t nfield, rc_result *out) {
	out->nodes = NULL; out->len = 0; out->cap = 0; out->status = 0;
	TSTree *tree = ts_parser_parse_string(parser, NULL, src, len);
	if (!tree) { out->status = 1; ts_parser_reset(parser); return; }
	out->cap = len / 3 + 64;
	out->nodes = malloc(sizeof(rc_node) * out->cap);
	if (!out->nodes) { out->status = 2; ts_tree_delete(tree); return; }

	int32_t stack[1024]; // index of the kept ancestor at each cursor depth
	int depth = 0;
	stack[0] = -1;
	TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&cur);
		TSSymbol sym = ts_node_symbol(n);
		bool named = ts_node_is_named(n);
		bool missing = ts_node_is_missing(n);
		bool is_err = sym == RC_ERROR_SYMBOL;
		int32_t parent = stack[depth];
		int32_t self = parent;
		if (is_err || missing || named || (sym < nsym && keep[sym])) {
			if (out->len == out->cap) {
				uint32_t nc = out->cap * 2;
				rc_node *nn = realloc(out->nodes, sizeof(rc_node) * nc);
				if (!nn) { out->status = 2; break; }
				out->nodes = nn; out->cap = nc;
			}
			rc_node *r = &out->nodes[out->len];
			r->start = ts_node_start_byte(n);
			r->end = ts_node_end_byte(n);
			r->parent = parent;
			r->next = -1;
			r->kind = is_err ? kinds[nsym] : (sym < nsym ? kinds[sym] : 0);
			TSFieldId fid = ts_tree_cursor_current_field_id(&cur);
			r->field = fid < nfield ? fields[fid] : 0;
			r->flags = (named ? 1 : 0) | (missing ? 2 : 0) | (is_err ? 4 : 0);
			self = (int32_t)out->len;
			out->len++;
		}
		if (ts_tree_cursor_goto_first_child(&cur)) {
			if (depth < 1023) {
				depth++;
				stack[depth] = self;
				continue;
			}
			// Deeper than the stack allows: give up on this file.
			out->status = 3;
			break;
		}
		for (;;) {
			if (ts_tree_cursor_goto_next_sibling(&cur)) break;
			if (!ts_tree_cursor_goto_parent(&cur)) { depth = -1; break; }
			depth--;
		}
		if (depth < 0) break;
	}
	ts_tree_cursor_delete(&cur);
	ts_tree_delete(tree);
}
*/
import "C"
