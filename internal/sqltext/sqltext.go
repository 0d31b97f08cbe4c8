// Package sqltext understands just enough of the SQL that Node code sends in
// strings and template literals to reason about concurrency: the statement's
// verb and table, row locks (FOR UPDATE / FOR SHARE), upserts (ON CONFLICT,
// ON DUPLICATE KEY), the columns of the WHERE clause, transaction control
// (BEGIN, COMMIT, ROLLBACK) and Postgres advisory-lock functions.
package sqltext

import (
	"regexp"
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Stmt is what racecheck knows of one SQL statement.
type Stmt struct {
	Text       string // normalised: template substitutions become $?, whitespace folded
	Verb       string // SELECT, INSERT, UPDATE, DELETE, BEGIN, COMMIT, ROLLBACK, ... (upper case)
	Table      string // the main table, lower case, unquoted ("" if unknown)
	ForUpdate  bool   // SELECT ... FOR UPDATE / FOR NO KEY UPDATE
	ForShare   bool   // SELECT ... FOR SHARE / FOR KEY SHARE
	OnConflict bool   // INSERT ... ON CONFLICT / ON DUPLICATE KEY UPDATE / INSERT IGNORE
	Returning  bool
	// WhereCols are the columns compared in the WHERE clause, lower case.
	WhereCols []string
	// SetCols are the columns assigned by UPDATE ... SET, lower case.
	SetCols []string
	// Advisory lists the pg_advisory_* / pg_try_advisory_* functions called.
	Advisory []string
}

var (
	space    = regexp.MustCompile(`\s+`)
	verbRe   = regexp.MustCompile(`(?i)^\s*(?:with\s+.*?\)\s*)?(select|insert|update|delete|begin|start\s+transaction|commit|rollback|end|savepoint|release|set|lock|merge|upsert|replace)\b`)
	tableRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\binsert\s+(?:ignore\s+)?into\s+([\w."` + "`" + `]+)`),
		regexp.MustCompile(`(?i)\bupdate\s+(?:only\s+)?([\w."` + "`" + `]+)`),
		regexp.MustCompile(`(?i)\bdelete\s+from\s+([\w."` + "`" + `]+)`),
		regexp.MustCompile(`(?i)\bfrom\s+([\w."` + "`" + `]+)`),
	}
	forUpdate  = regexp.MustCompile(`(?i)\bfor\s+(?:no\s+key\s+)?update\b`)
	forShare   = regexp.MustCompile(`(?i)\bfor\s+(?:key\s+)?share\b`)
	onConflict = regexp.MustCompile(`(?i)\bon\s+conflict\b|\bon\s+duplicate\s+key\b|\binsert\s+ignore\b|\binsert\s+or\s+(?:ignore|replace)\b`)
	returning  = regexp.MustCompile(`(?i)\breturning\b`)
	whereRe    = regexp.MustCompile(`(?i)\bwhere\b(.*?)(?:\border\s+by\b|\bgroup\s+by\b|\blimit\b|\breturning\b|\bfor\s+(?:no\s+key\s+)?update\b|\bfor\s+(?:key\s+)?share\b|$)`)
	setRe      = regexp.MustCompile(`(?i)\bset\b(.*?)(?:\bwhere\b|\breturning\b|\bfrom\b|$)`)
	colCmp     = regexp.MustCompile(`(?i)([\w."]+)\s*(?:=|<>|!=|>=|<=|>|<|\bin\b|\bis\b)`)
	colSet     = regexp.MustCompile(`(?i)([\w."]+)\s*=`)
	advisory   = regexp.MustCompile(`(?i)\bpg_(?:try_)?advisory_(?:xact_)?(?:un)?lock(?:_shared|_all)?\b`)
)

// Parse reads a SQL statement. It never fails: unknown text gives a Stmt
// with an empty Verb.
func Parse(sql string) Stmt {
	text := strings.TrimSpace(space.ReplaceAllString(sql, " "))
	s := Stmt{Text: text}
	if m := verbRe.FindStringSubmatch(text); m != nil {
		s.Verb = strings.ToUpper(strings.Fields(m[1])[0])
		if s.Verb == "START" || s.Verb == "END" {
			s.Verb = map[string]string{"START": "BEGIN", "END": "COMMIT"}[s.Verb]
		}
	}
	for _, re := range tableRes {
		if m := re.FindStringSubmatch(text); m != nil {
			s.Table = strings.ToLower(strings.Trim(m[1], "\"`"))
			break
		}
	}
	s.ForUpdate = forUpdate.MatchString(text)
	s.ForShare = forShare.MatchString(text)
	s.OnConflict = onConflict.MatchString(text)
	s.Returning = returning.MatchString(text)
	if m := whereRe.FindStringSubmatch(text); m != nil {
		for _, c := range colCmp.FindAllStringSubmatch(m[1], -1) {
			s.WhereCols = append(s.WhereCols, column(c[1]))
		}
	}
	if s.Verb == "UPDATE" {
		if m := setRe.FindStringSubmatch(text); m != nil {
			for _, c := range colSet.FindAllStringSubmatch(m[1], -1) {
				s.SetCols = append(s.SetCols, column(c[1]))
			}
		}
	}
	for _, a := range advisory.FindAllString(text, -1) {
		s.Advisory = append(s.Advisory, strings.ToLower(a))
	}
	return s
}

// column strips a table qualifier and quotes: "t"."Version" -> version.
func column(c string) string {
	c = strings.ToLower(strings.ReplaceAll(c, `"`, ""))
	if i := strings.LastIndexByte(c, '.'); i >= 0 {
		c = c[i+1:]
	}
	return c
}

// HasWhereCol reports whether the WHERE clause compares the column.
func (s Stmt) HasWhereCol(col string) bool {
	for _, c := range s.WhereCols {
		if c == col {
			return true
		}
	}
	return false
}

// IsTxControl reports whether the statement begins or ends a transaction.
func (s Stmt) IsTxControl() bool {
	return s.Verb == "BEGIN" || s.Verb == "COMMIT" || s.Verb == "ROLLBACK"
}

// FromNode returns the SQL text of a string, template string or tagged
// template node (substitutions become $?), and false when the node is not
// SQL-bearing text. A sql`...`/Prisma.sql`...` tagged template call is
// accepted too.
func FromNode(n syntax.Node) (string, bool) {
	n = n.Unparen()
	if n.Is(syntax.KCallExpression) {
		if a := n.Child(syntax.FArguments); a.Is(syntax.KTemplateString) {
			n = a
		}
	}
	switch {
	case n.Is(syntax.KString):
		t := n.Text()
		if len(t) >= 2 {
			return t[1 : len(t)-1], true
		}
	case n.Is(syntax.KTemplateString):
		t := n.Text()
		var b strings.Builder
		last := n.Start() + 1
		for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Is(syntax.KTemplateSubstitution) {
				b.WriteString(t[last-n.Start() : c.Start()-n.Start()])
				b.WriteString("$?")
				last = c.End()
			}
		}
		if end := n.End() - 1; end > last {
			b.WriteString(t[last-n.Start() : end-n.Start()])
		}
		return b.String(), true
	}
	return "", false
}

// LooksLikeSQL reports whether text starts like a SQL statement.
func LooksLikeSQL(text string) bool {
	return verbRe.MatchString(strings.TrimSpace(text))
}
