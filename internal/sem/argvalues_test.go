package sem

import "testing"

// TestChangesExternalStateArgs: a helper that picks its request by a
// parameter (a switch or an if on a method name) writes only in the
// branches the call's arguments, or the parameters' defaults, reach;
// the values follow a parameter handed on to an inner helper.
func TestChangesExternalStateArgs(t *testing.T) {
	f := load(t, `
import axios from "axios";
const api = async (url: string, payload: any = "", method: "get" | "post" | "delete" = "get") => {
  const fetcher = async (url: string, payload?: any, method: "get" | "post" | "delete" = "get") => {
    switch (method) {
      case "get":
        return (await axios.get(url)).data;
      case "post":
        return (await axios.post(url, payload)).data;
      case "delete":
      default:
        return (await axios.delete(url)).data;
    }
  };
  return await fetcher(url, payload, method);
};
export const getIt = async (url: string) => await api(url);
export const postIt = async (url: string, body: any) => await api(url, body, "post");
export const other = async (url: string) => await api(url, "", "patch");
async function save(doc: any, dryRun = false) {
  if (dryRun) {
    return await axios.get("/check");
  }
  return await axios.put("/doc", doc);
}
async function client(path: string, opts: { method: string }) {
  return await axios.request({ url: path, method: opts.method });
}
const pick = async (u: string, m = "get") => (m === "get" ? await axios.get(u) : await axios.post(u));
async function spread(...modes: string[]) {
  if (modes) return await axios.get("/r");
  return await axios.post("/r");
}
getIt("/a");
pick("/e");
pick("/f", "post");
spread("get");
postIt("/b", {});
other("/c");
api("/d", "", mode);
save(doc, /* dry run */ true);
save(doc);
save(doc, flag);
`)
	want := map[string]bool{
		`getIt("/a")`:                   false,
		`postIt("/b", {})`:              true,
		`other("/c")`:                   true, // no case matches: the default deletes
		`api("/d", "", mode)`:           true,
		`save(doc, /* dry run */ true)`: false,
		`save(doc)`:                     true,
		`save(doc, flag)`:               true,
		`pick("/e")`:                    false,
		`pick("/f", "post")`:            true,
		`spread("get")`:                 true, // a rest parameter holds an array, not the argument
	}
	seen := 0
	for _, c := range f.Calls() {
		w, ok := want[c.Text()]
		if !ok {
			continue
		}
		seen++
		if got := f.ChangesExternalState(c); got != w {
			a, _ := f.StoreAccess(c)
			t.Errorf("%s: ChangesExternalState = %v, want %v (access %v)", c.Text(), got, w, a.Op)
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d calls, want %d", seen, len(want))
	}
}
