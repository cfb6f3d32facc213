package data

import "testing"

func TestDefaultLoads(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	if len(g.Entities) == 0 {
		t.Fatal("Default: no entities")
	}
}
