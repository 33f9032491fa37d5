//! Comment and string syntax per language, for the line classifier.
