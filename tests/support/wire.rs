//! The terminal's side of the wire: a writer that keeps every byte a real crossterm backend sends,
//! so tests can look at what would reach a user's terminal over SSH.

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Every byte written so far; clones share the buffer.
#[derive(Clone, Default)]
pub struct Wire(Arc<Mutex<Vec<u8>>>);

impl Wire {
    /// A copy of what has been written.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }

    pub fn byte_count(&self) -> usize {
        self.0.lock().unwrap().len()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }

    /// A `width`×`height` crossterm terminal writing to this wire.
    pub fn terminal(&self, width: u16, height: u16) -> Terminal<CrosstermBackend<Wire>> {
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
        Terminal::with_options(CrosstermBackend::new(self.clone()), options).unwrap()
    }
}

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
