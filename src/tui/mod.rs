//! The terminal front end. State changes only through [`state::update`]; drawing is the pure
//! [`render::render`]; the event loop in [`app`] wires keys, data and the clock to both.

pub mod app;
pub mod feed;
pub mod key;
pub mod keymap;
pub mod keys;
pub mod render;
pub mod state;
pub mod terminal;
pub mod theme;
