//! C fixture: a hash table module with named and typedef'd structs, a union, enums, pointer-
//! returning functions, `goto` cleanup, `switch`, `do`/`while`, preprocessor conditionals.

use super::{analyze, metrics, outline};
use crate::lang::Language;

const SRC: &str = r#"#include <stdlib.h>
#include <string.h>

enum kind { K_INT, K_STR };

struct entry {
    char *key;
    union {
        long i;
        char *s;
    } value;
    struct entry *next;
};

typedef struct {
    struct entry **buckets;
    size_t size;
} table_t;

typedef union number { long i; double d; } number_t;

static unsigned long hash(const char *s)
{
    unsigned long h = 5381;
    int c;
    while ((c = *s++))
        h = ((h << 5) + h) + c;
    return h;
}

struct entry *table_find(table_t *t, const char *key)
{
    struct entry *e = t->buckets[hash(key) % t->size];
    for (; e != NULL; e = e->next) {
        if (e->key && strcmp(e->key, key) == 0)
            return e;
    }
    return NULL;
}

int table_put(table_t *t, const char *key, enum kind k, ...)
{
    struct entry *e = malloc(sizeof *e);
    if (!e)
        goto fail;
    e->key = strdup(key);
    if (!e->key)
        goto fail;
    switch (k) {
    case K_INT:
        e->value.i = 0;
        break;
    case K_STR:
        e->value.s = NULL;
        break;
    default:
        goto fail;
    }
#ifdef TABLE_DEBUG
    do {
        fprintf(stderr, "put %s\n", key);
    } while (0);
#endif
    return k == K_INT ? 0 : 1;
fail:
    free(e);
    return -1;
}

void table_free(void)
{
}
"#;

#[test]
fn components_spans_and_names() {
    let a = analyze(Language::C, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "enum kind 4-4 methods=0",
            "struct entry 6-13 methods=0",
            "struct table_t 15-18 methods=0",
            "union number 20-20 methods=0",
            "function hash 22-29",
            "function table_find 31-39",
            "function table_put 41-68",
            "function table_free 70-72",
        ]
    );
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::C, SRC);
    assert_eq!(metrics(&a, "hash"), (2, 1, 1, 1, 26));
    // table_find: for +1, if +2, `&&` +1.
    assert_eq!(metrics(&a, "table_find"), (4, 4, 2, 2, 35));
    // table_put: if +1, goto +1, if +1, goto +1, switch +1, goto +1, do +1, ternary +1 = 8.
    // Cyclomatic: if, if, 2 cases, do, ?: = 6 + 1. `...` is not a parameter.
    assert_eq!(metrics(&a, "table_put"), (7, 8, 3, 1, 44));
    // `(void)` declares no parameter.
    assert_eq!(metrics(&a, "table_free"), (1, 0, 0, 0, 0));
}
