//! Python fixture: a small cache module with a decorated class, methods, a nested function, a
//! class method, a property, comprehensions and `with`.

use super::{analyze, find, metrics, outline};
use crate::lang::Language;
use crate::model::facts::ComponentKind;

const SRC: &str = r#"import functools
from typing import Optional


def memoize(func):
    cache = {}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = func(*args, **kwargs)
        return cache[key]

    return wrapper


@dataclass
class LruCache:
    """A bounded cache."""

    capacity: int = 128

    def __init__(self, capacity, *, clock=None):
        self.capacity = capacity
        self.clock = clock or time.monotonic

    @property
    def size(self):
        return len(self.items)

    @classmethod
    def from_config(cls, config: dict, /, strict: bool = False) -> "LruCache":
        if strict and "capacity" not in config:
            raise KeyError("capacity")
        return cls(config.get("capacity", 128))

    def evict(self, keys):
        with self.lock:
            for key in keys:
                try:
                    del self.items[key]
                except KeyError:
                    if self.strict:
                        raise
                    continue
        return [k for k in keys if k not in self.items]

    class Stats:
        def hit_rate(self):
            return self.hits / self.total if self.total else 0.0


async def refresh(cache: LruCache, keys, loader=None):
    while keys:
        key = keys.pop()
        value = await loader(key) if loader else None
        cache.put(key, value)
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::Python, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "function memoize 5-15",
            "function memoize.wrapper 8-13",
            "class LruCache 18-51 methods=4",
            "method LruCache.__init__ 24-26",
            "method LruCache.size 28-30",
            "method LruCache.from_config 32-36",
            "method LruCache.evict 38-47",
            "class LruCache.Stats 49-51 methods=1",
            "method LruCache.Stats.hit_rate 50-51",
            "function refresh 54-58",
        ]
    );
    assert_eq!(find(&a, "memoize.wrapper").kind, ComponentKind::Function);
    assert_eq!(find(&a, "LruCache.size").name, "size");
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::Python, SRC);
    // (cyclomatic, cognitive, params, nesting, nesting line)
    // memoize: no decisions of its own; wrapper is a separate component.
    assert_eq!(metrics(&a, "memoize"), (1, 0, 1, 0, 0));
    // wrapper: if +1; *args and **kwargs are two parameters.
    assert_eq!(metrics(&a, "memoize.wrapper"), (2, 1, 2, 1, 11));
    // __init__: `or` +1 (cyclomatic and cognitive); self excluded, `*` marker excluded.
    assert_eq!(metrics(&a, "LruCache.__init__"), (2, 1, 2, 0, 0));
    assert_eq!(metrics(&a, "LruCache.size"), (1, 0, 0, 0, 0));
    // from_config: if +1, `and` +1; cls excluded, `/` marker excluded.
    assert_eq!(metrics(&a, "LruCache.from_config"), (3, 2, 2, 1, 34));
    // evict: for +1 (`with` does not nest cognitively), except +2 (`try` does not nest either),
    // if +3 = 6 cognitive;
    // cyclomatic: for, except, if, comprehension for and if = 5 + 1;
    // depth: for 1, except 2, if 3 (line 44).
    assert_eq!(metrics(&a, "LruCache.evict"), (6, 6, 1, 3, 44));
    // hit_rate: conditional expression +1.
    assert_eq!(metrics(&a, "LruCache.Stats.hit_rate"), (2, 1, 0, 0, 0));
    // refresh: while +1, conditional +2 (nested in the loop).
    assert_eq!(metrics(&a, "refresh"), (3, 3, 3, 1, 55));
}

#[test]
fn elif_chain_and_else() {
    let src = "\
def grade(score):
    if score >= 90:
        return 'A'
    elif score >= 80:
        return 'B'
    elif score >= 70 or curve:
        return 'C'
    else:
        return 'F'
";
    let a = analyze(Language::Python, src);
    // if +1, elif +1, elif +1, `or` +1, else +1 = 5; cyclomatic if, elif, elif, or = 4 + 1.
    assert_eq!(metrics(&a, "grade"), (5, 5, 1, 1, 2));
}
