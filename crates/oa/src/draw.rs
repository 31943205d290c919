//! Drawing the problems of an OA. Pure: the catalog, what the user has
//! seen and a random number in, slugs out.

use std::collections::HashMap;

use oaj_spec::Difficulty;

use crate::{Catalog, Error, Result, StartOptions, MAX_PROBLEMS};

/// A small xorshift generator: the draw needs variety, not cryptography.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// A seed from the process's hash randomness.
    pub(crate) fn from_entropy() -> Rng {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(std::process::id() as u64);
        Rng::new(hasher.finish())
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Difficulties to try for a wanted one, nearest first; on a tie the harder
/// one, since an OA is rehearsed to be ready for the hard case.
fn fallbacks(wanted: Difficulty) -> [Difficulty; 3] {
    match wanted {
        Difficulty::Easy => [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard],
        Difficulty::Medium => [Difficulty::Medium, Difficulty::Hard, Difficulty::Easy],
        Difficulty::Hard => [Difficulty::Hard, Difficulty::Medium, Difficulty::Easy],
    }
}

/// The slugs of an attempt's problems, in order.
///
/// Explicit problems are checked and kept in the given order. Otherwise one
/// problem per wanted difficulty: never the same problem twice; among the
/// problems of the wanted difficulty (or the nearest one the bank has), the
/// ones the user has seen least often, picked at random.
pub(crate) fn draw(
    catalog: &Catalog,
    options: &StartOptions,
    seen: &HashMap<String, usize>,
    rng: &mut Rng,
) -> Result<Vec<String>> {
    if let Some(explicit) = &options.problems {
        if explicit.is_empty() || explicit.len() > MAX_PROBLEMS {
            return Err(Error::Invalid(format!(
                "an attempt has 1 to {MAX_PROBLEMS} problems; {} were given",
                explicit.len()
            )));
        }
        let mut slugs: Vec<String> = Vec::new();
        for slug in explicit {
            let slug = slug.trim();
            catalog.require(slug).map_err(|e| Error::Invalid(e.to_string()))?;
            if slugs.iter().any(|s| s == slug) {
                return Err(Error::Invalid(format!(
                    "the problem `{slug}` is given twice; an OA never repeats a problem"
                )));
            }
            slugs.push(slug.to_string());
        }
        return Ok(slugs);
    }
    if options.difficulties.is_empty() || options.difficulties.len() > MAX_PROBLEMS {
        return Err(Error::Invalid(format!(
            "an attempt has 1 to {MAX_PROBLEMS} problems; {} difficulties were given",
            options.difficulties.len()
        )));
    }
    let topics: Vec<String> =
        options.topics.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
    // Problems an admin hid from drawing are never picked at random (an
    // explicit list above may still name them).
    let pool: Vec<(&str, Difficulty)> = catalog
        .drawable()
        .filter(|e| topics.is_empty() || e.topics.iter().any(|t| topics.contains(&t.to_lowercase())))
        .map(|e| (e.slug.as_str(), e.difficulty))
        .collect();
    if pool.len() < options.difficulties.len() {
        let what = if topics.is_empty() {
            "the problem bank".to_string()
        } else {
            format!("the problem bank on the topics {}", topics.join(", "))
        };
        return Err(Error::Invalid(format!(
            "{what} has {} problem(s); this OA needs {}{}",
            pool.len(),
            options.difficulties.len(),
            if topics.is_empty() { String::new() } else { format!(" (known topics: {})", catalog.topics().join(", ")) }
        )));
    }
    let mut chosen: Vec<String> = Vec::new();
    for wanted in &options.difficulties {
        let candidates = fallbacks(*wanted)
            .into_iter()
            .map(|d| {
                pool.iter().filter(|(slug, diff)| *diff == d && !chosen.iter().any(|c| c == slug)).collect::<Vec<_>>()
            })
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        let Some(least_seen) = candidates.iter().map(|(slug, _)| seen.get(*slug).copied().unwrap_or(0)).min() else {
            // Unreachable while the pool is at least as large as the number of problems.
            return Err(Error::Invalid("the problem bank has too few problems for this OA".into()));
        };
        let freshest: Vec<&str> = candidates
            .iter()
            .filter(|(slug, _)| seen.get(*slug).copied().unwrap_or(0) == least_seen)
            .map(|(slug, _)| *slug)
            .collect();
        chosen.push(freshest[rng.below(freshest.len())].to_string());
    }
    Ok(chosen)
}
