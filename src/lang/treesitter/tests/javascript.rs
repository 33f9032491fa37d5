//! JavaScript fixture with JSX: a React component, hooks bound to names, a class with fields and
//! private methods, CommonJS exports, generators, object-literal handlers.

use super::{analyze, find, metrics, outline};
use crate::lang::Language;
use crate::model::facts::ComponentKind;

const SRC: &str = r#"import React, { useState } from "react";

export function TodoList({ items, onToggle }) {
  const [filter, setFilter] = useState("all");
  const visible = items.filter((item) =>
    filter === "all" || (filter === "done" ? item.done : !item.done)
  );
  const handleKey = (event) => {
    if (event.key === "Enter" && event.target.value) {
      onToggle(event.target.value);
    }
  };
  return (
    <ul onKeyDown={handleKey}>
      {visible.map((item) => (
        <li key={item.id}>{item.done ? <s>{item.text}</s> : item.text}</li>
      ))}
    </ul>
  );
}

class Store extends EventEmitter {
  #items = new Map();
  onChange = () => this.emit("change");

  get size() {
    return this.#items.size;
  }

  async load(url, { retries = 3, ...options } = {}) {
    for (let attempt = 0; attempt < retries; attempt++) {
      try {
        return await fetch(url, options);
      } catch (err) {
        if (attempt === retries - 1) throw err;
      }
    }
  }

  #reset() {
    this.#items.clear();
  }
}

function* ids(start = 0) {
  let id = start;
  while (true) yield id++;
}

const handlers = {
  save: function (doc) {
    return doc && doc.id ? update(doc) : insert(doc);
  },
  remove(doc) {
    return db.delete(doc.id);
  },
};

module.exports.format = function format(value, ...rest) {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return value.toFixed(2);
    default:
      return String(value);
  }
};
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::JavaScript, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "function TodoList 3-20",
            "function TodoList.handleKey 8-12",
            "class Store 22-43 methods=4",
            "method Store.onChange 24-24",
            "method Store.size 26-28",
            "method Store.load 30-38",
            "method Store.#reset 40-42",
            "function ids 45-48",
            "function save 51-53",
            "function remove 54-56",
            "function format 59-68",
        ]
    );
    assert_eq!(find(&a, "TodoList.handleKey").kind, ComponentKind::Function);
    assert_eq!(find(&a, "Store.onChange").kind, ComponentKind::Method);
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::JavaScript, SRC);
    // TodoList: the filter callback nests: `||` +1, ternary +2 (lambda level 1); the JSX map
    // callback: ternary +2. Cyclomatic: ||, ?:, ?: = 3 + 1. One destructured parameter.
    assert_eq!(metrics(&a, "TodoList"), (4, 5, 1, 0, 0));
    // handleKey: if +1, && +1.
    assert_eq!(metrics(&a, "TodoList.handleKey"), (3, 2, 1, 1, 9));
    assert_eq!(metrics(&a, "Store.onChange"), (1, 0, 0, 0, 0));
    // load: for +1, catch +2, if +3; depth for 1, try 2, if 3 (line 35).
    assert_eq!(metrics(&a, "Store.load"), (4, 6, 2, 3, 35));
    // ids: while +1; one defaulted parameter.
    assert_eq!(metrics(&a, "ids"), (2, 1, 1, 1, 47));
    // save: ternary +1, && +1.
    assert_eq!(metrics(&a, "save"), (3, 2, 1, 0, 0));
    // format: switch +1; two cases (default excluded); `...rest` is a parameter.
    assert_eq!(metrics(&a, "format"), (3, 1, 2, 1, 60));
}

#[test]
fn jsx_file_with_arrow_component() {
    let src = r#"const Badge = ({ count, max = 99 }) =>
  count > 0 ? <span className="badge">{count > max ? `${max}+` : count}</span> : null;

export default Badge;
"#;
    let a = analyze(Language::JavaScript, src);
    assert_eq!(a.parse_error, None);
    assert_eq!(outline(&a), ["function Badge 1-2"]);
    // Two ternaries, the inner one nested in the outer: +1 +2.
    assert_eq!(metrics(&a, "Badge"), (3, 3, 1, 0, 0));
}
