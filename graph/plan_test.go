package graph

import (
	"reflect"
	"testing"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/stancegraph/stancegraph/schema"
)

// TestQueryPlans checks the plans planQS makes (plan.go, hop.go) on each
// store: a tagged predicate list is split per predicate; the step into a
// Unique reads index keys on kv stores when it goes from objects to
// subjects, and otherwise gets a Unique on its input (kv stores,
// memstore; on PostgreSQL both become SELECT DISTINCT), unless tags are below it; on kv
// stores and the memstore a step from a set of nodes looks its quads up
// node by node.
// testTaggedPredicates and testHopUniques check the answers.
func TestQueryPlans(t *testing.T) {
	stores := map[string]opener{"memstore": openMemstore, "bolt": openBoltStore, "leveldb": openLevelDBStore, "postgres": openPostgresStore}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			replace(t, s, hopBatches()...)
			qs := s.queryQS()
			a := quad.IRI(schema.EntityIRI(schema.KindState, "AAA"))
			sup, opp := quad.IRI(schema.Supports), quad.IRI(schema.Opposes)
			// want picks the expected count for this kind of store.
			// counts are the shapes of each kind a plan should have:
			// split lists, Uniques, distinct hops, index hops, SELECT
			// DISTINCTs, Has checks.
			type counts [6]int
			kv := name == "bolt" || name == "leveldb"
			pick := func(pg, kvc, mem counts) counts {
				switch {
				case name == "postgres":
					return pg
				case kv:
					return kvc
				}
				return mem
			}
			tests := []struct {
				name string
				p    *path.Path
				want counts
			}{
				{"tagged list", path.StartPath(qs, a).OutWithTags([]string{"p"}, sup, opp), counts{1, 0, 0, 0, 0, 0}},
				// Unique(In(sup) from X): keys of the osp index, X made unique.
				// On PostgreSQL both Uniques are SELECT DISTINCTs.
				{"two hops", path.StartPath(qs, a).Out(sup).In(sup).Unique(),
					pick(counts{0, 0, 0, 0, 2, 0}, counts{0, 1, 1, 0, 0, 0}, counts{0, 2, 0, 1, 0, 0})},
				{"two hops, first unique", path.StartPath(qs, a).Out(sup).Unique().In(sup).Unique(),
					pick(counts{0, 0, 0, 0, 2, 0}, counts{0, 1, 1, 0, 0, 0}, counts{0, 2, 0, 1, 0, 0})},
				// Tags below: the paths count, each quad is read.
				{"two hops, tagged", path.StartPath(qs, a).Out(sup).Tag("t").In(sup).Unique(),
					pick(counts{0, 1, 0, 0, 0, 0}, counts{0, 1, 0, 1, 0, 0}, counts{0, 1, 0, 1, 0, 0})},
				// Each hop deduplicated; the last, outwards, by index lookups.
				{"three hops", path.StartPath(qs, a).Out(sup).In(sup).Out(opp).Unique(),
					pick(counts{0, 0, 0, 0, 3, 0}, counts{0, 2, 1, 1, 0, 0}, counts{0, 3, 0, 2, 0, 0})},
				// Has(p, o) on a smaller set: an index lookup a node on kv
				// stores.
				{"has", path.StartPath(qs, a).Out(sup).Has(opp, quad.IRI(schema.EntityIRI(schema.KindProposal, "z"))),
					pick(counts{}, counts{0, 0, 0, 0, 0, 1}, counts{})},
			}
			for _, tt := range tests {
				sh, _ := shape.Optimize(t.Context(), tt.p.Shape(), qs)
				n := countShapes(reflect.ValueOf(sh))
				got := counts{n[reflect.TypeOf(planned{})], n[reflect.TypeOf(shape.Unique{})],
					n[reflect.TypeOf(distinctHop{})], n[reflect.TypeOf(indexHop{})], n[distinctSQL], n[reflect.TypeOf(hasCheck{})]}
				if got != tt.want {
					t.Errorf("%s: split lists, Uniques, distinct hops, index hops, SELECT DISTINCTs, Has checks = %v, want %v; plan %#v", tt.name, got, tt.want, sh)
				}
			}
		})
	}
}

// countShapes counts the shapes of each type in a plan, bounds and the
// planner's own shapes included, but not the plain plans that these keep
// for lookups nor the shapes a SELECT was merged from. SELECT DISTINCTs
// are counted under distinctSQL.
func countShapes(v reflect.Value) map[reflect.Type]int {
	n := map[reflect.Type]int{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		if v.Kind() == reflect.Interface {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		if v.Type().Implements(shapeType) {
			n[v.Type()]++
			// (reached through exported fields: bounds hold the SELECTs)
			if v.CanInterface() {
				if sel, ok := v.Interface().(csql.Select); ok && isDistinct(sel) {
					n[distinctSQL]++
				}
			}
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if name := v.Type().Field(i).Name; name != "plain" && name != "merged" {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(v)
	return n
}

// distinctSQL is the key countShapes counts SELECT DISTINCTs under.
var distinctSQL = reflect.TypeOf(struct{ distinct bool }{})

// hopBatch is a statement in which AAA and BBB share positions, each
// stated twice, so that a second hop meets nodes more than once.
func hopBatches() []Batch {
	st := schema.StatementIRI("hops.txt", 0)
	a, b, c := schema.EntityIRI(schema.KindState, "AAA"), schema.EntityIRI(schema.KindState, "BBB"), schema.EntityIRI(schema.KindState, "CCC")
	x, y, z := schema.EntityIRI(schema.KindProposal, "x"), schema.EntityIRI(schema.KindProposal, "y"), schema.EntityIRI(schema.KindProposal, "z")
	var out []Batch
	for _, lbl := range []quad.IRI{st, st + "-again"} {
		q := func(s, p, o quad.IRI) quad.Quad { return quad.Quad{Subject: s, Predicate: p, Object: o, Label: lbl} }
		out = append(out, Batch{Label: lbl, Quads: []quad.Quad{q(a, schema.Supports, x), q(a, schema.Supports, y), q(b, schema.Supports, x),
			q(c, schema.Supports, y), q(b, schema.Opposes, z), q(c, schema.Opposes, x), q(a, schema.Opposes, z)}})
	}
	return out
}
