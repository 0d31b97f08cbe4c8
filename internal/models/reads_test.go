package models

import "testing"

func TestIsReadName(t *testing.T) {
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
		if got := IsReadName(c.name); got != c.want {
			t.Errorf("IsReadName(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestConnectionNames(t *testing.T) {
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
		if got := IsConnectionName(c.name); got != c.receiver {
			t.Errorf("IsConnectionName(%q) = %v, want %v", c.name, got, c.receiver)
		}
		if got := HandsOverConnection(c.name); got != c.handedOver {
			t.Errorf("HandsOverConnection(%q) = %v, want %v", c.name, got, c.handedOver)
		}
	}
}
