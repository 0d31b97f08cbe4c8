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
	// WhereLits are the columns the WHERE clause requires to equal a
	// literal (status = 'queued'), lower case, with the literal as
	// IsConstant accepts it (keywords and numbers lower case). A WHERE
	// clause with OR requires nothing of a column and gives none.
	WhereLits map[string]string
	// SetCols are the columns assigned by UPDATE ... SET, lower case.
	SetCols []string
	// SetExprs are the expressions assigned to SetCols, in the same order.
	SetExprs []string
	// Advisory lists the pg_advisory_* / pg_try_advisory_* functions called.
	Advisory []string
	// RelCols are the SET columns assigned relative to themselves
	// (balance = balance - $1), lower case.
	RelCols []string
	// InsertCols are the column list of an INSERT, lower case.
	InsertCols []string
	// Modifies is set when the statement writes rows (INSERT, UPDATE,
	// DELETE, MERGE), also from inside a WITH clause.
	Modifies bool
	// Params are the statement's placeholders in order of appearance.
	Params []Param
}

// Param is one placeholder of a statement ($1, ?, :name, or a template
// substitution) and the clause it sits in.
type Param struct {
	// Index is the 0-based position in the parameter list ($2 is 1; the
	// n-th ? or template substitution is n-1), or -1 for a named one.
	Index int
	// Name is the name of a :name placeholder.
	Name string
	// Clause is where the placeholder sits: "where", "set", "values",
	// "select" or "other".
	Clause string
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
	colLit     = regexp.MustCompile(`(?i)([\w."]+)\s*=\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false)(?:\s|\)|$)`)
	orRe       = regexp.MustCompile(`(?i)\bor\b`)
	joinRe     = regexp.MustCompile(`(?i)\bjoin\b`)
	fromListRe = regexp.MustCompile(`(?i)\bfrom\b(.*?)(?:\bwhere\b|\border\s+by\b|\bgroup\s+by\b|\blimit\b|$)`)
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
		if !orRe.MatchString(m[1]) {
			for _, c := range colLit.FindAllStringSubmatch(m[1], -1) {
				if s.WhereLits == nil {
					s.WhereLits = map[string]string{}
				}
				lit := c[2]
				if !strings.HasPrefix(lit, "'") {
					lit = strings.ToLower(lit)
				}
				s.WhereLits[column(c[1])] = lit
			}
		}
	}
	if s.Verb == "UPDATE" {
		if m := setRe.FindStringSubmatch(text); m != nil {
			for _, c := range colSet.FindAllStringSubmatch(m[1], -1) {
				s.SetCols = append(s.SetCols, column(c[1]))
			}
			if parts := splitTop(m[1]); len(parts) == len(s.SetCols) {
				for _, a := range parts {
					if i := strings.IndexByte(a, '='); i >= 0 {
						a = a[i+1:]
					}
					s.SetExprs = append(s.SetExprs, strings.TrimSpace(a))
				}
			}
		}
	}
	for _, a := range advisory.FindAllString(text, -1) {
		s.Advisory = append(s.Advisory, strings.ToLower(a))
	}
	if s.Verb == "UPDATE" {
		if m := setRe.FindStringSubmatch(text); m != nil {
			for _, a := range strings.Split(m[1], ",") {
				if c := relSet.FindStringSubmatch(a); c != nil && column(c[1]) == column(c[2]) {
					s.RelCols = append(s.RelCols, column(c[1]))
				}
			}
		}
	}
	if s.Verb == "INSERT" {
		if m := insertCols.FindStringSubmatch(text); m != nil {
			for _, c := range strings.Split(m[1], ",") {
				if c = strings.TrimSpace(c); c != "" {
					s.InsertCols = append(s.InsertCols, column(strings.Trim(c, "`")))
				}
			}
		}
	}
	s.Modifies = modifies.MatchString(forLock.ReplaceAllString(text, " "))
	s.Params = params(text)
	return s
}

var (
	modifies   = regexp.MustCompile(`(?i)\binsert\s+(?:ignore\s+)?into\b|\bupdate\s+(?:only\s+)?[\w."` + "`" + `]+\s+(?:(?:as\s+)?\w+\s+)?set\b|\bdelete\s+from\b|\bmerge\s+into\b`)
	relSet     = regexp.MustCompile(`(?i)^\s*([\w."]+)\s*=\s*([\w."]+)\s*[-+*/]`)
	insertCols = regexp.MustCompile(`(?i)\binsert\s+(?:ignore\s+)?into\s+[\w."` + "`" + `]+\s*\(([^)]*)\)`)
	forLock    = regexp.MustCompile(`(?i)\bfor\s+(?:no\s+key\s+)?update\b|\bdo\s+update\b`)
)

// params finds the placeholders of a normalised statement and the clause
// each sits in. Quoted strings and identifiers are skipped; a :: cast is not
// a named placeholder.
func params(text string) []Param {
	var out []Param
	clause := "other"
	seq := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := strings.IndexByte(text[i+1:], c)
			if j < 0 {
				return out
			}
			i += j + 1
		case isWordStart(c):
			j := i
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			switch strings.ToLower(text[i:j]) {
			case "where", "having":
				clause = "where"
			case "set":
				clause = "set"
			case "values":
				clause = "values"
			case "select":
				clause = "select"
			case "from", "returning", "order", "group", "limit", "on", "conflict", "do", "using", "into":
				if clause != "where" || strings.ToLower(text[i:j]) != "on" {
					clause = "other"
				}
			}
			i = j - 1
		case c == '$':
			j := i + 1
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			switch {
			case j > i+1:
				n := 0
				for _, d := range text[i+1 : j] {
					n = n*10 + int(d-'0')
				}
				out = append(out, Param{Index: n - 1, Clause: clause})
				i = j - 1
			case j < len(text) && text[j] == '?':
				out = append(out, Param{Index: seq, Clause: clause})
				seq++
				i = j
			}
		case c == '?':
			out = append(out, Param{Index: seq, Clause: clause})
			seq++
		case c == ':':
			if i+1 < len(text) && text[i+1] == ':' {
				i++ // a cast
				continue
			}
			j := i + 1
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			if j > i+1 && isWordStart(text[i+1]) {
				out = append(out, Param{Index: -1, Name: text[i+1 : j], Clause: clause})
				i = j - 1
			}
		}
	}
	return out
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWordByte(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' }

// ParamsIn returns the placeholders of a clause ("where", "set", ...).
func (s Stmt) ParamsIn(clause string) []Param {
	var out []Param
	for _, p := range s.Params {
		if p.Clause == clause {
			out = append(out, p)
		}
	}
	return out
}

// Locks reports whether the statement takes row locks (FOR UPDATE or
// FOR SHARE).
func (s Stmt) Locks() bool { return s.ForUpdate || s.ForShare }

// HasSetCol reports whether an UPDATE assigns the column.
func (s Stmt) HasSetCol(col string) bool {
	for _, c := range s.SetCols {
		if c == col {
			return true
		}
	}
	return false
}

// splitTop splits a list at commas outside parentheses and quotes.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// IsConstant reports whether a SQL expression is a literal: a quoted
// string, a number, NULL, TRUE or FALSE.
func IsConstant(expr string) bool {
	e := strings.TrimSpace(expr)
	switch strings.ToUpper(e) {
	case "NULL", "TRUE", "FALSE":
		return true
	}
	if len(e) >= 2 && e[0] == '\'' && e[len(e)-1] == '\'' {
		return true
	}
	if e == "" {
		return false
	}
	for i := 0; i < len(e); i++ {
		if !(e[i] >= '0' && e[i] <= '9' || e[i] == '.' || i == 0 && e[i] == '-') {
			return false
		}
	}
	return true
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

// Joins reports whether the statement reads from more than one table (a
// JOIN, or a comma between tables in FROM).
func (s Stmt) Joins() bool {
	if joinRe.MatchString(s.Text) {
		return true
	}
	m := fromListRe.FindStringSubmatch(s.Text)
	return m != nil && strings.Contains(m[1], ",")
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

// SQL that declares keys. An identifier may be quoted; a column list of
// expressions (lower(email)) is not read.
var (
	sqlIdent       = "[\"`]?([A-Za-z_][A-Za-z0-9_$]*)[\"`]?"
	sqlQualified   = `(?:` + sqlIdent + `\.)?` + sqlIdent
	sqlColumnList  = `\(\s*((?:[\"` + "`" + `]?[A-Za-z_][A-Za-z0-9_$]*[\"` + "`" + `]?(?:\s+(?:ASC|DESC))?\s*,\s*)*[\"` + "`" + `]?[A-Za-z_][A-Za-z0-9_$]*[\"` + "`" + `]?(?:\s+(?:ASC|DESC))?)\s*\)`
	sqlUniqueIndex = regexp.MustCompile(`(?is)CREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:` + sqlQualified + `\s+)?ON\s+(?:ONLY\s+)?` + sqlQualified + `\s*(?:USING\s+\w+\s*)?` + sqlColumnList)
	sqlAlterKey    = regexp.MustCompile(`(?is)ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?` + sqlQualified + `\s+ADD\s+(?:CONSTRAINT\s+` + sqlIdent + `\s+)?(?:UNIQUE|PRIMARY\s+KEY)(?:\s+(?:INDEX|KEY))?(?:\s+` + sqlIdent + `)?\s*` + sqlColumnList)
	sqlCreateTable = regexp.MustCompile(`(?is)CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?` + sqlQualified + `\s*\(`)
	sqlTableKey    = regexp.MustCompile(`(?is)(?:^|,)\s*(?:CONSTRAINT\s+` + sqlIdent + `\s+)?(?:UNIQUE|PRIMARY\s+KEY)(?:\s+(?:INDEX|KEY))?(?:\s+` + sqlIdent + `)?\s*` + sqlColumnList)
	sqlColumnKey   = regexp.MustCompile(`(?is)(?:^|,)\s*` + sqlIdent + `\s+[^,]*?\b(?:UNIQUE|PRIMARY\s+KEY)\b`)
)

// Key is a unique key (or primary key) that DDL declares on a table.
type Key struct {
	Table   string   // as written, unquoted, without its schema
	Columns []string // as written, unquoted
}

// Keys returns the unique and primary keys SQL text declares: CREATE
// UNIQUE INDEX ... ON t (...), ALTER TABLE t ADD [CONSTRAINT c] UNIQUE
// or PRIMARY KEY (...), and in CREATE TABLE t (...) the UNIQUE and
// PRIMARY KEY constraints and columns. A key over expressions
// (lower(email)) is not read, nor a word inside a string literal or a
// comment (DEFAULT 'unique', -- CREATE UNIQUE INDEX ...).
func Keys(text string) []Key {
	text = blankLiterals(text)
	up := strings.ToUpper(text)
	if !strings.Contains(up, "UNIQUE") && !strings.Contains(up, "PRIMARY") {
		return nil
	}
	var out []Key
	add := func(table string, cols []string) {
		if table != "" && len(cols) > 0 {
			out = append(out, Key{Table: table, Columns: cols})
		}
	}
	for _, m := range sqlUniqueIndex.FindAllStringSubmatch(text, -1) {
		add(m[4], sqlColumns(m[5]))
	}
	for _, m := range sqlAlterKey.FindAllStringSubmatch(text, -1) {
		add(m[2], sqlColumns(m[5]))
	}
	for _, loc := range sqlCreateTable.FindAllStringSubmatchIndex(text, -1) {
		table := text[loc[4]:loc[5]]
		body, ok := parenthesised(text[loc[1]:])
		if !ok {
			continue
		}
		var primary []string
		for _, m := range sqlTableKey.FindAllStringSubmatch(body, -1) {
			add(table, sqlColumns(m[3]))
		}
		for _, def := range splitTopLevel(body) {
			if m := sqlColumnKey.FindStringSubmatch(def); m != nil && !sqlKeyword(m[1]) {
				if strings.Contains(strings.ToUpper(def), "PRIMARY") {
					primary = append(primary, m[1])
				} else {
					add(table, []string{m[1]})
				}
			}
		}
		add(table, primary)
	}
	return out
}

// blankLiterals returns text with the contents of its string literals
// ('...', a doubled quote inside) and comments (-- to the end of the
// line, /* */) replaced by spaces, byte for byte, so that what is left is
// SQL's own words and offsets into it stay those of text.
func blankLiterals(text string) string {
	if !strings.ContainsAny(text, "'-/") {
		return text
	}
	b := []byte(text)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\'':
			for i++; i < len(b); i++ {
				if b[i] == '\'' {
					if i+1 < len(b) && b[i+1] == '\'' {
						b[i], b[i+1] = ' ', ' '
						i++
						continue
					}
					break
				}
				b[i] = ' '
			}
		case b[i] == '-' && i+1 < len(b) && b[i+1] == '-':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			end := strings.Index(text[i+2:], "*/")
			stop := len(b)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			for ; i < stop; i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			i--
		}
	}
	return string(b)
}

// sqlKeyword reports a word that starts a table constraint, not a column.
func sqlKeyword(w string) bool {
	switch strings.ToUpper(w) {
	case "CONSTRAINT", "UNIQUE", "PRIMARY", "FOREIGN", "CHECK", "INDEX", "KEY", "EXCLUDE":
		return true
	}
	return false
}

// sqlColumns splits a column list, dropping quotes and sort orders.
func sqlColumns(list string) []string {
	var out []string
	for _, c := range strings.Split(list, ",") {
		fields := strings.Fields(c)
		if len(fields) == 0 {
			return nil
		}
		out = append(out, strings.Trim(fields[0], "\"`"))
	}
	return out
}

// parenthesised returns the text up to the parenthesis that closes one
// already opened.
func parenthesised(s string) (string, bool) {
	depth := 1
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s[:i], true
			}
		}
	}
	return "", false
}

// splitTopLevel splits a CREATE TABLE body at the commas outside
// parentheses: one column or constraint definition each.
func splitTopLevel(body string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range body {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, body[start:i])
				start = i + 1
			}
		}
	}
	return append(out, body[start:])
}
