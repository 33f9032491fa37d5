//! Cohesive groups: a file over the default line limit made of separate concerns is split
//! along them, no piece mixing items of two concerns.
