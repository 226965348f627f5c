//! `--shard K/N`: a deterministic slice of the inputs, so that an existing batch engine
//! (a Kubernetes Indexed Job, a Slurm job array, GNU parallel over hosts) can run the
//! shards and `undoc merge` can join their outputs.
//!
//! A document belongs to shard `K` (1-based) of `N` when the first 8 bytes of its
//! content sha256, read as a big-endian `u64`, are `K - 1` modulo `N`. Selecting by
//! content (not by path or position in a listing) means the slices do not depend on the
//! order in which hosts list the folders, and a file keeps its shard when it is renamed.
//! The price: every shard hashes every input to decide whether it is its own. Hashing
//! runs at disk speed (and is cached in the state store by size and mtime), which is
//! small next to extracting and cleaning the documents.

use std::fmt;
use std::str::FromStr;

/// One slice of `count` slices; `index` is 1-based as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// Why a `--shard` value was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ShardError {
    #[error("expected K/N, e.g. 1/4 for the first of four shards, not {0:?}")]
    Syntax(String),
    #[error("the number of shards N must be at least 1 (in {0:?})")]
    ZeroCount(String),
    #[error("K counts from 1 and must be between 1 and {count} (in {value:?})")]
    OutOfRange { value: String, count: u32 },
}

impl Shard {
    /// The whole input: shard 1 of 1.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// True when the document whose content sha256 is `sha256` belongs to this shard.
    pub fn contains(&self, sha256: &[u8; 32]) -> bool {
        shard_of(sha256, self.count) == self.index
    }
}

/// The 1-based shard of `count` that a document with this content hash belongs to.
pub fn shard_of(sha256: &[u8; 32], count: u32) -> u32 {
    let mut first = [0u8; 8];
    first.copy_from_slice(&sha256[..8]);
    let slot = u64::from_be_bytes(first) % u64::from(count.max(1));
    slot as u32 + 1
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(value: &str) -> Result<Shard, ShardError> {
        let syntax = || ShardError::Syntax(value.to_string());
        let (k, n) = value.trim().split_once('/').ok_or_else(syntax)?;
        let index: u32 = k.trim().parse().map_err(|_| syntax())?;
        let count: u32 = n.trim().parse().map_err(|_| syntax())?;
        if count == 0 {
            return Err(ShardError::ZeroCount(value.to_string()));
        }
        if index == 0 || index > count {
            return Err(ShardError::OutOfRange {
                value: value.to_string(),
                count,
            });
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_one_based_k_of_n() {
        assert_eq!("3/4".parse(), Ok(Shard { index: 3, count: 4 }));
        assert_eq!(" 1 / 1 ".parse(), Ok(Shard::ALL));
    }

    #[test]
    fn refuses_bad_values_with_a_reason() {
        assert!(matches!("4".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert!(matches!("a/4".parse::<Shard>(), Err(ShardError::Syntax(_))));
        assert!(matches!(
            "-1/4".parse::<Shard>(),
            Err(ShardError::Syntax(_))
        ));
        assert!(matches!(
            "1/0".parse::<Shard>(),
            Err(ShardError::ZeroCount(_))
        ));
        let zero = "0/4".parse::<Shard>().unwrap_err();
        assert!(zero.to_string().contains("counts from 1"), "{zero}");
        assert!(matches!(
            "5/4".parse::<Shard>(),
            Err(ShardError::OutOfRange { count: 4, .. })
        ));
    }

    #[test]
    fn slot_is_the_first_eight_bytes_modulo_n() {
        let mut hash = [0u8; 32];
        hash[7] = 6; // value 6: 6 % 4 = 2 → shard 3
        assert_eq!(shard_of(&hash, 4), 3);
        assert!(Shard { index: 3, count: 4 }.contains(&hash));
        assert!(Shard::ALL.contains(&hash));
    }

    proptest! {
        #[test]
        fn every_hash_is_in_exactly_one_shard(hash in proptest::array::uniform32(any::<u8>()), n in 1u32..20) {
            let owners = (1..=n).filter(|k| Shard { index: *k, count: n }.contains(&hash)).count();
            prop_assert_eq!(owners, 1);
        }
    }
}
