//! Writers that turn a model into human tables and machine-readable JSON.
