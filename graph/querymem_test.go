package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestQueryMemory: a script that grows an array without end is stopped
// by the memory watchdog, well before its timeout, and the store answers
// the next query.
func TestQueryMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates tens of MiB; skipped with -short")
	}
	ctx := context.Background()
	s, err := Open(ctx, Options{Backend: Memstore})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{
		`var a = []; while (true) { a.push("xxxxxxxxxxxxxxxx") }`,
		`var big = []; g.V().ForEach(function(v) {}); while (true) { big.push({k: "xxxxxxxxxxxxxxxx" + big.length}) }`,
	} {
		start := time.Now()
		_, err := s.Query(ctx, q, QueryOptions{Memory: 32 << 20, Timeout: 60 * time.Second})
		if !errors.Is(err, ErrQueryMemory) || !strings.Contains(err.Error(), "too much memory") {
			t.Errorf("%s: err = %v, want ErrQueryMemory", q, err)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%s: stopped after %v", q, d)
		}
		res, err := s.Query(ctx, `g.Emit(1)`, QueryOptions{})
		if err != nil || len(res) == 0 {
			t.Errorf("next query: %v %v", res, err)
		}
	}
	// A query that stays within its budget is not stopped.
	if _, err := s.Query(ctx, `var a = []; for (var i = 0; i < 1000; i++) { a.push(i) }; g.Emit(a.length)`, QueryOptions{Memory: 32 << 20}); err != nil {
		t.Errorf("small query: %v", err)
	}
}

func TestSizeString(t *testing.T) {
	for n, want := range map[uint64]string{512 << 20: "512 MiB", 1 << 30: "1 GiB", 64 << 10: "64 KiB", 1000: "1000 bytes"} {
		if got := sizeString(n); got != want {
			t.Errorf("sizeString(%d) = %q, want %q", n, got, want)
		}
	}
}
