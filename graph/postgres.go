package graph

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// This file reads and writes named graphs in a PostgreSQL store with set
// statements instead of Cayley's row-at-a-time ones. The rows are exactly
// those Cayley writes (graph/sql at the pinned commit): a nodes table
// keyed by the SHA-1 of each value's N-Quads form with a reference count,
// and a quads table of four such hashes. Cayley reads them back as usual.

// pgRows is how many rows one statement inserts or deletes; with at most
// four parameters a row it stays far below PostgreSQL's 65535.
const pgRows = 2000

// pgQuad is a quad as the quads table holds it.
type pgQuad [4]refs.ValueHash // subject, predicate, object, label

func pgQuadOf(q quad.Quad) pgQuad {
	return pgQuad{refs.HashOf(q.Subject), refs.HashOf(q.Predicate), refs.HashOf(q.Object), refs.HashOf(q.Label)}
}

// hashArg returns a hash as a query argument: NULL for no value.
func hashArg(h refs.ValueHash) any {
	return csql.NodeHash{ValueHash: h}.SQLValue()
}

// pgGraphs returns the quads of each graph in labels, by label, reading
// them with two queries per pgRows labels.
func pgGraphs(ctx context.Context, db *sql.DB, labels []quad.Value) (map[quad.Value][]quad.Quad, error) {
	out := make(map[quad.Value][]quad.Quad, len(labels))
	byHash := make(map[refs.ValueHash]quad.Value, len(labels))
	for _, l := range labels {
		byHash[refs.HashOf(l)] = l
	}
	for start := 0; start < len(labels); start += pgRows {
		chunk := labels[start:min(start+pgRows, len(labels))]
		arg := make(pq.ByteaArray, len(chunk))
		for i, l := range chunk {
			h := refs.HashOf(l)
			arg[i] = h[:]
		}
		rows, err := db.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads WHERE label_hash = ANY($1)`, arg)
		if err != nil {
			return nil, err
		}
		var quads []pgQuad
		for rows.Next() {
			var q [4]csql.NodeHash
			if err := rows.Scan(&q[0], &q[1], &q[2], &q[3]); err != nil {
				rows.Close()
				return nil, err
			}
			quads = append(quads, pgQuad{q[0].ValueHash, q[1].ValueHash, q[2].ValueHash, q[3].ValueHash})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		vals, err := pgValues(ctx, db, quads)
		if err != nil {
			return nil, err
		}
		for _, h := range quads {
			label := byHash[h[3]]
			q := quad.Quad{Subject: vals[h[0]], Predicate: vals[h[1]], Object: vals[h[2]], Label: label}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return nil, fmt.Errorf("quad of graph %s names a missing node", label)
			}
			out[label] = append(out[label], q)
		}
	}
	return out, nil
}

// pgValues reads the values of every node the quads name.
func pgValues(ctx context.Context, db *sql.DB, quads []pgQuad) (map[refs.ValueHash]quad.Value, error) {
	vals := make(map[refs.ValueHash]quad.Value)
	var hashes pq.ByteaArray
	for _, q := range quads {
		for _, h := range q[:3] {
			if _, ok := vals[h]; !ok {
				vals[h] = nil
				hashes = append(hashes, append([]byte(nil), h[:]...))
			}
		}
	}
	for start := 0; start < len(hashes); start += pgRows {
		chunk := hashes[start:min(start+pgRows, len(hashes))]
		rows, err := db.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
			value_int, value_bool, value_float, value_time FROM nodes WHERE hash = ANY($1)`, chunk)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			h, v, err := scanNode(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			vals[h] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return vals, nil
}

// scanNode decodes a row of the nodes table as Cayley's sql QuadStore
// does in NameOf.
func scanNode(rows *sql.Rows) (refs.ValueHash, quad.Value, error) {
	var (
		hash   csql.NodeHash
		data   []byte
		str    sql.NullString
		typ    sql.NullString
		lang   sql.NullString
		iri    sql.NullBool
		bnode  sql.NullBool
		vint   sql.NullInt64
		vbool  sql.NullBool
		vfloat sql.NullFloat64
		vtime  sql.NullTime
	)
	if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vbool, &vfloat, &vtime); err != nil {
		return hash.ValueHash, nil, err
	}
	unescape := func(s string) quad.String { return quad.String(strings.ReplaceAll(s, `\x00`, "\x00")) }
	var v quad.Value
	switch {
	case str.Valid && iri.Bool:
		v = quad.IRI(str.String)
	case str.Valid && bnode.Bool:
		v = quad.BNode(str.String)
	case str.Valid && lang.Valid:
		v = quad.LangString{Value: unescape(str.String), Lang: lang.String}
	case str.Valid && typ.Valid:
		v = quad.TypedString{Value: unescape(str.String), Type: quad.IRI(typ.String)}
	case str.Valid:
		v = unescape(str.String)
	case vint.Valid:
		v = quad.Int(vint.Int64)
	case vbool.Valid:
		v = quad.Bool(vbool.Bool)
	case vfloat.Valid:
		v = quad.Float(vfloat.Float64)
	case vtime.Valid:
		v = quad.Time(vtime.Time.UTC())
	default:
		var err error
		if v, err = pquads.UnmarshalValue(data); err != nil {
			return hash.ValueHash, nil, fmt.Errorf("decode node value: %w", err)
		}
	}
	return hash.ValueHash, v, nil
}

// pgApply applies deltas in one PostgreSQL transaction, keeping the node
// reference counts exact: quads to delete that are not stored and quads
// to add that are stored already change nothing.
//
// With noFKChecks the transaction runs with session_replication_role =
// replica, which skips the foreign-key triggers of the quads table (four
// lookups and row locks on nodes for every quad). The order of the writes
// keeps the constraints true: nodes are added before the quads that name
// them, and a node is deleted only when its reference count, kept exact
// here, reaches zero.
func pgApply(ctx context.Context, db *sql.DB, deltas []cgraph.Delta, noFKChecks bool) error {
	var adds, dels []quad.Quad
	for _, d := range deltas {
		if d.Action == cgraph.Delete {
			dels = append(dels, d.Quad)
		} else {
			adds = append(adds, d.Quad)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if noFKChecks {
		if _, err := tx.ExecContext(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return fmt.Errorf("skip foreign-key checks: %w", err)
		}
	}

	refsDelta := make(map[refs.ValueHash]int)
	count := func(q pgQuad, n int) {
		for _, h := range q {
			if h.Valid() {
				refsDelta[h] += n
			}
		}
	}
	deleted, err := pgDeleteQuads(ctx, tx, dels)
	if err != nil {
		return fmt.Errorf("delete quads: %w", err)
	}
	for _, q := range deleted {
		count(q, -1)
	}
	if err := pgAddNodes(ctx, tx, adds); err != nil {
		return fmt.Errorf("add nodes: %w", err)
	}
	inserted, err := pgInsertQuads(ctx, tx, adds)
	if err != nil {
		return fmt.Errorf("insert quads: %w", err)
	}
	used := make(map[pgQuad]bool, len(inserted))
	for _, q := range adds {
		if h := pgQuadOf(q); inserted[h] && !used[h] {
			used[h] = true
		} else {
			count(h, -1) // stored already, or twice in adds: undo pgAddNodes' count
		}
	}
	if err := pgReleaseNodes(ctx, tx, refsDelta); err != nil {
		return fmt.Errorf("release nodes: %w", err)
	}
	return tx.Commit()
}

// placeholders returns "($1, $2, ...), (...)" for rows of n arguments,
// with an SQL suffix per row (such as ", now()").
func placeholders(rows, n int, cast []string, suffix string) string {
	var b strings.Builder
	k := 1
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(k))
			if cast != nil {
				b.WriteString(cast[i])
			}
			k++
		}
		b.WriteString(suffix)
		b.WriteByte(')')
	}
	return b.String()
}

// pgDeleteQuads deletes the stored ones of qs and returns them.
func pgDeleteQuads(ctx context.Context, tx *sql.Tx, qs []quad.Quad) ([]pgQuad, error) {
	var deleted []pgQuad
	cast := []string{"::bytea", "::bytea", "::bytea", "::bytea"}
	for start := 0; start < len(qs); start += pgRows {
		chunk := qs[start:min(start+pgRows, len(qs))]
		args := make([]any, 0, 4*len(chunk))
		for _, q := range chunk {
			for _, h := range pgQuadOf(q) {
				args = append(args, hashArg(h))
			}
		}
		rows, err := tx.QueryContext(ctx, `DELETE FROM quads AS q USING (VALUES `+placeholders(len(chunk), 4, cast, "")+`) AS d(s, p, o, l)
			WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o
			AND (q.label_hash = d.l OR (q.label_hash IS NULL AND d.l IS NULL))
			RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h [4]csql.NodeHash
			if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
				rows.Close()
				return nil, err
			}
			deleted = append(deleted, pgQuad{h[0].ValueHash, h[1].ValueHash, h[2].ValueHash, h[3].ValueHash})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return deleted, nil
}

// pgAddNodes counts one reference for every value of every quad in qs,
// inserting the nodes that are new.
func pgAddNodes(ctx context.Context, tx *sql.Tx, qs []quad.Quad) error {
	type node struct {
		hash refs.ValueHash
		val  quad.Value
		n    int
	}
	nodes := make(map[refs.ValueHash]*node)
	for _, q := range qs {
		for _, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			if n := nodes[h]; n != nil {
				n.n++
			} else {
				nodes[h] = &node{hash: h, val: v, n: 1}
			}
		}
	}
	// Grouped by the columns their type fills, the groups in type order
	// and each in hash order, so that concurrent writers lock rows in the
	// same order.
	groups := make(map[csql.ValueType][][]any)
	for _, n := range nodes {
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: n.hash}, n.val)
		if err != nil {
			return err
		}
		groups[typ] = append(groups[typ], append([]any{n.n}, vals...))
	}
	types := make([]csql.ValueType, 0, len(groups))
	for typ := range groups {
		types = append(types, typ)
	}
	slices.Sort(types)
	for _, typ := range types {
		rows := groups[typ]
		sort.Slice(rows, func(i, j int) bool { return bytes.Compare(rows[i][1].([]byte), rows[j][1].([]byte)) < 0 })
		cols := "refs, hash, " + strings.Join(typ.Columns(), ", ")
		width := len(rows[0])
		for start := 0; start < len(rows); start += pgRows {
			chunk := rows[start:min(start+pgRows, len(rows))]
			args := make([]any, 0, width*len(chunk))
			for _, r := range chunk {
				args = append(args, r...)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO nodes(`+cols+`) VALUES `+placeholders(len(chunk), width, nil, "")+`
				ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`, args...)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// pgInsertQuads inserts the quads of qs that are not stored yet and
// returns the set it inserted.
func pgInsertQuads(ctx context.Context, tx *sql.Tx, qs []quad.Quad) (map[pgQuad]bool, error) {
	inserted := make(map[pgQuad]bool, len(qs))
	for start := 0; start < len(qs); start += pgRows {
		chunk := qs[start:min(start+pgRows, len(qs))]
		args := make([]any, 0, 4*len(chunk))
		for _, q := range chunk {
			for _, h := range pgQuadOf(q) {
				args = append(args, hashArg(h))
			}
		}
		rows, err := tx.QueryContext(ctx, `INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts)
			VALUES `+placeholders(len(chunk), 4, nil, ", now()")+`
			ON CONFLICT DO NOTHING
			RETURNING subject_hash, predicate_hash, object_hash, label_hash`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h [4]csql.NodeHash
			if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
				rows.Close()
				return nil, err
			}
			inserted[pgQuad{h[0].ValueHash, h[1].ValueHash, h[2].ValueHash, h[3].ValueHash}] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return inserted, nil
}

// pgReleaseNodes subtracts references from nodes (delta holds negative
// counts) and removes the nodes no quad refers to any more.
func pgReleaseNodes(ctx context.Context, tx *sql.Tx, delta map[refs.ValueHash]int) error {
	type upd struct {
		hash []byte
		n    int
	}
	var ups []upd
	for h, n := range delta {
		if n != 0 {
			ups = append(ups, upd{append([]byte(nil), h[:]...), n})
		}
	}
	sort.Slice(ups, func(i, j int) bool { return bytes.Compare(ups[i].hash, ups[j].hash) < 0 })
	cast := []string{"::bytea", "::int"}
	for start := 0; start < len(ups); start += pgRows {
		chunk := ups[start:min(start+pgRows, len(ups))]
		args := make([]any, 0, 2*len(chunk))
		hashes := make(pq.ByteaArray, 0, len(chunk))
		for _, u := range chunk {
			args = append(args, u.hash, u.n)
			hashes = append(hashes, u.hash)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs + d.n
			FROM (VALUES `+placeholders(len(chunk), 2, cast, "")+`) AS d(h, n) WHERE nodes.hash = d.h`, args...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, hashes); err != nil {
			return err
		}
	}
	return nil
}

// resetSQLCaches makes Cayley's sql QuadStore forget the store size it
// may have cached, after writes that went around it: an empty
// ApplyDeltas does that.
func resetSQLCaches(qs cgraph.QuadStore) {
	_ = qs.ApplyDeltas(nil, cgraph.IgnoreOpts{})
}

// pgMaySkipTriggers reports whether the connected role may set
// session_replication_role: a superuser, or on PostgreSQL 15 and later a
// role granted SET on that parameter.
func pgMaySkipTriggers(ctx context.Context, db *sql.DB) bool {
	var super bool
	if err := db.QueryRowContext(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err == nil && super {
		return true
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil || version < 150000 {
		return false
	}
	var may bool
	err := db.QueryRowContext(ctx, `SELECT has_parameter_privilege('session_replication_role', 'SET')`).Scan(&may)
	return err == nil && may
}
