//! My flights: the watchlist kept in the data directory, and what counts as a change of a
//! watched flight (its status, a gate, its delay by 15 minutes or more), for the front end's
//! alerts and for `skyboard watch`.

pub mod changes;
pub mod watchlist;

pub use changes::{Change, Observed};
pub use watchlist::Watchlist;
