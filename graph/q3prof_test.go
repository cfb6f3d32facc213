package graph

import (
	"context"
	"os"
	"testing"
)

func BenchmarkQ3uProbe(b *testing.B) {
	path := os.Getenv("PROBE_DB")
	if path == "" {
		b.Skip()
	}
	s, err := Open(context.Background(), Options{Backend: Bolt, Path: path, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	q := os.Getenv("PROBE_Q")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs, err := s.Query(context.Background(), q, QueryOptions{Limit: -1})
		if err != nil || len(rs) == 0 {
			b.Fatal(err, len(rs))
		}
	}
}
