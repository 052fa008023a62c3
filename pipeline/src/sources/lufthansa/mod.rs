//! Lufthansa Open API: OAuth2 client credentials, flight status boards per airport.

mod board_request;
mod client;
mod paging;

pub use board_request::{BoardRequest, board_windows};
pub use client::{LufthansaClient, LufthansaCredentials, REFERENCE_LISTS};
pub use paging::next_offset;

/// Flight status answers at most this many flights per page in practice.
pub const PAGE_SIZE: usize = 50;
