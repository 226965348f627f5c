//! Punctuation repair for Chinese OCR output. Tesseract's `chi_sim` model reads the
//! small marks of a Chinese page as the Latin ones they look like and loses some:
//!
//! * the label of a numbered paragraph (`1. `, `一. `) comes out as `1，`, `1,`, `1、`,
//!   `1。`, `1.` without its space, or the number alone (`7证人`): a label with any of
//!   these marks is written `1. `; a bare number only when it is the number after the
//!   previous paragraph's (numbered paragraphs run in sequence), so that a paragraph
//!   opening with a figure (`4个项目`) is left alone;
//! * a Latin `;`, `:`, `,`, `?` or `!` between two Chinese characters is the
//!   full-width mark Chinese text sets there (`；`, `：`, `，`, `？`, `！`);
//! * the full stop that ends a paragraph of running text is lost: a paragraph of at
//!   least [`MIN_SENTENCE_CHARS`] Chinese characters that ends with a character gets
//!   its `。` back (headings and titles are shorter; they end without one).
//!
//! The text is the body's paragraphs joined by newlines; changes never cross a line.

use std::sync::LazyLock;

use regex::Regex;

use super::{Change, RepairKind};

/// Chinese characters a paragraph of running text has at least (titles and headings
/// are shorter).
pub const MIN_SENTENCE_CHARS: usize = 30;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}|[一二三四五六七八九十]{1,3})([ \t]*[.,，、。·][ \t]*|[ \t]*)\p{Han}")
        .expect("label regex")
});
static LATIN_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Han}([;:,?!])\p{Han}").expect("latin mark regex"));

fn is_han(c: char) -> bool {
    crate::lang::is_cjk(c) && c.is_alphabetic()
}

/// The repairs of a Chinese text, in text order.
pub fn repair(text: &str) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut previous_number: Option<u32> = None;
    let mut start = 0;
    for line in text.split('\n') {
        if let Some(c) = LABEL.captures(line) {
            let (number, gap) = (c.get(1).unwrap(), c.get(2).unwrap());
            let arabic = number.as_str().parse::<u32>().ok();
            let marked = !gap.as_str().trim().is_empty();
            let in_sequence = arabic.is_some() && arabic == previous_number.map(|n| n + 1);
            if (marked || in_sequence) && gap.as_str() != ". " {
                changes.push(Change {
                    offset: start + gap.start(),
                    before: gap.as_str().to_string(),
                    after: ". ".to_string(),
                    kind: RepairKind::Misread,
                });
            }
            if marked || in_sequence {
                previous_number = arabic.or(previous_number);
            }
        }
        let mut at = 0;
        while let Some(m) = LATIN_MARK.captures_at(line, at) {
            let mark = m.get(1).unwrap();
            let full = match mark.as_str() {
                ";" => "；",
                ":" => "：",
                "," => "，",
                "?" => "？",
                _ => "！",
            };
            changes.push(Change {
                offset: start + mark.start(),
                before: mark.as_str().to_string(),
                after: full.to_string(),
                kind: RepairKind::Misread,
            });
            at = mark.end();
        }
        let han = line.chars().filter(|&c| is_han(c)).count();
        if han >= MIN_SENTENCE_CHARS && line.chars().last().is_some_and(is_han) {
            changes.push(Change {
                offset: start + line.len(),
                before: String::new(),
                after: "。".to_string(),
                kind: RepairKind::Misread,
            });
        }
        start += line.len() + 1;
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> String {
        super::super::apply(text, &repair(text))
    }

    #[test]
    fn paragraph_labels_get_their_full_stop_and_space() {
        let text = "一.导言\n1，通过部署更多的人员。\n2在监测方面提供咨询。\n3、法治团加紧咨询。\n4,在欧洲联盟中。";
        assert_eq!(
            repaired(text),
            "一. 导言\n1. 通过部署更多的人员。\n2. 在监测方面提供咨询。\n3. 法治团加紧咨询。\n4. 在欧洲联盟中。"
        );
    }

    #[test]
    fn a_figure_opening_a_paragraph_is_no_label() {
        // `4个项目` follows paragraph 7: not the next number.
        let text = "7. 证人告调查组。\n4个项目涉及环境保护。\n2015年的报告。";
        assert_eq!(repaired(text), text);
    }

    #[test]
    fn latin_marks_between_chinese_characters_become_full_width() {
        assert_eq!(
            repaired("已实现这一目标;然而，不幸的是:非洲"),
            "已实现这一目标；然而，不幸的是：非洲"
        );
        // Between figures and Latin letters they stay.
        assert_eq!(
            repaired("3.3%，A/69/720;S/2015/74"),
            "3.3%，A/69/720;S/2015/74"
        );
    }

    #[test]
    fn running_text_gets_its_lost_full_stop_and_headings_do_not() {
        let text = "妇女与和平与安全\n在监测、指导和咨询活动方面，法治团继续向科索沃当局就非正常移徙问题提供咨询\n已经结束。";
        assert_eq!(
            repaired(text),
            "妇女与和平与安全\n在监测、指导和咨询活动方面，法治团继续向科索沃当局就非正常移徙问题提供咨询。\n已经结束。"
        );
    }

    #[test]
    fn clean_chinese_text_is_left_alone() {
        let text = "一. 导言\n1. 本报告所述期间，技术级别对话已经取得一些进展；科索沃特派团继续向科索沃居民提供文件核证服务。[1]\n2. 在8月间发生了一波新的指称使用事件(见附件)。";
        assert!(repair(text).is_empty());
    }
}
