//! Drawing the items of a sitting: a pure function of the bank, a size and
//! a seed. The seed is stored with the sitting, so the same draw can be
//! made again from it.

use serde::{Deserialize, Serialize};

use super::bank::{Bank, ItemForm};

/// Items per sitting: at least, by default, at most.
pub const MIN_ITEMS: usize = 30;
pub const DEFAULT_ITEMS: usize = 36;
pub const MAX_ITEMS: usize = 40;
/// Consistency pairs drawn whole into every sitting (fewer if the bank has fewer).
pub const PAIRS_PER_SITTING: usize = 5;

/// One drawn item, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drawn {
    pub item: String,
    /// For a forced choice: statement B is shown first. Always false for Likert.
    pub swapped: bool,
}

/// SplitMix64: tiny, well studied, and fixed here, so a stored seed gives
/// the same draw in every future version (a library generator may change
/// its algorithm between releases).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0). The modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// A seed from the process's hash randomness and the time.
pub fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    hasher.write_u128(nanos);
    hasher.finish()
}

/// Draws `size` items (clamped to 30..=40 and to the bank's size).
///
/// Rules, in order:
/// 1. [`PAIRS_PER_SITTING`] consistency pairs at random, both members.
/// 2. Every principle represented: for each principle no drawn item maps to
///    yet (in random order), an unpaired item that maps to it; if it has
///    none, a whole pair that does.
/// 3. Filled up to `size` with unpaired items, favouring the principles
///    with the fewest items so far (ties at random), so the profile rests
///    on a similar number of answers for each.
/// 4. Shuffled; the two members of a pair are never next to each other;
///    each forced choice shows its sides in random order.
pub fn draw(bank: &Bank, size: usize, seed: u64) -> Vec<Drawn> {
    let mut rng = SplitMix64::new(seed);
    let items = bank.items();
    let size = size.clamp(MIN_ITEMS, MAX_ITEMS).min(items.len());
    let mut chosen: Vec<usize> = Vec::new();
    let mut taken = vec![false; items.len()];
    let take = |i: usize, chosen: &mut Vec<usize>, taken: &mut Vec<bool>| {
        if !taken[i] {
            taken[i] = true;
            chosen.push(i);
        }
    };

    let mut pairs: Vec<[usize; 2]> = bank.pairs().values().copied().collect();
    rng.shuffle(&mut pairs);
    let (drawn_pairs, spare_pairs) = pairs.split_at(PAIRS_PER_SITTING.min(pairs.len()));
    let mut spare_pairs = spare_pairs.to_vec();
    for [x, y] in drawn_pairs {
        take(*x, &mut chosen, &mut taken);
        take(*y, &mut chosen, &mut taken);
    }

    let principles = bank.principles().len();
    let mut order: Vec<usize> = (0..principles).collect();
    rng.shuffle(&mut order);
    for p in order {
        if chosen.iter().any(|&i| items[i].principles().contains(&p)) {
            continue;
        }
        let unpaired: Vec<usize> = (0..items.len())
            .filter(|&i| !taken[i] && items[i].pair.is_none() && items[i].principles().contains(&p))
            .collect();
        if !unpaired.is_empty() {
            let pick = unpaired[rng.below(unpaired.len())];
            take(pick, &mut chosen, &mut taken);
        } else if let Some(k) = spare_pairs
            .iter()
            .position(|[x, y]| items[*x].principles().contains(&p) || items[*y].principles().contains(&p))
        {
            let [x, y] = spare_pairs.remove(k);
            take(x, &mut chosen, &mut taken);
            take(y, &mut chosen, &mut taken);
        }
    }

    while chosen.len() < size {
        let mut per_principle = vec![0usize; principles];
        for &i in &chosen {
            for p in items[i].principles() {
                per_principle[p] += 1;
            }
        }
        let need = |i: usize| items[i].principles().iter().map(|&p| per_principle[p]).min().unwrap_or(usize::MAX);
        let candidates: Vec<usize> = (0..items.len()).filter(|&i| !taken[i] && items[i].pair.is_none()).collect();
        if let Some(least) = candidates.iter().map(|&i| need(i)).min() {
            let best: Vec<usize> = candidates.into_iter().filter(|&i| need(i) == least).collect();
            let pick = best[rng.below(best.len())];
            take(pick, &mut chosen, &mut taken);
        } else if chosen.len() + 2 <= size && !spare_pairs.is_empty() {
            // Only paired items are left: a pair goes in whole or not at all.
            let [x, y] = spare_pairs.remove(rng.below(spare_pairs.len()));
            take(x, &mut chosen, &mut taken);
            take(y, &mut chosen, &mut taken);
        } else {
            break;
        }
    }

    rng.shuffle(&mut chosen);
    separate_partners(bank, &mut chosen);
    chosen
        .into_iter()
        .map(|i| Drawn {
            item: items[i].id.clone(),
            swapped: matches!(items[i].form, ItemForm::Choice { .. }) && rng.below(2) == 1,
        })
        .collect()
}

/// Moves the second of two adjacent pair partners to a place where it
/// touches neither its partner nor another partner of its own pair.
fn separate_partners(bank: &Bank, order: &mut [usize]) {
    let items = bank.items();
    let partners = |x: usize, y: usize| x != y && items[x].pair.is_some() && items[x].pair == items[y].pair;
    let clash_at = |order: &[usize], at: usize| {
        (at > 0 && partners(order[at - 1], order[at])) || (at + 1 < order.len() && partners(order[at], order[at + 1]))
    };
    for _ in 0..order.len() {
        let Some(at) = (1..order.len()).find(|&i| partners(order[i - 1], order[i])) else { return };
        let mut moved = false;
        for target in 0..order.len() {
            if target == at || target == at - 1 {
                continue;
            }
            order.swap(at, target);
            if !clash_at(order, at) && !clash_at(order, target) && !clash_at(order, at - 1) {
                moved = true;
                break;
            }
            order.swap(at, target);
        }
        if !moved {
            return;
        }
    }
}
