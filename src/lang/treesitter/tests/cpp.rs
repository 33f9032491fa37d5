//! C++ fixture: nested namespaces, an anonymous namespace, a class template with in-class and
//! out-of-line members, operators, a destructor, an `enum class`, lambdas, range-for, try/catch.

use super::{analyze, find, metrics, outline};
use crate::lang::Language;
use crate::model::facts::ComponentKind;

const SRC: &str = r#"#include <vector>
#include <stdexcept>

namespace geo::shapes {

enum class Unit { Mm, Inch };

struct Point {
    double x, y;
    bool operator==(const Point& o) const { return x == o.x && y == o.y; }
};

template <typename T>
class Polygon : public Shape {
public:
    explicit Polygon(std::vector<T> pts);
    ~Polygon() override;
    double area() const override;
    void (*callback)(int);
    int size() const { return static_cast<int>(pts_.size()); }
    friend std::ostream& operator<<(std::ostream&, const Polygon&);

private:
    std::vector<T> pts_;
};

template <typename T>
double Polygon<T>::area() const {
    double sum = 0;
    for (const auto& p : pts_) {
        sum += p.x * p.y;
    }
    return sum < 0 ? -sum : sum;
}

namespace {
int clamp(int v, int lo, int hi) {
    if (v < lo) return lo;
    else if (v > hi) return hi;
    else return v;
}
}

}  // namespace geo::shapes

int main(int argc, char** argv) {
    try {
        auto parse = [&](const char* s) {
            return s && *s ? std::stoi(s) : 0;
        };
        return parse(argc > 1 ? argv[1] : nullptr);
    } catch (const std::exception& e) {
        return 1;
    }
}
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::Cpp, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "namespace geo::shapes 4-44",
            "enum geo::shapes::Unit 6-6 methods=0",
            "struct geo::shapes::Point 8-11 methods=1",
            "method geo::shapes::Point::operator== 10-10",
            // Two declarations, a destructor, a definition; not the function-pointer member, not
            // the friend.
            "class geo::shapes::Polygon 13-25 methods=4",
            "method geo::shapes::Polygon::size 20-20",
            // Out of line: qualified from the declarator, template arguments dropped.
            "method geo::shapes::Polygon::area 27-34",
            // The anonymous namespace is no component; its members belong to the enclosing one.
            "function geo::shapes::clamp 37-41",
            "function main 46-55",
        ]
    );
    let area = find(&a, "geo::shapes::Polygon::area");
    assert_eq!(
        (area.kind, area.name.as_str()),
        (ComponentKind::Method, "area")
    );
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::Cpp, SRC);
    // operator==: `&&` +1.
    assert_eq!(
        metrics(&a, "geo::shapes::Point::operator=="),
        (2, 1, 1, 0, 0)
    );
    // area: range-for +1, ternary +1.
    assert_eq!(metrics(&a, "geo::shapes::Polygon::area"), (3, 2, 0, 1, 30));
    // clamp: if +1, else if +1, else +1.
    assert_eq!(metrics(&a, "geo::shapes::clamp"), (3, 3, 3, 1, 38));
    // main: catch +1; the lambda nests: ternary +2, `&&` +1; the argument ternary +1.
    // Depth: the catch (line 52); `try` itself does not nest.
    assert_eq!(metrics(&a, "main"), (5, 5, 2, 1, 52));
}
