//! Go fixture: a small HTTP store with a struct, an interface, a generic type, methods with
//! pointer and value receivers, a type switch, `select`, closures, labelled loops.

use super::{analyze, find, metrics, outline};
use crate::lang::Language;
use crate::model::facts::ComponentKind;

const SRC: &str = r#"package store

import (
	"errors"
	"net/http"
)

type Getter interface {
	Get(key string) ([]byte, error)
	Keys() []string
}

type (
	Store struct {
		mu   sync.Mutex
		data map[string][]byte
	}
	Option func(*Store)
)

type Page[T any] struct {
	Items []T
	Next  string
}

func New(opts ...Option) *Store {
	s := &Store{data: map[string][]byte{}}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

func (s *Store) Get(key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.data[key]; ok && v != nil {
		return v, nil
	} else if key == "" {
		return nil, errors.New("empty key")
	}
	return nil, ErrNotFound
}

func (s Store) Keys() []string {
	keys := make([]string, 0, len(s.data))
	for k := range s.data {
		keys = append(keys, k)
	}
	return keys
}

func (p *Page[T]) Len() int { return len(p.Items) }

func describe(v interface{}, a, b int, done <-chan struct{}) string {
	switch x := v.(type) {
	case int, int64:
		return "int"
	case string:
		if x == "" {
			return "empty"
		}
		return "string"
	default:
		select {
		case <-done:
			return "done"
		default:
		}
	}
	handler := func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL == nil {
			w.WriteHeader(405)
		}
	}
	_ = handler
outer:
	for i := 0; i < a; i++ {
		for j := 0; j < b; j++ {
			if i*j > 10 {
				break outer
			}
		}
	}
	return "other"
}
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::Go, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "interface Getter 8-11 methods=2",
            "struct Store 14-17 methods=2",
            "struct Page 21-24 methods=1",
            "function New 26-32",
            "method Store.Get 34-43",
            "method Store.Keys 45-51",
            "method Page.Len 53-53",
            "function describe 55-86",
        ]
    );
    let get = find(&a, "Store.Get");
    assert_eq!(
        (get.kind, get.name.as_str()),
        (ComponentKind::Method, "Get")
    );
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::Go, SRC);
    // New: for +1; a variadic parameter.
    assert_eq!(metrics(&a, "New"), (2, 1, 1, 1, 28));
    // Get: if +1, `&&` +1, else if +1; the receiver is not a parameter.
    assert_eq!(metrics(&a, "Store.Get"), (4, 3, 1, 1, 37));
    assert_eq!(metrics(&a, "Store.Keys"), (2, 1, 0, 1, 47));
    assert_eq!(metrics(&a, "Page.Len"), (1, 0, 0, 0, 0));
    // describe: type switch +1, if +2, select +2; the closure nests: if +2, `||` +1; for +1,
    // for +2, if +3, break outer +1 = 15. Cyclomatic: 2 type cases, if, 1 select case, if, ||,
    // for, for, if = 9 + 1. `a, b int` is two parameters. Deepest: for, for, if (line 80).
    assert_eq!(metrics(&a, "describe"), (10, 15, 4, 3, 80));
}
