package models

import "testing"

func TestIsReadName(t *testing.T) {
	names := NewReadNames(nil, nil)
	for _, c := range []struct {
		name string
		want bool
	}{
		{"getUser", true},
		{"findMany", true},
		{"fetch_prices", true},
		{"countOrders", true},
		{"searchIndex", true},
		{"getOrCreateUser", false},   // a write word
		{"findOneAndUpdate", false},  // a write word
		{"fetchAndLock", false},      // a lock
		{"getConnection", false},     // hands out a connection
		{"getClient", false},         // hands out a connection
		{"read", false},              // consumes a stream
		{"existsUser", false},        // guards what follows
		{"query", false},             // runs any SQL
		{"updateUser", false},        // not a read verb
		{"", false},                  // no name
		{"getCacheEntry", true},      // cache is not a write
		{"loadSettings", true},       // load reads
		{"listQueueMessages", true},  // list reads
		{"retrieveSession", true},    // session as a word of the name is data
		{"nextPage", false},          // not a read verb
		{"getNextJob", false},        // next takes from a queue
		{"lookupAndRegister", false}, // register writes
	} {
		if got := names.IsRead(c.name); got != c.want {
			t.Errorf("IsRead(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestConnectionNames(t *testing.T) {
	names := NewReadNames(nil, nil)
	for _, c := range []struct {
		name                 string
		receiver, handedOver bool
	}{
		{"tx", true, true},
		{"queryRunner", true, true},
		{"stream", true, true},
		{"manager()", true, false},
		{"client", false, true},
		{"res", false, true},
		{"db", false, false},
		{"pool", false, false},
		{"userRepository", false, false},
	} {
		if got := names.IsConnection(c.name); got != c.receiver {
			t.Errorf("IsConnection(%q) = %v, want %v", c.name, got, c.receiver)
		}
		if got := names.HandsOver(c.name); got != c.handedOver {
			t.Errorf("HandsOver(%q) = %v, want %v", c.name, got, c.handedOver)
		}
	}
}

// TestProjectReadNames: a project's lists replace the defaults; verbs match
// in any case, the write words still exclude, connection names match
// exactly.
func TestProjectReadNames(t *testing.T) {
	names := NewReadNames([]string{"Obtain"}, []string{"db"})
	for name, want := range map[string]bool{"obtainUser": true, "obtain_orders": true, "getUser": false, "obtainOrCreateUser": false} {
		if got := names.IsRead(name); got != want {
			t.Errorf("IsRead(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"db": true, "tx": false, "DB": false} {
		if got := names.IsConnection(name); got != want {
			t.Errorf("IsConnection(%q) = %v, want %v", name, got, want)
		}
	}
	if !names.HandsOver("res") {
		t.Error("HandsOver(res) = false: the response is handed over whatever the lists")
	}
	if d := DefaultReadVerbs(); d[0] != "get" || len(d) != 9 {
		t.Errorf("DefaultReadVerbs() = %q", d)
	}
}
