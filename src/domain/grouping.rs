//! Grouping things by what they share, in time linear in the input (issue 10, item 16).
//!
//! The document checks used to compare every clause with every other: 1,000 clauses with one
//! title made 499,500 findings (1.2 GB), 5,000 ran for minutes. A check now groups: it puts
//! together what shares a key (a title, a deadline, a timer) and what is linked (a clause whose
//! text names another), and makes one finding per group. Two tools do it:
//!
//! - [`Groups`], a union-find over indices: link pairs, then read the groups in input order;
//! - [`IdMatcher`], the clause ids a text names as whole tokens (`6.2` in "见第 6.2 条", not in
//!   `6.2.1` or `16.2`), found by walking a trie of the ids from each place a token can start —
//!   no search of every text for every id.

use std::collections::BTreeMap;

/// Disjoint sets of `0..n` (union-find with path halving and union by size).
pub struct Groups {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl Groups {
    /// `n` singletons.
    pub fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Puts `a` and `b` (indices below `n`) in one group.
    pub fn link(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
    }

    /// The groups of more than one member, each in ascending order, ordered by their first
    /// member.
    pub fn groups(mut self) -> Vec<Vec<usize>> {
        let n = self.parent.len();
        let mut slot: Vec<Option<usize>> = vec![None; n];
        let mut out: Vec<Vec<usize>> = Vec::new();
        for i in 0..n {
            let r = self.root(i);
            if self.size[r] < 2 {
                continue;
            }
            let k = *slot[r].get_or_insert_with(|| {
                out.push(Vec::new());
                out.len() - 1
            });
            out[k].push(i);
        }
        out
    }
}

/// Characters that continue a clause number: `6.2.1`, `A3`; a name is a whole token only when
/// none of them stands right before it.
fn continues(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c.is_ascii_alphabetic()
}

#[derive(Default)]
struct Node {
    next: BTreeMap<char, usize>,
    /// The values of the ids that end here.
    ends: Vec<usize>,
}

/// Finds which of a set of ids a text names as whole tokens.
///
/// An id is named at a place when the character before it (if any) does not continue a clause
/// number, and the character after it (if any) does not either — except a full stop that ends
/// the sentence (`见第6.2.`, not `6.2.1`). The cost of [`IdMatcher::named`] is the length of
/// the text times the length of the longest id prefix found at one place (ids are short).
pub struct IdMatcher {
    nodes: Vec<Node>,
}

impl IdMatcher {
    /// A matcher for `ids`, each with a value (its index, usually); empty ids never match.
    pub fn new<'a>(ids: impl IntoIterator<Item = (&'a str, usize)>) -> IdMatcher {
        let mut nodes = vec![Node::default()];
        for (id, value) in ids {
            if id.is_empty() {
                continue;
            }
            let mut at = 0;
            for ch in id.chars() {
                at = match nodes[at].next.get(&ch) {
                    Some(&n) => n,
                    None => {
                        nodes.push(Node::default());
                        let n = nodes.len() - 1;
                        nodes[at].next.insert(ch, n);
                        n
                    }
                };
            }
            nodes[at].ends.push(value);
        }
        IdMatcher { nodes }
    }

    /// The values of the ids `text` names, in the order found (a value can repeat).
    pub fn named(&self, text: &str, mut found: impl FnMut(usize)) {
        let mut before: Option<char> = None;
        for (start, first) in text.char_indices() {
            if before.is_some_and(continues) {
                before = Some(first);
                continue;
            }
            before = Some(first);
            let mut at = 0;
            let mut rest = text[start..].char_indices().peekable();
            while let Some((_, ch)) = rest.next() {
                let Some(&n) = self.nodes[at].next.get(&ch) else {
                    break;
                };
                at = n;
                if self.nodes[at].ends.is_empty() {
                    continue;
                }
                let after = rest.peek().map(|&(_, c)| c);
                let boundary = match after {
                    None => true,
                    Some('.') => {
                        let mut look = rest.clone();
                        look.next();
                        look.peek().is_none_or(|&(_, c)| !c.is_ascii_digit())
                    }
                    Some(c) => !continues(c),
                };
                if boundary {
                    self.nodes[at].ends.iter().for_each(|&v| found(v));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ids: &[&str], text: &str) -> Vec<usize> {
        let m = IdMatcher::new(ids.iter().copied().zip(0..));
        let mut out = Vec::new();
        m.named(text, |v| out.push(v));
        out
    }

    #[test]
    fn whole_tokens_only() {
        assert_eq!(names(&["6.2"], "见第 6.2 条"), [0]);
        assert_eq!(names(&["6.2"], "见第6.2条"), [0]);
        assert_eq!(names(&["6.2"], "见 6.2.1"), Vec::<usize>::new());
        assert_eq!(names(&["6.2"], "见 16.2"), Vec::<usize>::new());
        assert_eq!(names(&["6.2"], "依 6.2."), [0]);
        assert_eq!(names(&["6.2"], "依 6.2.a"), [0]);
        assert_eq!(names(&["6.2"], "6.2"), [0]);
        assert_eq!(names(&["6.1)"], "按6.1)处理"), [0]);
        assert_eq!(names(&["6.2", "6.2.1"], "见 6.2.1 与 6.2"), [1, 0]);
        assert_eq!(names(&[""], "任何文字"), Vec::<usize>::new());
        assert_eq!(names(&["附件2-5.3"], "按附件2-5.3执行"), [0]);
    }

    #[test]
    fn groups_in_order() {
        let mut g = Groups::new(6);
        g.link(4, 1);
        g.link(5, 2);
        g.link(2, 4);
        assert_eq!(g.groups(), vec![vec![1, 2, 4, 5]]);
        let mut g = Groups::new(4);
        g.link(3, 2);
        g.link(1, 0);
        assert_eq!(g.groups(), vec![vec![0, 1], vec![2, 3]]);
    }
}
