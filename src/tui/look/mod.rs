//! How the cockpit looks: colour depth and colour reduction, themes, and the styles and glyphs
//! derived from them. Nothing here knows about the model; views ask it for styles only.

pub mod color;
pub mod style;
pub mod theme;
