package org.pujiang.agent.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Chinese words by HanLP's segmenter (its core dictionary plus the words added to its custom dictionary), as a Lucene
 * tokenizer. Punctuation and spaces are dropped. Each tokenizer has its own segmenter (Lucene keeps one per thread).
 */
public final class HanlpTokenizer extends Tokenizer {
    private final Segment segment = HanLP.newSegment().enableCustomDictionary(true);
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private List<Term> terms = List.of();
    private int next;

    @Override
    public void reset() throws IOException {
        super.reset();
        StringBuilder text = new StringBuilder();
        char[] buf = new char[1024];
        for (int n; (n = input.read(buf)) > 0; ) {
            text.append(buf, 0, n);
        }
        terms = segment.seg(text.toString());
        next = 0;
    }

    @Override
    public boolean incrementToken() {
        while (next < terms.size()) {
            Term t = terms.get(next++);
            if (t.word.isBlank() || !Character.isLetterOrDigit(t.word.codePointAt(0))) {
                continue;
            }
            clearAttributes();
            term.setEmpty().append(t.word);
            offset.setOffset(correctOffset(t.offset), correctOffset(t.offset + t.length()));
            return true;
        }
        return false;
    }
}
