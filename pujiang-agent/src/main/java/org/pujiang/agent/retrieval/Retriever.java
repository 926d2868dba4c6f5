package org.pujiang.agent.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.pujiang.agent.kb.KbEntry;
import org.pujiang.agent.kb.KnowledgeBase;

/**
 * Finds the knowledge-base entry a question asks, with BM25 over every stored phrasing in three fields: Chinese words
 * (smartcn), Chinese character bigrams with unigrams (so domain words smartcn splits still match) and English
 * (stemmed). Synonyms are folded to one word of their group before analysis, in questions and phrasings alike.
 * The confidence is how much of the question the best phrasing covers (bigrams and English stems), from 0 to 1.
 *
 * <p>Built once per knowledge-base version; {@link #ask} is safe from any thread (an IndexSearcher is).
 */
public final class Retriever {
    /** A result: the best entry and how sure, or no entry. */
    public record Match(KbEntry entry, double confidence, float score) {}

    private static final String ID = "id";
    private static final String ZH = "zh";
    private static final String BI = "bi";
    private static final String EN = "en";
    private static final String KIND = "kind";
    /** How much an answer's words count against a phrasing's when ranking entries. */
    private static final float ANSWER_WEIGHT = 0.35f;
    private static final int CANDIDATES = 50;

    private final Map<String, KbEntry> entries = new HashMap<>();
    private final List<String[]> synonyms = new ArrayList<>();
    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    private final List<Set<String>> phrasingTokens = new ArrayList<>();

    public Retriever(KnowledgeBase kb) {
        for (List<String> group : kb.synonyms()) {
            String canonical = fold(group.get(0));
            for (String word : group) {
                synonyms.add(new String[] {fold(word), canonical});
            }
        }
        // Longest first, so that 居民身份证 is folded before 身份证.
        synonyms.sort(Comparator.comparingInt((String[] s) -> s[0].length()).reversed());
        Map<String, Analyzer> fields = new HashMap<>();
        fields.put(ZH, new SmartChineseAnalyzer());
        fields.put(BI, bigrams());
        fields.put(EN, new EnglishAnalyzer());
        this.analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), fields);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (KbEntry e : kb.entries()) {
                entries.put(e.id(), e);
                for (String q : e.questions()) {
                    String text = normalise(q);
                    Document d = new Document();
                    d.add(new StoredField(ID, e.id()));
                    d.add(new TextField(ZH, text, Field.Store.NO));
                    d.add(new TextField(BI, text, Field.Store.NO));
                    d.add(new TextField(EN, text, Field.Store.NO));
                    w.addDocument(d);
                    phrasingTokens.add(coverageTokens(text));
                }
                // The answer too, as one more document of the entry: visitors often ask with the answer's words.
                String answers = normalise(String.join(" ", e.answers().values()) + " " + String.join(" ", e.tags()));
                Document d = new Document();
                d.add(new StoredField(ID, e.id()));
                d.add(new StoredField(KIND, "answer"));
                d.add(new TextField(ZH, answers, Field.Store.NO));
                d.add(new TextField(BI, answers, Field.Store.NO));
                d.add(new TextField(EN, answers, Field.Store.NO));
                w.addDocument(d);
                phrasingTokens.add(coverageTokens(answers));
            }
            w.commit();
            this.searcher = new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index cannot fail to write", e);
        }
    }

    private static Analyzer bigrams() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new CJKWidthFilter(source);
                s = new LowerCaseFilter(s);
                s = new CJKBigramFilter(s, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                        | CJKBigramFilter.HANGUL, true);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** NFKC, lower case, synonyms folded. */
    String normalise(String text) {
        String s = fold(text);
        for (String[] syn : synonyms) {
            if (s.contains(syn[0])) {
                s = s.replace(syn[0], syn[1]);
            }
        }
        return s;
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    }

    /** The best entry for a question, or null when nothing matches at all. */
    public Match ask(String question) {
        String text = normalise(question);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String field : new String[] {ZH, BI, EN}) {
            for (String token : tokens(field, text)) {
                q.add(new BoostQuery(new TermQuery(new Term(field, token)), 1f), BooleanClause.Occur.SHOULD);
            }
        }
        Query query = q.build();
        try {
            TopDocs top = searcher.search(query, CANDIDATES);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            // An entry's score: its best phrasing, plus a share of its answer's.
            Map<String, float[]> byEntry = new HashMap<>(); // id -> {best phrasing score, answer score, best doc}
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                float[] s = byEntry.computeIfAbsent(d.get(ID), k -> new float[] {0, 0, -1});
                if ("answer".equals(d.get(KIND))) {
                    s[1] = Math.max(s[1], sd.score);
                } else if (sd.score > s[0]) {
                    s[0] = sd.score;
                    s[2] = sd.doc;
                }
            }
            String bestId = null;
            float bestScore = -1;
            for (Map.Entry<String, float[]> e : byEntry.entrySet()) {
                float score = e.getValue()[0] + ANSWER_WEIGHT * e.getValue()[1];
                if (score > bestScore) {
                    bestScore = score;
                    bestId = e.getKey();
                }
            }
            float[] best = byEntry.get(bestId);
            Set<String> asked = coverageTokens(text);
            Set<String> have = new HashSet<>(best[2] >= 0 ? phrasingTokens.get((int) best[2]) : Set.of());
            long covered = asked.stream().filter(have::contains).count();
            double confidence = asked.isEmpty() ? 0 : (double) covered / asked.size();
            return new Match(entries.get(bestId), confidence, bestScore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> coverageTokens(String text) {
        Set<String> out = new HashSet<>(tokens(BI, text));
        out.addAll(tokens(EN, text));
        return out;
    }

    private List<String> tokens(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
