//! A small, stable hash (FNV-1a with a splitmix64 finish): the same input gives the same number on
//! every platform and Rust version, which `std`'s hasher does not promise.

pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    splitmix(h)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_sensitive_to_boundaries() {
        assert_ne!(stable_hash(&["LH4", "00"]), stable_hash(&["LH", "400"]));
        assert_ne!(stable_hash(&[]), stable_hash(&[""]), "an empty part still counts");
    }

    /// Pinned values, computed once from this function and written down: any change of the
    /// function (its constants, the part separator, the finish) changes every demo world, and
    /// fails here first. Covers no part, an empty part, one part, several parts, non-ASCII
    /// bytes, and the shape the demo schedule hashes (seed, carrier, number, date).
    #[test]
    fn pinned_values() {
        let pinned: [(&[&str], u64); 7] = [
            (&[], 0xc381_7c01_6ba4_ff30),
            (&[""], 0x01df_27c8_adb0_f2d1),
            (&["skyboard"], 0xa615_57e5_173b_6e12),
            (&["LH", "400"], 0x24f2_6361_7b05_030a),
            (&["LH4", "00"], 0x3970_1c4c_14fc_4484),
            (&["é"], 0x975d_7cf5_66bf_5842),
            (&["FRA", "2026-11-27", "LH", "400"], 0xcb83_3e83_04bf_943f),
        ];
        for (parts, want) in pinned {
            assert_eq!(stable_hash(parts), want, "stable_hash({parts:?}) = {:#018x}", stable_hash(parts));
        }
    }
}
