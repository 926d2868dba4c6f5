package org.pujiang.agent.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.pujiang.agent.kb.KbEntry;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.agent.text.HanlpTokenizer;
import org.pujiang.agent.text.QuestionWords;
import org.pujiang.agent.text.TextNormaliser;

/**
 * Finds the knowledge-base entries a question asks, with BM25 over every stored phrasing in three fields: Chinese words
 * (HanLP or smartcn), Chinese character bigrams with unigrams (so domain words a segmenter splits still match) and
 * English (stemmed). Text is normalised first (NFKC, traditional to simplified, lower case) and synonyms are folded to
 * the first word of their group, in questions and phrasings alike. Question words ("how do I", "请问怎么") are dropped.
 *
 * <p>An entry's score is its best phrasing's plus a share of its second-best phrasing's and of its answer's (visitors
 * often ask with the answer's words).
 * The confidence is how much of the question's information the entry accounts for: the IDF-weighted share of the
 * question's content tokens (bigrams and English stems) that appear in the entry's phrasings, answer or tags. A
 * question about something the knowledge base never mentions has words it does not know, so it scores low.
 *
 * <p>Built once per knowledge-base version; {@link #ask} and {@link #top} are safe from any thread.
 */
public final class Retriever {
    /** A result: an entry, how sure (0..1), and its ranking score. */
    public record Match(KbEntry entry, double confidence, float score) {}

    /** Which Chinese word segmenter feeds the word field (the bigram field is always there). */
    public enum ChineseWords { HANLP, SMARTCN }

    private static final String ENTRY = "entry";
    private static final String ZH = "zh";
    private static final String BI = "bi";
    private static final String EN = "en";
    /** How much an answer's words count against a phrasing's when ranking entries. */
    private static final float ANSWER_WEIGHT = 0.35f;
    /**
     * How much an entry's second-best phrasing adds: an entry that several phrasings match is more likely the one
     * asked (0.3 measured best on the evaluation set: 0.825 against 0.795 without).
     */
    private static final float SECOND_WEIGHT = 0.3f;
    /** Phrasings looked at per question: fewer is faster but loses entries whose second phrasing or answer counts. */
    private static final int CANDIDATES = 100;
    /** The most tokens of a question that are looked up (a question is at most a few hundred characters). */
    private static final int MAX_QUERY_TOKENS = 256;

    /** Entries in index order, and per document: its entry's index, negative (-1 - index) for an answer document. */
    private final List<KbEntry> ordered = new ArrayList<>();
    private final int[] docEntry;
    private final List<String[]> synonyms = new ArrayList<>();
    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    /** Per entry: the content tokens of its phrasings, answer and tags. */
    private final Map<String, Set<String>> entryTokens = new HashMap<>();
    /** Per content token: in how many entries it appears. */
    private final Map<String, Integer> entryFrequency = new HashMap<>();

    public Retriever(KnowledgeBase kb) {
        this(kb, ChineseWords.HANLP);
    }

    public Retriever(KnowledgeBase kb, ChineseWords chinese) {
        for (List<String> group : kb.synonyms()) {
            String canonical = TextNormaliser.normalise(group.get(0));
            for (String word : group) {
                synonyms.add(new String[] {TextNormaliser.normalise(word), canonical});
            }
        }
        // Longest first, so that 居民身份证 is folded before 身份证.
        synonyms.sort(Comparator.comparingInt((String[] s) -> s[0].length()).reversed());
        Map<String, Analyzer> fields = new HashMap<>();
        fields.put(ZH, chinese == ChineseWords.HANLP ? words() : new SmartChineseAnalyzer());
        fields.put(BI, bigrams());
        fields.put(EN, english());
        this.analyzer = new PerFieldAnalyzerWrapper(english(), fields);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (KbEntry e : kb.entries()) {
                int index = ordered.size();
                ordered.add(e);
                Set<String> tokens = new HashSet<>();
                for (String q : e.questions()) {
                    String text = normalise(q);
                    w.addDocument(document(index, text));
                    tokens.addAll(contentTokens(text));
                }
                String answers = normalise(String.join(" ", e.answers().values()) + " " + String.join(" ", e.tags()));
                w.addDocument(document(-1 - index, answers));
                tokens.addAll(contentTokens(answers));
                entryTokens.put(e.id(), tokens);
                for (String t : tokens) {
                    entryFrequency.merge(t, 1, Integer::sum);
                }
            }
            w.forceMerge(1);
            w.commit();
            DirectoryReader reader = DirectoryReader.open(dir);
            this.searcher = new IndexSearcher(reader);
            this.docEntry = new int[reader.maxDoc()];
            for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
                org.apache.lucene.index.NumericDocValues values = leaf.reader().getNumericDocValues(ENTRY);
                for (int doc = values.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                        doc = values.nextDoc()) {
                    docEntry[leaf.docBase + doc] = (int) values.longValue();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index cannot fail to write", e);
        }
    }

    private static Document document(int entry, String text) {
        Document d = new Document();
        d.add(new org.apache.lucene.document.NumericDocValuesField(ENTRY, entry));
        d.add(new TextField(ZH, text, Field.Store.NO));
        d.add(new TextField(BI, text, Field.Store.NO));
        d.add(new TextField(EN, text, Field.Store.NO));
        return d;
    }

    private static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new HanlpTokenizer();
                return new TokenStreamComponents(source, new StopFilter(source, QuestionWords.CHINESE));
            }
        };
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
                s = new StopFilter(s, QuestionWords.CHINESE);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** Lucene's English chain, with the question words added to the stop words. */
    private static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new EnglishPossessiveFilter(source);
                s = new LowerCaseFilter(s);
                s = new StopFilter(s, QuestionWords.ENGLISH);
                s = new PorterStemFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** Normalised, synonyms folded. */
    String normalise(String text) {
        String s = TextNormaliser.normalise(text);
        for (String[] syn : synonyms) {
            if (s.contains(syn[0])) {
                s = s.replace(syn[0], syn[1]);
            }
        }
        return s;
    }

    /** The best entry for a question, or null when nothing matches at all. */
    public Match ask(String question) {
        List<Match> top = top(question, 1);
        return top.isEmpty() ? null : top.get(0);
    }

    /** Up to {@code k} entries for a question, best first; empty when nothing matches at all. */
    public List<Match> top(String question, int k) {
        String text = normalise(question);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        for (String field : new String[] {ZH, BI, EN}) {
            // each term once: a repeated word adds a clause to evaluate but little to tell entries apart
            for (String token : new java.util.LinkedHashSet<>(tokens(field, text))) {
                if (clauses++ < MAX_QUERY_TOKENS) {
                    q.add(new TermQuery(new Term(field, token)), BooleanClause.Occur.SHOULD);
                }
            }
        }
        if (clauses == 0) {
            return List.of();
        }
        try {
            TopDocs top = searcher.search(q.build(), CANDIDATES);
            Map<Integer, float[]> byEntry = new HashMap<>(); // entry -> {best phrasing, answer, second-best phrasing}
            for (ScoreDoc sd : top.scoreDocs) {
                int e = docEntry[sd.doc];
                boolean answer = e < 0;
                float[] s = byEntry.computeIfAbsent(answer ? -1 - e : e, x -> new float[3]);
                if (answer) {
                    s[1] = Math.max(s[1], sd.score);
                } else if (sd.score > s[0]) {
                    s[2] = s[0];
                    s[0] = sd.score;
                } else if (sd.score > s[2]) {
                    s[2] = sd.score;
                }
            }
            Set<String> asked = contentTokens(text);
            List<Match> out = new ArrayList<>(byEntry.size());
            for (Map.Entry<Integer, float[]> e : byEntry.entrySet()) {
                float score = e.getValue()[0] + ANSWER_WEIGHT * e.getValue()[1] + SECOND_WEIGHT * e.getValue()[2];
                out.add(new Match(ordered.get(e.getKey()), 0, score));
            }
            out.sort(Comparator.comparingDouble((Match m) -> m.score()).reversed()
                    .thenComparing(m -> m.entry().id()));
            List<Match> best = new ArrayList<>(Math.min(k, out.size()));
            for (Match m : out.subList(0, Math.min(k, out.size()))) {
                best.add(new Match(m.entry(), coverage(asked, entryTokens.get(m.entry().id())), m.score()));
            }
            return best;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IDF-weighted share of the asked tokens the entry has; unknown tokens weigh the most. */
    private double coverage(Set<String> asked, Set<String> have) {
        if (asked.isEmpty()) {
            return 0;
        }
        double n = ordered.size();
        double all = 0;
        double covered = 0;
        for (String t : asked) {
            double idf = Math.log(1 + n / (0.5 + entryFrequency.getOrDefault(t, 0)));
            all += idf;
            if (have.contains(t)) {
                covered += idf;
            }
        }
        return covered / all;
    }

    /** Content tokens: Chinese bigrams (unigrams only where a character stands alone) and English stems. */
    private Set<String> contentTokens(String text) {
        Set<String> out = new HashSet<>();
        List<String> bi = tokens(BI, text);
        for (String t : bi) {
            if (t.length() > 1 || !TextNormaliser.hasHan(t)) {
                out.add(t);
            }
        }
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
