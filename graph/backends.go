package graph

// Cayley backends. Importing them registers them with Cayley's store
// registry, as stock cayley does; Open builds bolt, leveldb and memstore
// stores directly and postgres through the registry.
import (
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)
