package models

// rejectionLoggers are frameworks whose server installs its own
// process-wide unhandledRejection handler that logs the rejection and
// keeps the process running, keyed by the npm package a project depends
// on: Next.js does so on purpose since 15.3 ("an unhandled rejection
// should not crash the whole server").
var rejectionLoggers = map[string]string{
	"next": "Next.js",
}

// RejectionLogger returns the name of a framework among deps (a
// package.json's dependencies) whose server logs unhandled rejections
// instead of ending the process, or "".
func RejectionLogger(deps map[string]string) string {
	for pkg, name := range rejectionLoggers {
		if _, ok := deps[pkg]; ok {
			return name
		}
	}
	return ""
}

// runtimeLoggers are runtimes that log an unhandled rejection and go on,
// by the module whose import of one of the names marks code that runs in
// them: Electron runs its main process with --unhandled-rejections=warn,
// and only the main process can use app and ipcMain (a renderer or a
// preload script imports ipcRenderer and contextBridge).
var runtimeLoggers = map[string]struct {
	what  string
	names map[string]bool
}{
	"electron": {"Electron's main process, which only warns of an unhandled rejection", nameSet("app", "ipcMain")},
}

// RuntimeLogger returns what names the runtime that code importing name
// from module spec runs in, when that runtime logs unhandled rejections
// and goes on, or "".
func RuntimeLogger(spec, name string) string {
	if r, ok := runtimeLoggers[spec]; ok && r.names[name] {
		return r.what
	}
	return ""
}

// stateHooks return a value and the function that replaces it
// (const [x, setX] = useState()): calling the setter only schedules a
// render, never throws, and calling it twice is harmless.
var stateHooks = map[string]bool{"useState": true, "useReducer": true}

// IsStateHook reports a React hook whose second array element is a state
// setter or dispatcher.
func IsStateHook(name string) bool { return stateHooks[name] }

// initialStateHooks are the state hooks whose argument, at the index
// given, is the state's initial value: React's useState(false), Solid's
// createSignal(false). The second element of what they return sets it.
var initialStateHooks = map[string]int{"useState": 0, "createSignal": 0}

// InitialStateArg reports whether name is a hook whose argument at the
// index returned is the initial value of the state its setter sets.
func InitialStateArg(name string) (int, bool) {
	i, ok := initialStateHooks[name]
	return i, ok
}

// loggerHandlers are logger factories, by package, that install
// process-wide handlers of uncaught exceptions and unhandled rejections
// when their options ask for it: a transport with handleExceptions or
// handleRejections set, or exceptionHandlers / rejectionHandlers given.
// With exitOnError false the handler logs and the process goes on (winston).
var loggerHandlers = map[string]map[string]bool{
	"winston": nameSet("createLogger", "Logger"),
}

// LoggerHandlerKeys are the options that make a logger of loggerHandlers
// handle uncaught exceptions or unhandled rejections.
var LoggerHandlerKeys = nameSet(LoggerHandlerOptions...)

// LoggerHandlerOptions lists LoggerHandlerKeys.
var LoggerHandlerOptions = []string{"handleExceptions", "handleRejections", "exceptionHandlers", "rejectionHandlers"}

// LoggerKeepAliveKey is the option that, set to false, keeps the process
// running after a logger of loggerHandlers has logged an uncaught error.
const LoggerKeepAliveKey = "exitOnError"

// IsLoggerHandler reports whether fn of the package spec makes a logger
// that can install process-wide error handlers.
func IsLoggerHandler(spec, fn string) bool { return loggerHandlers[spec][fn] }
