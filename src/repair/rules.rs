//! The repair pass: walks each line's tokens once, applying the rules that need
//! neighbouring tokens (elision, ordinals, stray characters, footnote marks read as
//! punctuation, split and joined words, apostrophes, the a/à and ou/où pairs) and the
//! word-level repair of `candidates`, and records every change with its byte offset.

use super::candidates::{case_of, recase, Case, WordRepairer, MARGIN};
use super::context::{
    a_is_preposition, a_is_preposition_after, context, is_english_leaning, is_strongly_english,
    only_after_preposition, ou_is_where, Next,
};
use super::lexicon::{lexicon, Lexicon, UNKNOWN_COST};
use super::tokens::{is_stray, tokenize, Tok, TokKind};
use super::{Change, RepairKind};
use crate::lang::Lang;

/// Words that elide before a vowel (`l’`, `d’`, `qu’`…), lower case.
const ELISION_WORDS: [&str; 15] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

/// Glyphs OCR writes for the `l` of `l’` (`I’`, `1’`, `|’`, `[’`).
const L_GLYPHS: [&str; 8] = ["I", "V", "1", "|", "[", "]", "\\", "!"];

/// Words at least this frequent are function words (`la`, `il`, `a`, `of`, `the`).
const FUNCTION_WORD_COST: u16 = 260;

/// Known words rarer than this (cost above) may be two words run together.
const RARE_COST: u16 = 560;

/// A concatenation of two pieces must be at least this frequent to join them.
const SPLIT_JOIN_MAX_COST: u16 = 650;

/// Spanish object pronouns, written joined to an infinitive, gerund or imperative.
const SPANISH_CLITICS: [&str; 11] = [
    "me", "te", "se", "lo", "la", "los", "las", "le", "les", "nos", "os",
];

/// A Spanish infinitive or gerund with its pronouns (`negarse`, `destacarlo`,
/// `haciéndolo`).
fn has_enclitic(word: &str) -> bool {
    SPANISH_CLITICS.iter().any(|c| {
        word.strip_suffix(c).is_some_and(|stem| {
            stem.ends_with("ar")
                || stem.ends_with("er")
                || stem.ends_with("ir")
                || stem.ends_with("ndo")
                || stem.ends_with("ase")
                || stem.ends_with("ese")
        })
    })
}

/// An apostrophe as OCR writes it (`‘` is a misread `’` between letters).
fn is_apostrophe(s: &str) -> bool {
    s == "’" || s == "'" || s == "‘"
}

fn starts_like_elided(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| "aeiouyhàâäéèêëîïôöûùüœAEIOUYHÀÂÉÈÊÎÔÛŒ".contains(c) || is_stray(c))
}

fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// Blocks are repaired one at a time: a block ends at a blank line or a form feed
/// (context never crosses them), or at the first line end after 64 KiB.
fn block_end(text: &str, start: usize) -> usize {
    const MAX_BLOCK: usize = 64 * 1024;
    let rest = &text[start..];
    let limit = if rest.len() > MAX_BLOCK {
        let mut from = MAX_BLOCK;
        while !rest.is_char_boundary(from) {
            from -= 1;
        }
        rest[from..].find('\n').map_or(rest.len(), |k| from + k + 1)
    } else {
        rest.len()
    };
    let window = &rest[..limit];
    let hard = [window.find("\n\n"), window.find('\x0c')]
        .into_iter()
        .flatten()
        .min()
        .map_or(limit, |k| k + 1);
    start + hard
}

/// One document's repair pass.
pub struct Repairer<'t> {
    text: &'t str,
    french: bool,
    /// Spanish text: known words are never split, and a Capitalised French or English
    /// word (`Société Malienne de Gestion`) is a name, not a word that lost its accent.
    spanish: bool,
    lex: &'static Lexicon,
    /// The other language's lexicon (English for French and Spanish text, French for
    /// English):
    /// words quoted from it are words, not OCR damage.
    other: &'static Lexicon,
    words: WordRepairer,
    /// The document's apostrophe: the more frequent of `’` and `'`.
    apostrophe: &'static str,
    /// The last footnote number seen (`[n]` in the text or a repaired mark).
    last_mark: u32,
    toks: Vec<Tok>,
    /// Whether the word starting at this byte is trusted (looked up one word ahead).
    next_trusted: Option<(usize, bool)>,
    pub changes: Vec<Change>,
}

impl<'t> Repairer<'t> {
    pub fn new(text: &'t str, lang: Lang) -> Repairer<'t> {
        let curly = text.matches('’').count();
        let straight = text.matches('\'').count();
        Repairer {
            text,
            french: lang == Lang::Fr,
            spanish: lang == Lang::Es,
            lex: lexicon(lang),
            other: lexicon(if lang == Lang::En { Lang::Fr } else { Lang::En }),
            words: WordRepairer::new(lang),
            apostrophe: if straight > curly { "'" } else { "’" },
            last_mark: 0,
            toks: Vec::new(),
            next_trusted: None,
            changes: Vec::new(),
        }
    }

    /// Runs the pass over the whole text.
    pub fn run(&mut self) {
        let mut base = 0;
        let mut toks = std::mem::take(&mut self.toks);
        while base < self.text.len() {
            let end = block_end(self.text, base);
            tokenize(&self.text[base..end], base, &mut toks);
            self.block(&toks);
            base = end;
        }
        self.toks = toks;
    }

    fn push(&mut self, start: usize, end: usize, after: String, kind: RepairKind) {
        self.changes.push(Change {
            offset: start,
            before: self.text[start..end].to_string(),
            after,
            kind,
        });
    }

    fn block(&mut self, toks: &[Tok]) {
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            i = if t.protected {
                i + 1
            } else {
                match t.kind {
                    TokKind::Word => self.on_word(toks, i),
                    TokKind::Num => self.on_number(toks, i),
                    TokKind::Punct => self.on_punct(toks, i),
                    TokKind::Space => i + 1,
                }
            };
        }
    }

    // ----- token helpers -------------------------------------------------------------

    fn s(&self, t: &Tok) -> &'t str {
        &self.text[t.start..t.end]
    }

    /// The token's text as repaired so far (a change made at its start, if any).
    fn current(&self, t: &Tok) -> &str {
        self.changes
            .iter()
            .rev()
            .take(3)
            .find(|c| c.offset == t.start && c.before.len() == t.end - t.start)
            .map_or(self.s(t), |c| c.after.as_str())
    }

    fn at<'a>(&self, toks: &'a [Tok], i: usize) -> Option<&'a Tok> {
        toks.get(i)
    }

    fn is_kind(&self, toks: &[Tok], i: usize, kind: TokKind) -> bool {
        toks.get(i).is_some_and(|t| t.kind == kind && !t.protected)
    }

    fn is_apos_at(&self, toks: &[Tok], i: usize) -> bool {
        toks.get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && is_apostrophe(self.s(t)))
    }

    /// Whether token `i` starts a sentence (line start, or after `.`, `!`, `?`, `«`).
    fn sentence_start(&self, toks: &[Tok], i: usize) -> bool {
        let mut j = i;
        while j > 0 {
            j -= 1;
            match toks[j].kind {
                TokKind::Space if self.s(&toks[j]).contains('\n') => {
                    return self.line_starts_sentence(toks[j].start);
                }
                TokKind::Space => continue,
                TokKind::Punct => return matches!(self.s(&toks[j]), "." | "!" | "?" | "«" | "\""),
                _ => return false,
            }
        }
        true
    }

    /// Whether the line starting at byte `at` continues a list: the line before ends
    /// with `:` or `;` or is itself a bullet.
    fn in_list(&self, at: usize) -> bool {
        let before = self.text[..at]
            .strip_suffix('\n')
            .unwrap_or(&self.text[..at]);
        let prev = before.rsplit('\n').next().unwrap_or("").trim();
        prev.ends_with(':')
            || prev.ends_with(';')
            || prev.starts_with("• ")
            || prev.starts_with("* ")
    }

    /// Whether byte `at` starts a line.
    fn line_begins_at(&self, at: usize) -> bool {
        at == 0 || self.text[..at].ends_with('\n') || self.text[..at].ends_with('\x0c')
    }

    /// Whether the line after the line break at byte `brk` starts a sentence: it does
    /// not when the line before is a long (hard-wrapped) line ending in a lower-case
    /// letter or a comma; a short line (a heading) ends its sentence.
    fn line_starts_sentence(&self, brk: usize) -> bool {
        let before = &self.text[..brk];
        let line = before.rsplit('\n').next().unwrap_or("").trim_end();
        let wrapped = line.chars().count() >= 50;
        match line.chars().next_back() {
            None => true,
            Some(c) => !(wrapped && (c.is_lowercase() || matches!(c, ',' | '’' | '\'' | '-'))),
        }
    }

    /// The word before token `i` (lower case), across one space or an apostrophe,
    /// and whether it is a number.
    fn prev_word(&self, toks: &[Tok], i: usize) -> (Option<String>, bool) {
        if i < 2 || !(toks[i - 1].kind == TokKind::Space || self.is_apos_at(toks, i - 1)) {
            return (None, false);
        }
        let t = &toks[i - 2];
        match t.kind {
            TokKind::Word => (Some(self.current(t).to_lowercase()), false),
            TokKind::Num => (None, true),
            _ => (None, false),
        }
    }

    /// The word after token `i` across one space: an elided article in any OCR glyph
    /// counts as `l`.
    fn next_info(&self, toks: &[Tok], i: usize) -> (Option<String>, Option<String>, bool) {
        if !self.is_kind(toks, i + 1, TokKind::Space) {
            return (None, None, false);
        }
        let k = i + 2;
        let Some(t) = self.at(toks, k) else {
            return (None, None, false);
        };
        let text = self.s(t);
        if self.is_apos_at(toks, k + 1) && L_GLYPHS.contains(&text) {
            return (Some("l".into()), None, false);
        }
        match t.kind {
            TokKind::Word => {
                let word2 = if self.is_kind(toks, k + 1, TokKind::Space)
                    && self.is_kind(toks, k + 2, TokKind::Word)
                {
                    Some(self.s(&toks[k + 2]).to_lowercase())
                } else {
                    None
                };
                (Some(text.to_lowercase()), word2, false)
            }
            TokKind::Num => (None, None, true),
            _ => (None, None, false),
        }
    }

    // ----- words -------------------------------------------------------------------

    fn on_word(&mut self, toks: &[Tok], i: usize) -> usize {
        let t = toks[i];
        let word = self.s(&t);
        let trusted = match self.next_trusted.take() {
            Some((start, known)) if start == t.start => known,
            _ => self.words.is_trusted(word),
        };
        if self.french {
            if let Some(next) = self.elision_glyph(toks, i) {
                return next;
            }
            if word.len() <= 7 {
                if let Some(next) = self.elision_spacing(toks, i) {
                    return next;
                }
            }
            if !trusted {
                if let Some(next) = self.glued_article(toks, i) {
                    return next;
                }
            }
            if let Some(next) = self.misread_short_words(toks, i) {
                return next;
            }
            if let Some(next) = self.accent_pair(toks, i) {
                return next;
            }
        }
        if let Some(next) = self.split_word(toks, i, trusted) {
            return next;
        }
        if trusted {
            return self.footnote_mark_after(toks, i).unwrap_or(i + 1);
        }
        if let Some(fix) = self.words.repair_untrusted(word) {
            if !(self.french && self.english_context(toks, i)
                || self.spanish && self.foreign_name(word))
            {
                // a repaired form that is itself two words run together (`@des` → `àdes`)
                match self.joined_word(&fix.after) {
                    Some(split) => self.push(t.start, t.end, split, RepairKind::JoinedWord),
                    None => self.push(t.start, t.end, fix.after, fix.kind),
                }
            }
        } else if let Some(joined) = self.joined_word(word) {
            self.push(t.start, t.end, joined, RepairKind::JoinedWord);
        }
        self.footnote_mark_after(toks, i).unwrap_or(i + 1)
    }

    /// A Capitalised French or English word inside Spanish text (`Gestion` in `Société
    /// Malienne de Gestion`): a name, left as written.
    fn foreign_name(&self, word: &str) -> bool {
        if case_of(word) != Case::Capital {
            return false;
        }
        let lower = word.to_lowercase();
        self.other.cost(&lower) <= RARE_COST || lexicon(Lang::Fr).cost(&lower) <= RARE_COST
    }

    /// An English word with an English neighbour, inside French text.
    fn english_context(&self, toks: &[Tok], i: usize) -> bool {
        let lower = self.s(&toks[i]).to_lowercase();
        if !is_english_leaning(&lower) {
            return false;
        }
        let (prev, _) = self.prev_word(toks, i);
        let (next, _, _) = self.next_info(toks, i);
        prev.is_some_and(|p| is_strongly_english(&p))
            || next.is_some_and(|n| is_strongly_english(&n))
    }

    /// `I’utilisation`, `1’élaboration`, `|’ Organisation`, `[’utilisation` → `l’…`.
    fn elision_glyph(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        if t.end - t.start > 1 || !self.is_apos_at(toks, i + 1) || !L_GLYPHS.contains(&self.s(&t)) {
            return None;
        }
        if i > 0
            && !matches!(toks[i - 1].kind, TokKind::Space)
            && !matches!(self.s(&toks[i - 1]), "(" | "«" | "\"")
        {
            return None;
        }
        let mut k = i + 2;
        if self.is_kind(toks, k, TokKind::Space) && self.s(&toks[k]) == " " {
            k += 1;
        }
        let w = toks
            .get(k)
            .filter(|w| w.kind == TokKind::Word && !w.protected)?;
        if !starts_like_elided(self.s(w)) {
            return None;
        }
        let l = if self.sentence_start(toks, i) {
            "L"
        } else {
            "l"
        };
        self.push(
            t.start,
            w.start,
            format!("{l}{}", self.apostrophe),
            RepairKind::Elision,
        );
        Some(k)
    }

    /// `d ’experts` → `d’experts`, `qu’ il` → `qu’il`.
    fn elision_spacing(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        // an apostrophe right after the word, or after one space
        if !(self.is_apos_at(toks, i + 1) || self.is_apos_at(toks, i + 2)) {
            return None;
        }
        let word = self.s(&toks[i]);
        if !ELISION_WORDS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
            return None;
        }
        let word_at = |k: usize| {
            toks.get(k)
                .is_some_and(|w| w.kind == TokKind::Word && !w.protected)
        };
        let space_at = |k: usize| self.is_kind(toks, k, TokKind::Space) && self.s(&toks[k]) == " ";
        if space_at(i + 1) && self.is_apos_at(toks, i + 2) && word_at(i + 3) {
            let (s, e) = (toks[i + 1].start, toks[i + 2].end);
            self.push(s, e, self.apostrophe.to_string(), RepairKind::Elision);
            return Some(i + 3);
        }
        if self.is_apos_at(toks, i + 1)
            && space_at(i + 2)
            && word_at(i + 3)
            && starts_like_elided(self.s(&toks[i + 3]))
        {
            let (s, e) = (toks[i + 1].start, toks[i + 2].end);
            self.push(s, e, self.apostrophe.to_string(), RepairKind::Elision);
            return Some(i + 3);
        }
        None
    }

    /// `Vutilisation`, `Putilisation` (the `l’` read as one letter) → `l’utilisation`.
    fn glued_article(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        let word = self.s(&t);
        let rest = ['V', 'P', 'L', 'l', 'I']
            .iter()
            .find_map(|&p| word.strip_prefix(p))?;
        if case_of(rest) != Case::Lower || !starts_like_elided(rest) || rest.chars().count() < 3 {
            return None;
        }
        if self.lex.contains(&word.to_lowercase()) || self.lex.cost(rest) > 600 {
            return None;
        }
        let l = if self.sentence_start(toks, i) {
            "L"
        } else {
            "l"
        };
        self.push(
            t.start,
            t.start + 1,
            format!("{l}{}", self.apostrophe),
            RepairKind::Elision,
        );
        Some(i + 1)
    }

    /// `II a` → `Il a`, `M™` → `Mme`.
    fn misread_short_words(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        match self.s(&t) {
            "II" => {
                let (next, _, _) = self.next_info(toks, i);
                let n = next?;
                let next_tok = self.s(&toks[i + 2]);
                if case_of(next_tok) != Case::Lower || !self.lex.contains(&n) {
                    return None;
                }
                self.push(t.start, t.end, "Il".into(), RepairKind::Misread);
                Some(i + 1)
            }
            "I" if toks.get(i + 1).is_some_and(|n| self.s(n) == "]")
                && self.is_kind(toks, i + 2, TokKind::Space)
                && toks.get(i + 3).is_some_and(|w| {
                    w.kind == TokKind::Word
                        && case_of(self.s(w)) == Case::Lower
                        && self.lex.contains(self.s(w))
                }) =>
            {
                let end = toks[i + 1].end;
                self.push(t.start, end, "Il".into(), RepairKind::Misread);
                Some(i + 2)
            }
            // `al’ordre`: `à l’` read as one word
            "al" if self.is_apos_at(toks, i + 1)
                && toks.get(i + 2).is_some_and(|w| w.kind == TokKind::Word) =>
            {
                let end = toks[i + 1].end;
                self.push(
                    t.start,
                    end,
                    format!("à l{}", self.apostrophe),
                    RepairKind::Elision,
                );
                Some(i + 2)
            }
            "M" if toks.get(i + 1).is_some_and(|n| self.s(n) == "™") => {
                let end = toks[i + 1].end;
                self.push(t.start, end, "Mme".into(), RepairKind::Misread);
                Some(i + 2)
            }
            _ => None,
        }
    }

    /// `a`/`à`, `A`/`À` and `ou`/`où` decided by context.
    fn accent_pair(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        let word = self.s(&t);
        let (next, next2, next_number) = match word {
            "a" | "A" | "ou" => self.next_info(toks, i),
            _ => return None,
        };
        let (prev, prev_number) = self.prev_word(toks, i);
        let after = match word {
            "a" => {
                let n = Next {
                    word: next.as_deref(),
                    word2: next2.as_deref(),
                    number: next_number,
                };
                let prev_capitalized = i >= 2
                    && toks[i - 2].kind == TokKind::Word
                    && case_of(self.s(&toks[i - 2])) != Case::Lower;
                a_is_preposition_after(prev.as_deref(), prev_capitalized, prev_number, n)
                    .then_some("à")
            }
            "A" => {
                let next_lower = next
                    .as_deref()
                    .is_some_and(|n| n != "et" && n != "ou" && self.lex.contains(n))
                    && self.at(toks, i + 2).is_some_and(|n| {
                        n.kind == TokKind::Word && case_of(self.s(n)) == Case::Lower
                            || self.is_apos_at(toks, i + 3)
                    });
                if self.sentence_start(toks, i) {
                    next_lower.then_some("À")
                } else {
                    // mid-sentence, a capital A is a letter label or a misread à
                    let ctx = context();
                    let after_word = prev
                        .as_deref()
                        .is_some_and(|p| case_of(p) == Case::Lower && !ctx.is("label-prev", p))
                        && toks[i - 2].kind == TokKind::Word
                        && case_of(self.s(&toks[i - 2])) == Case::Lower;
                    let next_ok = next
                        .as_deref()
                        .is_some_and(|n| !matches!(n, "et" | "ou" | "du" | "de" | "des"));
                    let strong = only_after_preposition(Next {
                        word: next.as_deref(),
                        word2: next2.as_deref(),
                        number: false,
                    }) && !prev.as_deref().is_some_and(|p| ctx.is("label-prev", p));
                    (after_word && next_ok || strong).then_some("à")
                }
            }
            _ => {
                let prev2 = if i >= 4 && toks[i - 3].kind == TokKind::Space {
                    Some(self.s(&toks[i - 4]).to_lowercase())
                } else {
                    None
                };
                ou_is_where(prev.as_deref(), prev2.as_deref()).then_some("où")
            }
        };
        if let Some(after) = after {
            self.push(t.start, t.end, after.into(), RepairKind::AccentPair);
        }
        Some(i + 1)
    }

    /// `premier!`, `deuxiéme?`, `limitée®`, `internationale’,`, `novembre2.` → `[n]`.
    fn footnote_mark_after(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let mark = toks.get(i + 1).filter(|m| !m.protected)?;
        let after_ok = |k: usize, strict: bool| match toks.get(k) {
            None => !strict,
            Some(n) if n.kind == TokKind::Space => {
                !strict
                    || toks.get(k + 1).is_some_and(|w| {
                        w.kind == TokKind::Word && case_of(self.s(w)) == Case::Lower
                    })
            }
            Some(n) if n.kind == TokKind::Punct => {
                matches!(self.s(n), "," | "." | ";" | ":" | ")" | "»")
            }
            _ => false,
        };
        let word = self.s(&toks[i]);
        let is_word = toks[i].kind == TokKind::Word;
        // a mark after a closing quote or parenthesis (`»6,`, `2015)°,`)
        let is_closer = toks[i].kind == TokKind::Punct && matches!(word, "»" | ")");
        let glyph = self.s(mark);
        let number = match (mark.kind, glyph) {
            // not after a lone letter: `F3`, `J1` are codes
            (TokKind::Num, _)
                if (is_word && word.chars().count() >= 2 || is_closer) && glyph.len() <= 2 =>
            {
                let n: u32 = glyph.parse().ok()?;
                (n == self.last_mark + 1 && after_ok(i + 2, false)).then_some(n)?
            }
            // `!` is the shape of a superscript 1, `?` of a 2; a 2 can be a 3 misread
            (TokKind::Punct, "!") if self.french && word.chars().count() >= 2 => {
                after_ok(i + 2, true).then_some(1)?
            }
            (TokKind::Punct, "?") if self.french && word.chars().count() >= 2 => {
                after_ok(i + 2, true).then_some((self.last_mark + 1).max(2))?
            }
            (TokKind::Punct, "’" | "'" | "°" | "®")
                if self.french
                    && (is_word && word.chars().count() >= 3
                        || toks[i].kind == TokKind::Num && word.len() >= 4
                        || is_closer)
                    && !ELISION_WORDS.contains(&word.to_lowercase().as_str()) =>
            {
                after_ok(i + 2, false).then_some(self.last_mark + 1)?
            }
            _ => return None,
        };
        if is_word && case_of(word) == Case::Upper {
            return None;
        }
        self.last_mark = number;
        self.push(
            mark.start,
            mark.end,
            format!("[{number}]"),
            RepairKind::FootnoteMark,
        );
        Some(i + 2)
    }

    /// `résul tats` → `résultats`, `d omaine` → `domaine`.
    fn split_word(&mut self, toks: &[Tok], i: usize, trusted: bool) -> Option<usize> {
        let spaced_pair = self.is_kind(toks, i + 1, TokKind::Space)
            && self.s(&toks[i + 1]) == " "
            && self.is_kind(toks, i + 2, TokKind::Word);
        if !spaced_pair {
            return None;
        }
        let (a, b) = (self.s(&toks[i]), self.s(&toks[i + 2]));
        // two frequent words are two words
        let b_trusted = self.words.is_trusted(b);
        self.next_trusted = Some((toks[i + 2].start, b_trusted));
        if trusted && b_trusted {
            return None;
        }
        let case = case_of(a);
        if case_of(b) != Case::Lower || !matches!(case, Case::Lower | Case::Capital) {
            return None;
        }
        if a.chars().chain(b.chars()).any(is_stray) {
            return None;
        }
        let cb = self.lex.cost(b);
        // one piece must be rare: pieces of a split word are not words (`résul`, `tats`)
        if trusted && cb <= RARE_COST {
            return None;
        }
        // `Demande d’avis`: an elided word is a word
        if self.is_apos_at(toks, i + 3) {
            return None;
        }
        let la = a.to_lowercase();
        let ca = self.lex.cost(&la);
        // rare in both languages (`Demande` is not rare in French text quoted in English)
        let rare = |w: &str, c: u16| c > RARE_COST && self.other.cost(w) > RARE_COST;
        if !(rare(&la, ca) || rare(b, cb)) {
            return None;
        }
        let joined = format!("{la}{b}");
        let cj = self.lex.cost(&joined);
        // the joined word is frequent, and much likelier than the rarer piece
        if cj > SPLIT_JOIN_MAX_COST || i32::from(ca.max(cb)) < i32::from(cj) + 2 * MARGIN {
            return None;
        }
        let (s, e) = (toks[i].start, toks[i + 2].end);
        self.push(s, e, recase(&joined, case), RepairKind::SplitWord);
        Some(i + 3)
    }

    /// `lateneur` → `la teneur`, `Ila` → `Il a`: an unknown word that is two frequent ones.
    fn joined_word(&self, word: &str) -> Option<String> {
        let case = case_of(word);
        let limit: u16 = match case {
            Case::Lower => 550,
            Case::Capital => 260,
            _ => return None,
        };
        if word.chars().any(|c| !c.is_alphabetic()) || word.chars().count() < 3 {
            return None;
        }
        let lower = word.to_lowercase();
        let own = self.lex.cost(&lower);
        // Spanish verb forms are many and rare (`contraen`): only unknown words split,
        // and never a verb with its pronoun (`presumirse`, `formularla`, `determinase`)
        if self.spanish && (own < UNKNOWN_COST || has_enclitic(&lower)) {
            return None;
        }
        // a word of the other language (`sous`, `soit` in English text) is not two words
        if own < RARE_COST || self.other.cost(&lower) <= RARE_COST {
            return None;
        }
        // short pieces must be function words (`il a`, `in the`), not rare short words
        let single_ok = |s: &str| match s.chars().count() {
            // Spanish verbs start with `a` (`aprestan`) and end in it (`escalara`)
            1 => !self.spanish && matches!(s, "a" | "à" | "y"),
            2 => self.lex.cost(s) <= FUNCTION_WORD_COST,
            _ => true,
        };
        let mut best: Option<(u16, usize)> = None;
        for (p, _) in lower.char_indices().skip(1) {
            let (a, b) = lower.split_at(p);
            if !single_ok(a) || !single_ok(b) {
                continue;
            }
            let (ca, cb) = (self.lex.cost(a), self.lex.cost(b));
            // one piece must be a function word (`la`, `il`, `of`): unknown compounds
            // (`nuclearweapon`, `intersessions`) are not two words run together
            let function_word = ca.min(cb) <= FUNCTION_WORD_COST;
            if function_word
                && ca <= limit
                && cb <= limit
                && best.map_or(true, |(c, _)| ca + cb < c)
            {
                best = Some((ca + cb, p));
            }
        }
        let (_, p) = best?;
        let (a, b) = lower.split_at(p);
        // Spanish: a pronoun after a word that is not a function word is an enclitic
        if self.spanish && SPANISH_CLITICS.contains(&b) && self.lex.cost(a) > FUNCTION_WORD_COST {
            return None;
        }
        // a rare known word (`ila`, `dela`) splits only when both pieces are far likelier
        let rarer = self.lex.cost(a).max(self.lex.cost(b));
        if own < UNKNOWN_COST && i32::from(rarer) + 3 * MARGIN > i32::from(own) {
            return None;
        }
        Some(format!("{} {b}", recase(a, case)))
    }

    // ----- numbers -----------------------------------------------------------------

    fn on_number(&mut self, toks: &[Tok], i: usize) -> usize {
        if self.french {
            if let Some(next) = self.elision_glyph(toks, i) {
                return next;
            }
            if let Some(next) = self.ordinal(toks, i) {
                return next;
            }
            if let Some(next) = self.four_for_a(toks, i) {
                return next;
            }
            if let Some(next) = self.eleven_for_il(toks, i) {
                return next;
            }
        }
        if let Some(next) = self.footnote_mark_after(toks, i) {
            return next;
        }
        i + 1
    }

    /// `1°°`, `1°` → `1er`; `2°`, `27°` → `2e`, `27e`.
    fn ordinal(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        let digits = self.s(&t);
        if digits.len() > 3 || self.s(toks.get(i + 1)?) != "°" {
            return None;
        }
        let mut end = i + 2;
        if toks.get(end).is_some_and(|d| self.s(d) == "°") {
            end += 1;
        }
        if toks
            .get(end)
            .is_some_and(|n| matches!(n.kind, TokKind::Word | TokKind::Num))
        {
            return None;
        }
        // `n° 2`, `No 2°` are numbers, not ordinals
        let (prev, _) = self.prev_word(toks, i);
        if prev.as_deref().is_some_and(|p| p == "n" || p == "no") {
            return None;
        }
        // `45° de latitude nord`, `30° C`: degrees
        if end == i + 2 {
            let (next, next2, _) = self.next_info(toks, end - 1);
            let ctx = context();
            let degree =
                |w: &Option<String>| w.as_deref().is_some_and(|w| ctx.is("degree-next", w));
            if degree(&next) || next.as_deref() == Some("de") && degree(&next2) {
                return None;
            }
        }
        let n: u32 = digits.parse().ok()?;
        let after = if n == 1 {
            "1er".to_string()
        } else {
            format!("{n}e")
        };
        self.push(t.start, toks[end - 1].end, after, RepairKind::Ordinal);
        Some(end)
    }

    /// `11 a été noté`: `Il` read as `11` at the start of a sentence.
    fn eleven_for_il(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        if self.s(&t) != "11" || !self.sentence_start(toks, i) {
            return None;
        }
        let (next, _, _) = self.next_info(toks, i);
        let lower_next = toks
            .get(i + 2)
            .is_some_and(|w| case_of(self.s(w)) == Case::Lower);
        if !(lower_next && next.as_deref().is_some_and(|n| context().is("il-next", n))) {
            return None;
        }
        self.push(t.start, t.end, "Il".into(), RepairKind::Misread);
        Some(i + 1)
    }

    /// `travail 4 composition`: a `4` between words is a misread `à`.
    fn four_for_a(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        if self.s(&t) != "4" {
            return None;
        }
        if i > 0 && self.is_apos_at(toks, i - 1) {
            return None;
        }
        let (next, next2, _) = self.next_info(toks, i);
        let next_word = self.at(toks, i + 2)?;
        if next_word.kind != TokKind::Word || case_of(self.s(next_word)) == Case::Upper {
            return None;
        }
        let n = Next {
            word: next.as_deref(),
            word2: next2.as_deref(),
            number: false,
        };
        let ctx = context();
        let (prev, _) = self.prev_word(toks, i);
        // `4 la`, `4 titre`, `4 améliorer`: no count is followed by these
        let lower_next = case_of(self.s(next_word)) == Case::Lower || n.word == Some("l");
        if lower_next
            && only_after_preposition(n)
            && !prev.as_deref().is_some_and(|p| ctx.is("label-prev", p))
        {
            self.push(t.start, t.end, "à".into(), RepairKind::StrayChar);
            return Some(i + 1);
        }
        let prev = prev.filter(|p| case_of(p) == Case::Lower && self.lex.contains(p))?;
        if ctx.is("number-prev", &prev) || next.as_deref().is_some_and(|w| ctx.is("month", w)) {
            return None;
        }
        let place = case_of(self.s(next_word)) == Case::Capital;
        let determiner = next
            .as_deref()
            .is_some_and(|w| matches!(w, "des" | "un" | "une" | "chacun" | "chacune"));
        if !(place || determiner || a_is_preposition(Some(&prev), false, n)) {
            return None;
        }
        self.push(t.start, t.end, "à".into(), RepairKind::StrayChar);
        Some(i + 1)
    }

    // ----- punctuation -------------------------------------------------------------

    fn on_punct(&mut self, toks: &[Tok], i: usize) -> usize {
        let t = toks[i];
        let p = self.s(&t);
        if p == "[" {
            if let (Some(n), Some(close)) = (toks.get(i + 1), toks.get(i + 2)) {
                if n.kind == TokKind::Num && self.s(close) == "]" {
                    if let Ok(v) = self.s(n).parse() {
                        self.last_mark = v;
                    }
                    return i + 3;
                }
            }
        }
        if let Some(v) = p.chars().next().and_then(superscript_digit) {
            return self.superscript_mark(toks, i, v);
        }
        if p == "»" || p == ")" {
            if let Some(next) = self.footnote_mark_after(toks, i) {
                return next;
            }
        }
        // `* ` opening a line of a list: a bullet read as an asterisk (a `*` footnote's
        // text also opens a line with `* `, but not after a list introduction)
        if p == "*"
            && self.is_kind(toks, i + 1, TokKind::Space)
            && (i == 0 && self.line_begins_at(t.start)
                || i > 0
                    && toks[i - 1].kind == TokKind::Space
                    && self.s(&toks[i - 1]).ends_with('\n'))
            && self.in_list(t.start)
        {
            self.push(t.start, t.end, "•".into(), RepairKind::StrayChar);
            return i + 1;
        }
        if self.french {
            if let Some(next) = self.elision_glyph(toks, i) {
                return next;
            }
            if let Some(next) = self.lost_article(toks, i) {
                return next;
            }
            if let Some(next) = self.stray_for_a(toks, i) {
                return next;
            }
        }
        if is_apostrophe(p) && p != self.apostrophe {
            let glued = |k: Option<usize>| {
                k.and_then(|k| toks.get(k))
                    .is_some_and(|w| w.kind == TokKind::Word)
            };
            if glued(i.checked_sub(1)) && glued(Some(i + 1)) {
                self.push(
                    t.start,
                    t.end,
                    self.apostrophe.to_string(),
                    RepairKind::Apostrophe,
                );
            }
        }
        i + 1
    }

    /// `¹`, `²³` glued after text → `[1]`, `[23]`.
    fn superscript_mark(&mut self, toks: &[Tok], i: usize, first: u32) -> usize {
        let mut value = first;
        let mut end = i + 1;
        while let Some(d) = toks
            .get(end)
            .and_then(|t| self.s(t).chars().next())
            .and_then(superscript_digit)
        {
            value = value * 10 + d;
            end += 1;
        }
        if i == 0 || toks[i - 1].kind == TokKind::Space {
            return end;
        }
        self.last_mark = value;
        self.push(
            toks[i].start,
            toks[end - 1].end,
            format!("[{value}]"),
            RepairKind::FootnoteMark,
        );
        end
    }

    /// ` ’utilisation` (the `l` lost, the apostrophe kept) → ` l’utilisation`.
    fn lost_article(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        if !is_apostrophe(self.s(&t)) || (i > 0 && toks[i - 1].kind != TokKind::Space) {
            return None;
        }
        let w = toks
            .get(i + 1)
            .filter(|w| w.kind == TokKind::Word && !w.protected)?;
        let word = self.s(w);
        if case_of(word) != Case::Lower || !starts_like_elided(word) || self.lex.cost(word) > 600 {
            return None;
        }
        self.push(
            t.start,
            t.end,
            format!("l{}", self.apostrophe),
            RepairKind::Elision,
        );
        Some(i + 1)
    }

    /// `travail & composition`, `travail @ composition` → `à`.
    fn stray_for_a(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks[i];
        if !matches!(self.s(&t), "&" | "@") || i < 2 {
            return None;
        }
        let lower_word = |k: usize| {
            toks.get(k).is_some_and(|w| {
                w.kind == TokKind::Word && !w.protected && case_of(self.s(w)) == Case::Lower
            })
        };
        let space = |k: usize| toks.get(k).is_some_and(|s| s.kind == TokKind::Space);
        if !(space(i - 1) && lower_word(i - 2) && space(i + 1) && lower_word(i + 2)) {
            return None;
        }
        self.push(t.start, t.end, "à".into(), RepairKind::StrayChar);
        Some(i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(s: &str) -> String {
        crate::repair::repair_text(s, Lang::Fr).text
    }

    #[test]
    fn elisions() {
        assert_eq!(repair("dans I’utilisation"), "dans l’utilisation");
        assert_eq!(repair("prévenir [’utilisation"), "prévenir l’utilisation");
        assert_eq!(repair("de 1’¢laboration"), "de l’élaboration");
        assert_eq!(repair("groupe d ’experts"), "groupe d’experts");
        assert_eq!(repair("qu’ il"), "qu’il");
        assert_eq!(repair("de Vutilisation"), "de l’utilisation");
        assert_eq!(repair("de |’ Organisation"), "de l’Organisation");
    }

    #[test]
    fn ordinals_and_marks() {
        assert_eq!(repair("du 1°° décembre"), "du 1er décembre");
        assert_eq!(repair("la 2° séance"), "la 2e séance");
        assert_eq!(
            repair("les premier! et deuxiéme? rapports"),
            "les premier[1] et deuxième[2] rapports"
        );
        assert_eq!(repair("le n° 2 du"), "le n° 2 du");
        assert_eq!(
            repair("de l’Internet[5] et « ouvert »6, des"),
            "de l’Internet[5] et « ouvert »[6], des"
        );
        assert_eq!(
            repair("Texte :\n* Les activités ;\n* Les autres.\n11 a été noté"),
            "Texte :\n• Les activités ;\n• Les autres.\nIl a été noté"
        );
        assert_eq!(repair("les 11 membres"), "les 11 membres");
        assert_eq!(
            repair("Texte.\n* La version originale"),
            "Texte.\n* La version originale"
        );
        assert_eq!(repair("à 45° de latitude nord"), "à 45° de latitude nord");
        assert_eq!(repair("à 30° C"), "à 30° C");
    }

    #[test]
    fn pairs() {
        assert_eq!(repair("utilisés a des fins"), "utilisés à des fins");
        assert_eq!(repair("il a des fins"), "il a des fins");
        assert_eq!(repair("A sa 2e séance, il"), "À sa 2e séance, il");
        assert_eq!(repair("a) de s’inspirer"), "a) de s’inspirer");
        assert_eq!(repair("travail & composition"), "travail à composition");
        assert_eq!(repair("dans la mesure ou il"), "dans la mesure où il");
    }

    #[test]
    fn split_and_joined() {
        assert_eq!(repair("les résul tats"), "les résultats");
        assert_eq!(repair("dans lateneur du"), "dans la teneur du");
    }
}
