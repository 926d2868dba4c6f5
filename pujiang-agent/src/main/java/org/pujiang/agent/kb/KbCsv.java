package org.pujiang.agent.kb;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Knowledge-base entries as CSV (RFC 4180, as spreadsheets save it; UTF-8, a byte-order mark is ignored). The first
 * line names the columns, in any order and case: {@code id}, {@code questions}, {@code answer} or one
 * {@code answer_<lang>} column per language ({@code answer_zh} is {@code zh-CN}, {@code answer_en} is {@code en}),
 * and optionally {@code tags}, {@code gesture} and {@code link}. Questions and tags are separated by {@code |}; a
 * literal {@code |} in a question is written {@code \|} (and a backslash before one {@code \\}).
 *
 * <p>CSV carries entries only: a knowledge base written here loses its synonyms, welcome lines and hot questions
 * (the server keeps the current version's when a CSV replaces it). Every problem is reported with its line number
 * and nothing is half-imported; the same rules as {@link KbJson} apply to each entry. Pure; any thread.
 */
public final class KbCsv {
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final List<String> OTHER_COLUMNS = List.of("id", "questions", "tags", "gesture", "link");

    private KbCsv() {}

    /** The entries of a CSV file; no synonyms, welcome lines or hot questions. */
    public static KnowledgeBase parse(String text) throws KbFormatException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new KbFormatException("line 1: the file is empty; the first line names the columns (id,questions,"
                    + "answer,tags,gesture,link)");
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ)) {
            var records = parser.iterator();
            long line = 1;
            Header header = null;
            List<KbEntry> entries = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    // The parser's message says where (line and position), e.g. an unclosed quote.
                    throw new KbFormatException("line " + (parser.getCurrentLineNumber() + 1) + ": not valid CSV: "
                            + firstLine(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                }
                long at = line;
                line = parser.getCurrentLineNumber() + 1;
                if (header == null) {
                    header = header(record);
                    continue;
                }
                if (isBlank(record)) {
                    continue;
                }
                KbEntry entry = entry(record, header, "line " + at);
                Long first = seen.putIfAbsent(entry.id(), at);
                if (first != null) {
                    throw new KbFormatException("line " + at + ": the id '" + entry.id() + "' is used twice (first on"
                            + " line " + first + ")");
                }
                entries.add(entry);
            }
            return new KnowledgeBase(entries, List.of(), Map.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /**
     * The entries as CSV with a header line: {@code answer} when every answer is Chinese only, otherwise one
     * {@code answer_<lang>} column per language used ({@code answer_zh} first). {@link #parse} of it gives the same
     * entries.
     */
    public static String write(KnowledgeBase kb) {
        TreeSet<String> langs = new TreeSet<>((a, b) -> a.equals(b) ? 0 : a.equals("zh-CN") ? -1
                : b.equals("zh-CN") ? 1 : a.compareTo(b));
        kb.entries().forEach(e -> langs.addAll(e.answers().keySet()));
        boolean single = langs.isEmpty() || (langs.size() == 1 && langs.first().equals("zh-CN"));
        List<String> columns = new ArrayList<>(List.of("id", "questions"));
        if (single) {
            columns.add("answer");
        } else {
            langs.forEach(l -> columns.add("answer_" + shortLang(l)));
        }
        columns.addAll(List.of("tags", "gesture", "link"));
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, WRITE)) {
            p.printRecord(columns);
            for (KbEntry e : kb.entries()) {
                List<String> row = new ArrayList<>();
                row.add(e.id());
                row.add(join(e.questions()));
                if (single) {
                    row.add(e.answers().getOrDefault("zh-CN", ""));
                } else {
                    langs.forEach(l -> row.add(e.answers().getOrDefault(l, "")));
                }
                row.add(join(e.tags()));
                row.add(e.gesture() == null ? "" : e.gesture());
                row.add(e.link() == null ? "" : e.link());
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringBuilder cannot fail", e);
        }
        return out.toString();
    }

    /** Where each column is; answers by language tag. */
    private record Header(Map<String, Integer> columns, Map<String, Integer> answers) {}

    private static Header header(CSVRecord record) throws KbFormatException {
        Map<String, Integer> columns = new HashMap<>();
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new KbFormatException("line 1: column " + (i + 1) + " has no name");
            }
            Integer before;
            if (name.equals("answer")) {
                before = answers.putIfAbsent("zh-CN", i);
            } else if (name.startsWith("answer_") || name.startsWith("answer-")) {
                before = answers.putIfAbsent(langOf(name.substring(7)), i);
            } else if (OTHER_COLUMNS.contains(name)) {
                before = columns.putIfAbsent(name, i);
            } else {
                throw new KbFormatException("line 1: unknown column '" + clip(name) + "'; the columns are id, "
                        + "questions, answer (or answer_zh, answer_en, …), tags, gesture and link");
            }
            if (before != null) {
                throw new KbFormatException("line 1: the column '" + clip(name) + "' appears twice");
            }
        }
        for (String required : List.of("id", "questions")) {
            if (!columns.containsKey(required)) {
                throw new KbFormatException("line 1: the column '" + required + "' is missing; the first line names "
                        + "the columns (id,questions,answer,tags,gesture,link)");
            }
        }
        if (answers.isEmpty()) {
            throw new KbFormatException("line 1: no answer column: name one 'answer', or one per language such as "
                    + "'answer_zh' and 'answer_en'");
        }
        return new Header(columns, answers);
    }

    private static KbEntry entry(CSVRecord r, Header h, String at) throws KbFormatException {
        String id = cell(r, h.columns().get("id"));
        if (id.isEmpty()) {
            throw new KbFormatException(at + ": the id is empty");
        }
        if (!id.matches(KbJson.ID)) {
            throw new KbFormatException(at + ": '" + clip(id) + "' is not an id (letters, digits, . - _; 1 to 64)");
        }
        List<String> questions = split(cell(r, h.columns().get("questions")), at + ", questions");
        if (questions.isEmpty() || questions.size() > KbJson.MAX_QUESTIONS) {
            throw new KbFormatException(at + ", questions: 1 to " + KbJson.MAX_QUESTIONS + " phrasings separated by |,"
                    + " got " + questions.size());
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> a : h.answers().entrySet()) {
            String text = cell(r, a.getValue());
            if (!text.isEmpty()) {
                answers.put(a.getKey(), limited(text, at + ", answer (" + a.getKey() + ")"));
            }
        }
        if (answers.isEmpty()) {
            throw new KbFormatException(at + ": the answer is empty");
        }
        Integer tags = h.columns().get("tags");
        String gesture = optional(r, h.columns().get("gesture"));
        String link = optional(r, h.columns().get("link"));
        return new KbEntry(id, questions, answers, tags == null ? List.of() : split(cell(r, tags), at + ", tags"),
                gesture, link);
    }

    /** A cell, stripped; "" when the row is shorter than the header. */
    private static String cell(CSVRecord r, Integer column) {
        return column == null || column >= r.size() ? "" : r.get(column).strip();
    }

    private static String optional(CSVRecord r, Integer column) {
        String v = cell(r, column);
        return v.isEmpty() ? null : v;
    }

    private static boolean isBlank(CSVRecord r) {
        for (String v : r) {
            if (!v.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Splits on unescaped {@code |}; {@code \|} is a literal bar, {@code \\} a backslash; blanks are dropped. */
    static List<String> split(String cell, String at) throws KbFormatException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length() && (cell.charAt(i + 1) == '|' || cell.charAt(i + 1) == '\\')) {
                cur.append(cell.charAt(++i));
            } else if (c == '|') {
                add(out, cur, at);
            } else {
                cur.append(c);
            }
        }
        add(out, cur, at);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur, String at) throws KbFormatException {
        String s = cur.toString().strip();
        cur.setLength(0);
        if (!s.isEmpty()) {
            out.add(limited(s, at + " " + (out.size() + 1)));
        }
    }

    private static String join(List<String> items) {
        StringBuilder out = new StringBuilder();
        for (String s : items) {
            if (!out.isEmpty()) {
                out.append('|');
            }
            out.append(s.replace("\\", "\\\\").replace("|", "\\|"));
        }
        return out.toString();
    }

    private static String limited(String s, String at) throws KbFormatException {
        if (s.length() > KbJson.MAX_TEXT) {
            throw new KbFormatException(at + ": at most " + KbJson.MAX_TEXT + " characters, got " + s.length());
        }
        return s;
    }

    /** {@code zh}, {@code zh-cn}, {@code zh_CN} are {@code zh-CN}; others keep their tag with {@code -}. */
    private static String langOf(String suffix) {
        String s = suffix.strip().replace('_', '-');
        if (s.equalsIgnoreCase("zh") || s.equalsIgnoreCase("zh-cn") || s.equalsIgnoreCase("zh-hans")) {
            return "zh-CN";
        }
        int dash = s.indexOf('-');
        return dash < 0 ? s.toLowerCase(Locale.ROOT)
                : s.substring(0, dash).toLowerCase(Locale.ROOT) + "-" + s.substring(dash + 1).toUpperCase(Locale.ROOT);
    }

    private static String shortLang(String lang) {
        return lang.equals("zh-CN") ? "zh" : lang;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
