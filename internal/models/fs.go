package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// FSEffect is what a file-system call does to one of its paths.
type FSEffect int

// File-system effects on a path.
const (
	FSNoEffect   FSEffect = iota
	FSWrite               // creates or overwrites the file's content
	FSRenameFrom          // moves the path away (the source of a rename)
	FSRemove              // deletes the path
	FSRead                // reads the file's content
)

// FSPathEffect is one effect of a call on one path argument.
type FSPathEffect struct {
	Effect FSEffect
	Path   syntax.Node
	Method string
}

type fsArgEffect struct {
	effect FSEffect
	arg    int
}

// fsEffectMethods are the fs, fs/promises, fs-extra and graceful-fs methods
// by what they do to which argument.
var fsEffectMethods = map[string][]fsArgEffect{
	"writeFile": {{FSWrite, 0}}, "writeFileSync": {{FSWrite, 0}}, "createWriteStream": {{FSWrite, 0}},
	"writeJson": {{FSWrite, 0}}, "writeJsonSync": {{FSWrite, 0}}, "writeJSON": {{FSWrite, 0}}, "writeJSONSync": {{FSWrite, 0}},
	"outputFile": {{FSWrite, 0}}, "outputFileSync": {{FSWrite, 0}}, "outputJson": {{FSWrite, 0}}, "outputJsonSync": {{FSWrite, 0}},
	"copyFile": {{FSRead, 0}, {FSWrite, 1}}, "copyFileSync": {{FSRead, 0}, {FSWrite, 1}},
	"copy": {{FSRead, 0}, {FSWrite, 1}}, "copySync": {{FSRead, 0}, {FSWrite, 1}},
	"rename": {{FSRenameFrom, 0}}, "renameSync": {{FSRenameFrom, 0}},
	"move": {{FSRenameFrom, 0}}, "moveSync": {{FSRenameFrom, 0}},
	"unlink": {{FSRemove, 0}}, "unlinkSync": {{FSRemove, 0}}, "rm": {{FSRemove, 0}}, "rmSync": {{FSRemove, 0}},
	"remove": {{FSRemove, 0}}, "removeSync": {{FSRemove, 0}},
	"readFile": {{FSRead, 0}}, "readFileSync": {{FSRead, 0}}, "createReadStream": {{FSRead, 0}},
	"readJson": {{FSRead, 0}}, "readJsonSync": {{FSRead, 0}}, "readJSON": {{FSRead, 0}}, "readJSONSync": {{FSRead, 0}},
}

// fsEffectLibraries are single-purpose file libraries: the effect of
// calling the imported function ("") or one of its methods on its first
// argument.
var fsEffectLibraries = map[string]map[string]FSEffect{
	"rename-overwrite": {"": FSRenameFrom, "sync": FSRenameFrom},
	"move-file":        {"": FSRenameFrom, "sync": FSRenameFrom},
	"mv":               {"": FSRenameFrom},
	"rimraf":           {"": FSRemove, "sync": FSRemove, "rimraf": FSRemove, "rimrafSync": FSRemove, "native": FSRemove},
	"del":              {"": FSRemove, "sync": FSRemove},
	"write-json-file":  {"": FSWrite, "sync": FSWrite},
}

// FSEffects lists what a file-system call does to its paths:
// fs.writeFileSync(tmp, ...) writes tmp, fsp.rename(tmp, dest) moves tmp
// away, rimraf(dir) removes dir. Exclusive creates ('wx') and appends are
// left out: they neither clobber nor truncate another writer's file.
func FSEffects(call syntax.Node, env Env) []FSPathEffect {
	chain, method := Callee(call)
	if method == "" {
		return nil
	}
	spec := ""
	if env != nil {
		spec = strings.TrimPrefix(env.ImportSpec(call), "node:")
	}
	args := Args(call)
	if lib, ok := fsEffectLibraries[spec]; ok {
		key := method
		if len(chain) == 0 {
			key = ""
		}
		if e, ok := lib[key]; ok && len(args) > 0 {
			return []FSPathEffect{{Effect: e, Path: args[0], Method: strings.Join(append(chain, method), ".")}}
		}
		return nil
	}
	switch {
	case fsModules[spec]:
	case spec == "" && len(chain) > 0 && (chain[0] == "fs" || chain[0] == "fsp" || chain[0] == "fse" || chain[0] == "fsPromises" || chain[0] == "fsExtra"):
	default:
		return nil
	}
	if len(chain) > 0 && chain[len(chain)-1] != "promises" && !fsRootName(chain) {
		return nil
	}
	var out []FSPathEffect
	for _, e := range fsEffectMethods[method] {
		if e.arg >= len(args) {
			continue
		}
		if e.effect == FSWrite && fsSafeUse(method, args) {
			continue
		}
		out = append(out, FSPathEffect{Effect: e.effect, Path: args[e.arg], Method: method})
	}
	return out
}

// PathBuilders are the path and os functions whose result depends only on
// their arguments: path.join(dir, "out.json"), os.tmpdir().
var PathBuilders = map[string]map[string]bool{
	"path":       {"join": true, "resolve": true, "dirname": true, "basename": true, "extname": true, "normalize": true, "relative": true, "format": true},
	"path/posix": {"join": true, "resolve": true, "dirname": true, "basename": true, "extname": true, "normalize": true},
	"path/win32": {"join": true, "resolve": true, "dirname": true, "basename": true, "extname": true, "normalize": true},
	"os":         {"tmpdir": true, "homedir": true},
	"upath":      {"join": true, "resolve": true, "dirname": true, "basename": true, "normalize": true},
}

// TempDirFuncs name the shared system temporary directory.
var TempDirFuncs = map[string]bool{"tmpdir": true}

// ThreadIDModules export the worker thread's id (threadId).
var ThreadIDModules = map[string]bool{"worker_threads": true}

// fileLockNeedsPath are file-lock libraries whose lock call resolves the
// locked path first, so it fails with ENOENT when the path does not exist,
// unless the option named here is false (proper-lockfile's realpath).
var fileLockNeedsPath = map[string]struct {
	methods map[string]bool
	option  string
}{
	"proper-lockfile": {map[string]bool{"lock": true, "lockSync": true}, "realpath"},
}

// FileLockOnExistingPath reports a file-lock call that needs its path to
// exist (proper-lockfile's lock(dir) resolves dir's real path first), and
// that path.
func FileLockOnExistingPath(call syntax.Node, env Env) (syntax.Node, bool) {
	if env == nil {
		return syntax.Node{}, false
	}
	lib, ok := fileLockNeedsPath[strings.TrimPrefix(env.ImportSpec(call), "node:")]
	if !ok {
		return syntax.Node{}, false
	}
	m := Method(call)
	args := Args(call)
	if !lib.methods[m] || len(args) == 0 {
		return syntax.Node{}, false
	}
	if len(args) > 1 && ObjectProp(args[1], lib.option).Is(syntax.KFalse) {
		return syntax.Node{}, false
	}
	return args[0], true
}

// IsDirCreate reports calls that create a directory: mkdir, fs-extra's
// ensureDir/mkdirp/mkdirs.
func IsDirCreate(call syntax.Node, env Env) (syntax.Node, bool) {
	if c, ok := ClassifyFS(call, env); ok && c.Kind == FSUse && strings.HasPrefix(c.Method, "mkdir") {
		return c.Paths[0], true
	}
	m := Method(call)
	spec := ""
	if env != nil {
		spec = strings.TrimPrefix(env.ImportSpec(call), "node:")
	}
	if fsModules[spec] && dirCreators[m] {
		if args := Args(call); len(args) > 0 {
			return args[0], true
		}
	}
	return syntax.Node{}, false
}

var dirCreators = storeNames("ensureDir", "ensureDirSync", "mkdirp", "mkdirpSync", "mkdirs", "mkdirsSync")

// symlinkRepointers re-point a symbolic link at a new target, replacing the
// link that is there: the index of the link path argument.
var symlinkRepointers = map[string]map[string]int{
	"symlink-dir": {"": 1, "sync": 1},
	"fs-extra":    {"ensureSymlink": 1, "ensureSymlinkSync": 1, "createSymlink": 1, "createSymlinkSync": 1},
}

// SymlinkRepoint reports a call that (re)points a symbolic link, and the
// link's path: symlinkDir(target, link), fse.ensureSymlink(target, link).
func SymlinkRepoint(call syntax.Node, env Env) (syntax.Node, bool) {
	if env == nil {
		return syntax.Node{}, false
	}
	lib, ok := symlinkRepointers[strings.TrimPrefix(env.ImportSpec(call), "node:")]
	if !ok {
		return syntax.Node{}, false
	}
	chain, m := Callee(call)
	key := m
	if len(chain) == 0 && lib[m] == 0 {
		key = ""
	}
	i, ok := lib[key]
	args := Args(call)
	if !ok || i >= len(args) {
		return syntax.Node{}, false
	}
	return args[i], true
}

// IsPathBuilder reports path.join(...) and the like, whose arguments are
// not used as paths by the call itself.
func IsPathBuilder(call syntax.Node, env Env) bool {
	if env == nil {
		return false
	}
	m := Method(call)
	return PathBuilders[strings.TrimPrefix(env.ImportSpec(call), "node:")][m]
}

// fileLockLibraries hold a lock on a file or directory across processes:
// the methods that take it.
var fileLockLibraries = map[string]map[string]bool{
	"proper-lockfile": {"lock": true, "lockSync": true},
	"lockfile":        {"lock": true, "lockSync": true},
	"fs-ext":          {"flock": true, "flockSync": true},
}

// IsFileLock reports a call that takes a lock held across processes
// (proper-lockfile's lock(path)).
func IsFileLock(call syntax.Node, env Env) bool {
	if env == nil {
		return false
	}
	lib, ok := fileLockLibraries[strings.TrimPrefix(env.ImportSpec(call), "node:")]
	if !ok {
		return false
	}
	m := Method(call)
	return lib[m]
}
