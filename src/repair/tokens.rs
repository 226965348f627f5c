//! Splitting a line into tokens (words, numbers, spaces, single punctuation characters)
//! with byte offsets, and marking the tokens that repair must never touch: those inside
//! URLs, e-mail addresses, document symbols (`A/RES/77/36`) and file names.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (plus OCR stray characters glued to letters: `¢laboration`, `@tre`).
    Word,
    /// ASCII digits.
    Num,
    /// A run of white space.
    Space,
    /// One other character.
    Punct,
}

/// A token: `text[start..end]`.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Part of a URL, symbol or address: left alone.
    pub protected: bool,
}

/// Characters OCR puts inside words where a letter was printed.
pub fn is_stray(c: char) -> bool {
    matches!(c, '¢' | '©' | '&' | '@' | '€')
}

fn is_word_char(prev: Option<char>, c: char, next: Option<char>) -> bool {
    if c.is_alphabetic() {
        return true;
    }
    let lower = |o: Option<char>| o.is_some_and(|c| c.is_lowercase());
    let alpha = |o: Option<char>| o.is_some_and(|c| c.is_alphabetic());
    match c {
        '¢' | '©' => alpha(prev) || alpha(next),
        '€' => lower(next) && !prev.is_some_and(|p| p.is_ascii_alphanumeric()),
        '&' => lower(prev) && lower(next),
        '@' => lower(next) && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.'),
        _ => false,
    }
}

/// A Latin-1 letter (`à`…`ÿ`, `À`…`Þ`, not `×` or `÷`) starts at byte `i`: two bytes, lead 0xC3.
#[inline]
fn is_latin1_letter(bytes: &[u8], i: usize) -> bool {
    bytes[i] == 0xC3
        && bytes
            .get(i + 1)
            .is_some_and(|&c| (0x80..0xC0).contains(&c) && c != 0x97 && c != 0xB7)
}

/// Tokenizes `line` (whose first byte is at `base` in the whole text) into `out`.
pub fn tokenize(line: &str, base: usize, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // fast path: a run of ASCII letters, digits or spaces
        let ascii_kind = if b.is_ascii_alphabetic() || is_latin1_letter(bytes, i) {
            Some(TokKind::Word)
        } else if b.is_ascii_digit() {
            Some(TokKind::Num)
        } else if b == b' ' {
            Some(TokKind::Space)
        } else {
            None
        };
        let (kind, len) = match ascii_kind {
            Some(kind) => {
                let mut n = 0;
                loop {
                    let k = i + n;
                    let step = match bytes.get(k) {
                        Some(&c) if kind == TokKind::Word && c.is_ascii_alphabetic() => 1,
                        Some(_) if kind == TokKind::Word && is_latin1_letter(bytes, k) => 2,
                        Some(&c) if kind == TokKind::Num && c.is_ascii_digit() => 1,
                        Some(&b' ') if kind == TokKind::Space => 1,
                        _ => break,
                    };
                    n += step;
                }
                (kind, n)
            }
            None => {
                let c = line[i..].chars().next().unwrap_or(' ');
                let next = line[i + c.len_utf8()..].chars().next();
                let kind = if c.is_whitespace() {
                    TokKind::Space
                } else if is_word_char(prev, c, next) {
                    TokKind::Word
                } else {
                    TokKind::Punct
                };
                (kind, c.len_utf8())
            }
        };
        let end = i + len;
        match out.last_mut() {
            Some(last) if last.kind == kind && kind != TokKind::Punct && last.end == base + i => {
                last.end = base + end;
            }
            _ => out.push(Tok {
                start: base + i,
                end: base + end,
                kind,
                protected: false,
            }),
        }
        prev = line[..end].chars().next_back();
        i = end;
    }
    protect_addresses(line, base, out);
}

/// Marks tokens of white-space-delimited chunks that look like URLs, addresses,
/// symbols or file names.
fn protect_addresses(line: &str, base: usize, toks: &mut [Tok]) {
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == TokKind::Space {
            i += 1;
            continue;
        }
        let first = i;
        while i < toks.len() && toks[i].kind != TokKind::Space {
            i += 1;
        }
        let chunk = &line[toks[first].start - base..toks[i - 1].end - base];
        if is_address(chunk) {
            for t in &mut toks[first..i] {
                t.protected = true;
            }
        }
    }
}

fn is_address(chunk: &str) -> bool {
    if chunk.bytes().all(|b| b.is_ascii_alphabetic() || b >= 0x80) {
        return false;
    }
    if chunk.contains('/') || chunk.contains("www.") || chunk.contains('_') || chunk.contains('=') {
        return true;
    }
    if chunk.contains('@') && chunk.contains('.') {
        return true;
    }
    // a dot between two letters: domain names, file names (`un.org`, `report.pdf`)
    let b = chunk.as_bytes();
    b.windows(3).any(|w| {
        w[1] == b'.'
            && (w[0].is_ascii_alphanumeric() || w[0] >= 0x80)
            && (w[2].is_ascii_alphabetic() || w[2] >= 0xc0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, TokKind, bool)> {
        let mut v = Vec::new();
        tokenize(s, 0, &mut v);
        v.iter()
            .map(|t| (s[t.start..t.end].to_string(), t.kind, t.protected))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let k = kinds("1’¢laboration a 4 ans, voir A/77/275.");
        let words: Vec<_> = k.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "1",
                "’",
                "¢laboration",
                " ",
                "a",
                " ",
                "4",
                " ",
                "ans",
                ",",
                " ",
                "voir",
                " ",
                "A",
                "/",
                "77",
                "/",
                "275",
                "."
            ]
        );
        assert!(k[13].2 && k[17].2 && !k[11].2);
    }

    #[test]
    fn protects_urls() {
        let k = kinds("https://un.org/x theme www.example.org");
        assert!(k.iter().filter(|t| t.0 == "theme").all(|t| !t.2));
        assert!(k.iter().filter(|t| t.0 == "example").all(|t| t.2));
        assert!(k.iter().filter(|t| t.0 == "un").all(|t| t.2));
    }
}
