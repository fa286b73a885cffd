//! Character spans, and the conversion from the byte offsets the analyzer works in.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode code points in an article's text.
///
/// Code points, not bytes, because that is what every consumer (Python scorers, JavaScript
/// pages, other languages' string slicing) counts in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// How many code points it covers.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when it covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Converts byte offsets of one text into code-point offsets in constant time each.
///
/// The analyzer slices UTF-8 by bytes; output speaks code points. A checkpoint every
/// [`CharIndex::STRIDE`] bytes keeps the table small (a sixteenth of the text) while each
/// lookup scans at most one stride.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    checkpoints: Vec<u32>,
}

impl<'a> CharIndex<'a> {
    /// Bytes between checkpoints.
    pub const STRIDE: usize = 64;

    /// Builds the index in one pass over `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / Self::STRIDE + 1);
        let mut chars: u32 = 0;
        for chunk in bytes.chunks(Self::STRIDE) {
            checkpoints.push(chars);
            chars += count_chars(chunk) as u32;
        }
        checkpoints.push(chars);
        CharIndex { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text's length).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let slot = byte / Self::STRIDE;
        let base = self.checkpoints[slot] as usize;
        let from = slot * Self::STRIDE;
        base + count_chars(&self.text.as_bytes()[from..byte])
    }

    /// The code-point span of the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_at(start), self.char_at(end))
    }

    /// The byte offset of code-point offset `ch` (clamped to the text's length).
    pub fn byte_at(&self, ch: usize) -> usize {
        let slot = self.checkpoints.partition_point(|&c| (c as usize) <= ch);
        let slot = slot.saturating_sub(1);
        let mut count = self.checkpoints[slot] as usize;
        let mut byte = (slot * Self::STRIDE).min(self.text.len());
        // A checkpoint may fall inside a character already counted in the previous stride.
        while !self.text.is_char_boundary(byte) {
            byte += 1;
        }
        // Through a run of ASCII, characters are bytes.
        let rest = &self.text.as_bytes()[byte..];
        let wanted = ch.saturating_sub(count);
        if rest.len() > wanted && rest[..=wanted].is_ascii() {
            return byte + wanted;
        }
        for (i, _) in self.text[byte..].char_indices() {
            if count == ch {
                return byte + i;
            }
            count += 1;
        }
        byte = self.text.len();
        byte
    }

    /// The text a code-point span covers.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[self.byte_at(span.start)..self.byte_at(span.end)]
    }
}

fn is_continuation(b: u8) -> bool {
    (b & 0xC0) == 0x80
}

/// The characters that start in `bytes`, written as a sum the compiler turns into vector code.
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(!is_continuation(b)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_across_ascii_runs() {
        let text = format!("{}é“{}”{}", "a".repeat(130), "b".repeat(63), "c".repeat(70));
        let index = CharIndex::new(&text);
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_at(byte), ch);
            assert_eq!(index.byte_at(ch), byte);
        }
        assert_eq!(index.byte_at(text.chars().count()), text.len());
    }

    #[test]
    fn converts_both_ways_across_multibyte_text() {
        let text = "£10m – “quoted” ".repeat(20);
        let index = CharIndex::new(&text);
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_at(byte), ch);
            assert_eq!(index.byte_at(ch), byte);
        }
        let total = text.chars().count();
        assert_eq!(index.char_at(text.len()), total);
        assert_eq!(index.byte_at(total), text.len());
        assert_eq!(index.byte_at(total + 5), text.len());
    }

    #[test]
    fn slices_by_code_points() {
        let text = "a “b” c";
        let index = CharIndex::new(text);
        assert_eq!(index.slice(Span::new(3, 4)), "b");
    }

    #[test]
    fn span_relations() {
        let a = Span::new(2, 6);
        assert!(a.overlaps(&Span::new(5, 9)));
        assert!(!a.overlaps(&Span::new(6, 9)));
        assert!(a.contains(&Span::new(3, 6)));
        assert_eq!(a.len(), 4);
        assert!(Span::new(3, 3).is_empty());
    }
}
