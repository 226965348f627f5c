pub mod sponsors;
pub mod votes;
