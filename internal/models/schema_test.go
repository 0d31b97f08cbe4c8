package models

import "testing"

func TestIsSchemaChange(t *testing.T) {
	tests := []struct {
		chain  []string
		method string
		want   bool
	}{
		{[]string{"knex", "schema"}, "createTable", true},
		{[]string{"queryInterface"}, "addColumn", true},
		{[]string{"collection"}, "createIndex", true},
		{[]string{"db", "collection()"}, "dropIndexes", true},
		{[]string{"Model"}, "syncIndexes", true},
		{[]string{"client"}, "createTable", false},
		{nil, "createIndex", false},
		{[]string{"collection"}, "insertOne", false},
	}
	for _, tt := range tests {
		if got := IsSchemaChange(tt.chain, tt.method); got != tt.want {
			t.Errorf("IsSchemaChange(%q, %q) = %v, want %v", tt.chain, tt.method, got, tt.want)
		}
	}
}
