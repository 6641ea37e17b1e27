//! Stable sorting through one shared routine, and B-tree collections built without sorting.
//!
//! Each `slice::sort_by_key` on a new element type or with a new closure compiles the whole
//! standard sort again; in the page's wasm that came to about 4 KB per call site (issue 6, size).
//! These helpers sort the *indices* `0..n` once, with a comparison passed as `&dyn Fn`, so the
//! standard sort is compiled a single time, then move the elements into that order. The result
//! is exactly that of the standard stable sort: equal elements keep their order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The positions `0..n` in the stable order of `cmp`: position `i` of the result is the index
/// of the element that comes `i`-th.
///
/// ```
/// use lvyue::domain::order::stable_order;
/// let v = [3, 1, 2, 1];
/// assert_eq!(stable_order(v.len(), &|a, b| v[a].cmp(&v[b])), [1, 3, 2, 0]);
/// ```
#[inline(never)]
pub fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` stably by `cmp`: the same result as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` stably by a key: the same result as `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order: the same result as `v.sort()`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The set of `items`: the same as `items.into_iter().collect()`, built by inserting instead of
/// the standard `FromIterator`, which sorts a vector first (a sort compiled per element type).
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut s = BTreeSet::new();
    s.extend(items);
    s
}

/// The map of `items` (a later duplicate key's value wins, as with `collect()`), built by
/// inserting instead of sorting; see [`set`].
pub fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut m = BTreeMap::new();
    m.extend(items);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_maps_agree_with_collect() {
        let pairs = [(3, "c"), (1, "a"), (3, "z"), (2, "b"), (1, "y")];
        assert_eq!(map(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(
            set(pairs.map(|p| p.0)),
            pairs.map(|p| p.0).into_iter().collect::<BTreeSet<_>>()
        );
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // Pairs sorted by their first half only: ties must keep their order.
        let mut seed = 0x2545_f491_u32;
        for n in 0..60 {
            let v: Vec<(u32, u32)> = (0..n)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 7, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, want, "n = {n}");
            let odd_first =
                |a: &(u32, u32), b: &(u32, u32)| (b.0 % 2).cmp(&(a.0 % 2)).then(b.0.cmp(&a.0));
            let mut want = v.clone();
            want.sort_by(odd_first);
            let mut got = v.clone();
            sort_by(&mut got, odd_first);
            assert_eq!(got, want, "n = {n}, odd first, descending");
            let mut want = v.clone();
            want.sort();
            let mut got = v;
            sort(&mut got);
            assert_eq!(got, want, "n = {n}, natural");
        }
    }
}
