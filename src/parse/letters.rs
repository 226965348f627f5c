//! Metadata of documents without a UN masthead: letters, interoffice memoranda, notes
//! verbales and statements filed with a court. It reads who issued or received them
//! (a letterhead form, a registry's filing stamp, a letter to the Court, the sender of a
//! note verbale), their date (the `DATE:` field of a memo form, also when OCR has torn
//! it; the filing stamp; the date line of a letter or of a signature) and, for a note
//! verbale without a title, its kind and a title made from its opening sentence.
//! Patterns come from `config/parse/` (`issuers.tsv`, `letter_openings.tsv`, `contractions.tsv`,
//! `front_lines.tsv`).

use super::dates::{find_dates, whole_line_date};
use super::lexicon::{
    IssuerScope, CONTRACTIONS, DATE_LABEL, FILED_ON, ISSUERS, LETTER_OPENINGS, MONTHS,
};
use crate::countries::matcher::edit_distance;
use crate::lang::Lang;

/// The organ a mark on the first paragraphs names (`Filed in the Registry`, `Letter to
/// the President of the Court`, `INTEROFFICE MEMORANDUM`, the sender of a note verbale).
/// The name is the French one when the first paragraphs are in French.
pub fn issuer_organ(first: &[String]) -> Option<String> {
    let front = first.join("\n");
    let sender = first.iter().find_map(|p| opening(p)).map(|o| o.sender);
    let issuer = ISSUERS.iter().find(|i| match i.scope {
        IssuerScope::Front => i.pattern.is_match(&front),
        IssuerScope::Sender => sender.as_deref().is_some_and(|s| i.pattern.is_match(s)),
    })?;
    let name = match crate::lang::detect(&front) {
        Some(Lang::Fr) => issuer.organ_fr,
        _ => issuer.organ_en,
    };
    Some(name.to_string())
}

/// The date of a memo's `DATE:` field among the first paragraphs.
pub fn labelled_date(first: &[String]) -> Option<String> {
    first.iter().find_map(|line| {
        let label = DATE_LABEL.find(line)?;
        find_dates(&line[label.end()..])
            .into_iter()
            .find(|d| d.start <= 3)
            .map(|d| d.iso)
            .or_else(|| torn_date(line))
    })
}

/// The date of a registry's filing stamp (`Filed in the Registry on: 30 January 2004`).
pub fn filed_date(first: &[String]) -> Option<String> {
    first.iter().find_map(|line| {
        let stamp = FILED_ON.find(line)?;
        find_dates(&line[stamp.end()..])
            .into_iter()
            .find(|d| d.start <= 12)
            .map(|d| d.iso)
    })
}

/// The first paragraph that is a date alone, as the date line of a letter or the date
/// under a signature (`29 January 2004`, `Le 29 janvier 2004`, `Ottawa, 29 January 2004`).
/// Without one, a line that is a date alone but for a day OCR read as letters (`À March
/// 2022`: a `4` crossed by a seal's ring; [`misread_day_date`]).
pub fn date_line(paragraphs: &[String]) -> Option<String> {
    exact_date_line(paragraphs).or_else(|| paragraphs.iter().find_map(|p| misread_day_date(p)))
}

/// The first paragraph that is a date alone, read as printed.
fn exact_date_line(paragraphs: &[String]) -> Option<String> {
    paragraphs.iter().find_map(|p| {
        let p = p.trim();
        if p.chars().count() > 60 {
            return None;
        }
        whole_line_date(p).or_else(|| {
            // A place or `Le` before the date: short, and the date ends the line.
            let d = find_dates(p).into_iter().next()?;
            let before = p[..d.start].trim_end();
            let short_prefix = before.split_whitespace().count() <= 3
                && (before.ends_with(',') || before.eq_ignore_ascii_case("le"));
            (short_prefix && p[d.end..].trim_end_matches(['.', ',']).trim().is_empty())
                .then_some(d.iso)
        })
    })
}

/// A line of exactly a day, a month name and a year whose day OCR read with letters it
/// takes for digits (`À March 2022`, `l9 May 1998`, `2O June 2001`): the day is the
/// digits those letters stand for. Only a whole line of three words counts, the month
/// must be a month name as printed and the year four digits, so that no text is read
/// as a date.
pub fn misread_day_date(line: &str) -> Option<String> {
    let line = line.trim().trim_end_matches(['.', ',']);
    let words: Vec<&str> = line.split_whitespace().collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let day_chars: Vec<char> = day.chars().collect();
    if day_chars.is_empty() || day_chars.len() > 2 || day_chars.iter().all(char::is_ascii_digit) {
        return None;
    }
    let digits: String = day_chars
        .iter()
        .map(|&c| digit_misread_as(c))
        .collect::<Option<String>>()?;
    super::dates::iso_date(digits.parse().ok()?, month, year.parse().ok()?)
}

/// The digit a character OCR commonly reads instead of it stands for (`O` for 0, `l` and
/// `I` for 1, `Z` for 2, `A` for a closed 4, `S` for 5, `G` for 6, `B` for 8, `g` for 9).
fn digit_misread_as(c: char) -> Option<char> {
    Some(match c {
        '0'..='9' => c,
        'O' | 'o' => '0',
        'l' | 'I' | '|' | '!' => '1',
        'Z' | 'z' => '2',
        'A' | 'À' | 'Á' | 'Â' => '4',
        'S' => '5',
        'G' => '6',
        'B' => '8',
        'g' => '9',
        _ => return None,
    })
}

/// A date field torn by OCR (`19D 1991 … DATE: ecember`): on the labelled line, exactly
/// one day number (possibly with a letter stuck to it), one year and one word within two
/// letters of a month name.
fn torn_date(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '.' | '_'))
        .filter(|t| !t.is_empty())
        .collect();
    let days: Vec<u32> = tokens.iter().filter_map(|t| day_token(t)).collect();
    let years: Vec<i32> = tokens
        .iter()
        .filter(|t| t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|t| t.parse().ok())
        .collect();
    let months: Vec<&str> = tokens.iter().filter_map(|t| month_like(t)).collect();
    match (days.as_slice(), years.as_slice(), months.as_slice()) {
        ([day], [year], [month]) => super::dates::iso_date(*day, month, *year),
        _ => None,
    }
}

/// `19` or `19D` (a letter of the month stuck to the day) → 19.
fn day_token(token: &str) -> Option<u32> {
    let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
    let rest = &token[digits.len()..];
    let ok = (1..=2).contains(&digits.len())
        && (rest.is_empty() || rest.chars().count() == 1 && rest.chars().all(char::is_alphabetic));
    ok.then(|| digits.parse().ok()).flatten()
}

/// A month name a word of five letters or more is within two edits of, when only one
/// month is that close.
fn month_like(token: &str) -> Option<&'static str> {
    let word: Vec<char> = token.to_lowercase().chars().collect();
    if word.len() < 5 || !word.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let close: Vec<(&'static str, u32)> = MONTHS
        .iter()
        .map(|(name, number)| (*name, *number))
        .filter(|(m, _)| m.chars().all(char::is_alphabetic) && m.chars().count() >= 5)
        .filter(|(m, _)| {
            let m: Vec<char> = m.chars().collect();
            edit_distance(&word, &m, 2).is_some()
        })
        .collect();
    // Names of one month in several languages (`december`, `decembre`) are one month.
    let first = close.first()?;
    close.iter().all(|(_, n)| *n == first.1).then_some(first.0)
}

/// The opening sentence of a note verbale, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    pub sender: String,
    pub doc_type: &'static str,
    pub title: String,
}

/// `The Office of Legal Affairs … presents its compliments to the Permanent Mission of
/// Ukraine … and has the honour …` → sender, kind and `Note verbale from the Office of
/// Legal Affairs … to the Permanent Mission of Ukraine …`.
pub fn opening(paragraph: &str) -> Option<Opening> {
    LETTER_OPENINGS.iter().find_map(|o| {
        let c = o.pattern.captures(paragraph.trim())?;
        let sender = c.name("from")?.as_str().trim().to_string();
        let to = c.name("to")?.as_str().trim();
        let mut title = o
            .template
            .replace("{from}", &article_in_lower_case(&sender))
            .replace("{to}", to);
        for (words, contracted) in CONTRACTIONS.iter() {
            title = title.replace(&format!(" {words} "), &format!(" {contracted} "));
        }
        Some(Opening {
            sender,
            doc_type: o.doc_type,
            title,
        })
    })
}

/// `The Office …` → `the Office …`: an article opening a sentence loses its capital.
fn article_in_lower_case(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    let article = ["The", "Le", "La", "Les", "L’", "L'"]
        .iter()
        .any(|a| first == *a || (a.ends_with(['’', '\'']) && first.starts_with(a)));
    if !article {
        return text.to_string();
    }
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_memo_dates_torn_or_whole() {
        assert_eq!(
            labelled_date(&lines(&["TO: A", "DATE: 3 May 1989", "SUBJECT: X"])).as_deref(),
            Some("1989-05-03")
        );
        assert_eq!(
            labelled_date(&lines(&[
                ". 19D 1991 A: The Secretary~General DATE: ecember"
            ]))
            .as_deref(),
            Some("1991-12-19")
        );
        // Two numbers that could be the day: no guess.
        assert!(labelled_date(&lines(&["12 19D 1991 DATE: ecember"])).is_none());
        assert!(labelled_date(&lines(&["The date: to be decided"])).is_none());
    }

    #[test]
    fn reads_filing_stamps_and_date_lines() {
        assert_eq!(
            filed_date(&lines(&["Filed in the Registry on: 30 January 2004"])).as_deref(),
            Some("2004-01-30")
        );
        assert!(filed_date(&lines(&["Filed in the Registry on : à aC JAN. © lu4"])).is_none());
        let body = lines(&[
            "The Government wishes to submit comments made on 21 October 2003.",
            "Legal Adviser",
            "Le 29 janvier 2004",
        ]);
        assert_eq!(date_line(&body).as_deref(), Some("2004-01-29"));
        assert_eq!(
            date_line(&lines(&["Ottawa, 29 January 2004"])).as_deref(),
            Some("2004-01-29")
        );
        assert!(date_line(&lines(&["adopted on 8 December 2003 by the Assembly"])).is_none());
    }

    #[test]
    fn reads_a_date_line_whose_day_ocr_misread() {
        // The `4` of a note verbale's date, crossed by the ring of a seal.
        let closing = lines(&[
            "The Office of Legal Affairs … presents its compliments … dated 24 February 2022.",
            "consideration.",
            "À March 2022",
        ]);
        assert_eq!(date_line(&closing).as_deref(), Some("2022-03-04"));
        assert_eq!(
            misread_day_date("l9 May 1998").as_deref(),
            Some("1998-05-19")
        );
        assert_eq!(
            misread_day_date("2O juin 2001.").as_deref(),
            Some("2001-06-20")
        );
        // A date printed right elsewhere wins.
        let both = lines(&["À March 2022", "Geneva, 7 March 2022"]);
        assert_eq!(date_line(&both).as_deref(), Some("2022-03-07"));
        // Words, impossible days and longer lines are no dates.
        assert!(misread_day_date("A May 2020 meeting").is_none());
        assert!(misread_day_date("Al May 2020").is_none());
        assert!(misread_day_date("BB March 2022").is_none());
        assert!(misread_day_date("ch 2022").is_none());
        assert!(misread_day_date("We March 2022").is_none());
        assert!(misread_day_date("4 March 2022").is_none());
    }

    #[test]
    fn reads_the_opening_of_a_note_verbale() {
        let o = opening(
            "The Secretary-General of the United Nations presents his compliments to the \
             Permanent Representative of Ruritania to the United Nations and has the honour \
             to transmit …",
        )
        .unwrap();
        assert_eq!(o.doc_type, "note verbale");
        assert_eq!(
            o.title,
            "Note verbale from the Secretary-General of the United Nations to the Permanent \
             Representative of Ruritania to the United Nations"
        );
        let o = opening(
            "Le Bureau des affaires juridiques présente ses compliments à la Mission \
             permanente de la Ruritanie et a l’honneur de …",
        )
        .unwrap();
        assert_eq!(
            o.title,
            "Note verbale du Bureau des affaires juridiques à la Mission permanente de la Ruritanie"
        );
        assert_eq!(
            issuer_organ(&lines(&[
                "UNITED NATIONS",
                "The Office of Legal Affairs presents its compliments to the Permanent \
                 Mission of Ruritania and has the honour to refer …"
            ]))
            .as_deref(),
            Some("Secretariat")
        );
        assert_eq!(
            issuer_organ(&lines(&[
                "Enregistré au Greffe le : 3 mars 2004",
                "EXPOSÉ ÉCRIT DU GOUVERNEMENT DE LA RURITANIE",
                "Conformément à l’article 66 du Statut de la Cour, le Gouvernement de la \
                 Ruritanie a l’honneur de présenter à la Cour les observations suivantes."
            ]))
            .as_deref(),
            Some("Cour internationale de Justice")
        );
        assert!(issuer_organ(&lines(&[
            "The Permanent Mission of Ruritania presents its compliments to the \
             Secretariat and has the honour to refer …"
        ]))
        .is_none());
    }
}
