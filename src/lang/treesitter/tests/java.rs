//! Java fixture: an annotated service class with a constructor, an inner interface, a nested
//! enum with a method, a record with a compact constructor, an anonymous class, lambdas,
//! try-with-resources, arrow switch expressions.

use super::{analyze, metrics, outline};
use crate::lang::Language;

const SRC: &str = r#"package com.example.orders;

import java.util.*;

@Service
public class OrderService {
    private final Repository repo;

    public OrderService(Repository repo, Clock clock) {
        this.repo = Objects.requireNonNull(repo);
    }

    public interface Listener {
        void onOrder(Order order);
        default boolean accepts(Order order) { return order != null && order.valid(); }
    }

    enum Status {
        NEW, PAID, SHIPPED;

        boolean isFinal() {
            return this == SHIPPED;
        }
    }

    record Line(String sku, int qty) {
        Line {
            if (qty <= 0) throw new IllegalArgumentException("qty");
        }
    }

    public Optional<Order> place(Customer customer, List<Line> lines, String... coupons) {
        try (var tx = repo.begin()) {
            for (Line line : lines) {
                if (line.qty() > 100 || customer.isBlocked()) {
                    return Optional.empty();
                }
            }
            tx.commit();
        } catch (IOException | SQLException e) {
            log.warn("failed", e);
        }
        lines.forEach(l -> {
            if (l.qty() > 10) audit(l);
        });
        return Optional.of(new Order(customer, lines));
    }

    String label(Status status) {
        return switch (status) {
            case NEW, PAID -> "open";
            case SHIPPED -> status.isFinal() ? "closed" : "moving";
        };
    }

    Runnable watcher() {
        return new Runnable() {
            @Override
            public void run() {
                while (running) { poll(); }
            }
        };
    }
}
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::Java, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "class OrderService 5-64 methods=4",
            "method OrderService.OrderService 9-11",
            "interface OrderService.Listener 13-16 methods=2",
            "method OrderService.Listener.accepts 15-15",
            "enum OrderService.Status 18-24 methods=1",
            "method OrderService.Status.isFinal 21-23",
            "class OrderService.Line 26-30 methods=1",
            "method OrderService.Line.Line 27-29",
            "method OrderService.place 32-47",
            "method OrderService.label 49-54",
            "method OrderService.watcher 56-63",
            "method OrderService.watcher.run 58-61",
        ]
    );
}

#[test]
fn metrics_per_method() {
    let a = analyze(Language::Java, SRC);
    assert_eq!(metrics(&a, "OrderService.OrderService"), (1, 0, 2, 0, 0));
    assert_eq!(
        metrics(&a, "OrderService.Listener.accepts"),
        (2, 1, 1, 0, 0)
    );
    assert_eq!(metrics(&a, "OrderService.Line.Line"), (2, 1, 0, 1, 28));
    // place: for +1, if +2, `||` +1, catch +1, the lambda's if +2 = 7. Cyclomatic: for, if, ||,
    // catch, if = 5 + 1. Varargs count. Depth: for 1, if 2 (line 35); `try` does not nest.
    assert_eq!(metrics(&a, "OrderService.place"), (6, 7, 3, 2, 35));
    // label: switch +1, the ternary +2 (nested in the switch). Cyclomatic: 2 labels + ?: + 1.
    assert_eq!(metrics(&a, "OrderService.label"), (4, 3, 1, 1, 50));
    assert_eq!(metrics(&a, "OrderService.watcher.run"), (2, 1, 0, 1, 60));
    assert_eq!(metrics(&a, "OrderService.watcher"), (1, 0, 0, 0, 0));
}
