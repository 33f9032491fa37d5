//! TypeScript and TSX fixtures: interfaces, enums, namespaces, ambient modules, abstract classes
//! with overloads and abstract methods, a `this` parameter, a TSX component.

use super::{analyze, metrics, outline};
use crate::lang::Language;

const SRC: &str = r#"export interface Repository<T> {
  find(id: string): Promise<T | undefined>;
  save(item: T): Promise<void>;
  readonly name: string;
}

export enum Level {
  Debug,
  Info = "info",
}

namespace Validation {
  export const isEmail = (s: string): boolean => /@/.test(s) && s.length < 255;
}

declare module "express" {
  interface Request {
    user?: User;
  }
}

@Injectable()
export abstract class BaseService<T extends { id: string }> implements Repository<T> {
  protected abstract table: string;
  abstract validate(item: T): boolean;

  find(id: string): Promise<T | undefined>;
  find(id: string, strict?: boolean): Promise<T | undefined> {
    return this.db.get(this.table, id, strict ?? false);
  }

  async save(this: BaseService<T>, item: T, ...tags: string[]): Promise<void> {
    if (!this.validate(item)) {
      throw new Error(`invalid ${item.id}`);
    } else if (tags.length > 0) {
      await this.db.tag(item.id, tags);
    }
    await this.db.put(this.table, item);
  }
}
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::TypeScript, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "interface Repository 1-5 methods=2",
            "enum Level 7-10 methods=0",
            "namespace Validation 12-14",
            "function Validation.isEmail 13-13",
            "module express 16-20",
            "interface express.Request 17-19 methods=0",
            "class BaseService 22-40 methods=3",
            "method BaseService.find 28-30",
            "method BaseService.save 32-39",
        ]
    );
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::TypeScript, SRC);
    // isEmail: `&&` +1.
    assert_eq!(metrics(&a, "Validation.isEmail"), (2, 1, 1, 0, 0));
    // find: `??` +1; the optional parameter counts.
    assert_eq!(metrics(&a, "BaseService.find"), (2, 1, 2, 0, 0));
    // save: if +1, else if +1; the `this` parameter is the receiver; the rest parameter counts.
    assert_eq!(metrics(&a, "BaseService.save"), (3, 2, 2, 1, 33));
}

#[test]
fn tsx_component_with_generics_and_jsx() {
    let src = r#"import * as React from "react";

type Props<T> = { rows: T[]; render: (row: T) => React.ReactNode };

export function Table<T,>({ rows, render }: Props<T>) {
  if (rows.length === 0) {
    return <p className="empty">No rows</p>;
  }
  return (
    <table>
      {rows.map((row, i) => (
        <tr key={i}>{i % 2 === 0 && render(row)}</tr>
      ))}
    </table>
  );
}

export const Row = React.memo(function Row({ label }: { label: string }) {
  return <td>{label || "-"}</td>;
});
"#;
    let a = analyze(Language::Tsx, src);
    assert_eq!(a.parse_error, None);
    assert_eq!(outline(&a), ["function Table 5-16", "function Row 18-20"]);
    // if +1; the map callback nests but `&&` is flat: +1.
    assert_eq!(metrics(&a, "Table"), (3, 2, 1, 1, 6));
    // A named function expression passed to a call keeps its own name.
    assert_eq!(metrics(&a, "Row"), (2, 1, 1, 0, 0));
}
