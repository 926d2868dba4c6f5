package org.pujiang.bench.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pujiang.agent.kb.KbEntry;
import org.pujiang.agent.kb.KnowledgeBase;

/**
 * A knowledge base of any size for benchmarks, made from a fixed vocabulary: each entry is one (district, audience,
 * service, topic, channel) combination asked three ways (two Chinese, one English), so every entry is distinct yet shares
 * most words with thousands of others, as a city-wide service catalogue does. Deterministic for a seed.
 */
public final class SyntheticKb {
    private static final String[][] DISTRICTS = {{"浦东", "Pudong"}, {"黄浦", "Huangpu"}, {"徐汇", "Xuhui"},
            {"长宁", "Changning"}, {"静安", "Jing'an"}, {"普陀", "Putuo"}, {"虹口", "Hongkou"}, {"杨浦", "Yangpu"},
            {"闵行", "Minhang"}, {"宝山", "Baoshan"}, {"嘉定", "Jiading"}, {"金山", "Jinshan"}, {"松江", "Songjiang"},
            {"青浦", "Qingpu"}, {"奉贤", "Fengxian"}, {"崇明", "Chongming"}, {"临港", "Lingang"}, {"张江", "Zhangjiang"},
            {"陆家嘴", "Lujiazui"}, {"虹桥", "Hongqiao"}};
    private static final String[][] AUDIENCES = {{"老年人", "seniors"}, {"学生", "students"},
            {"外籍人士", "foreign residents"}, {"企业", "companies"}, {"个体户", "sole traders"}};
    private static final String[][] SERVICES = {{"身份证", "ID card"}, {"居住证", "residence permit"},
            {"户口迁移", "hukou transfer"}, {"社保卡", "social security card"}, {"医保报销", "medical reimbursement"},
            {"公积金提取", "housing fund withdrawal"}, {"营业执照", "business licence"}, {"税务登记", "tax registration"},
            {"发票申领", "invoice application"}, {"护照", "passport"}, {"港澳通行证", "Hong Kong and Macau permit"},
            {"结婚登记", "marriage registration"}, {"出生登记", "birth registration"}, {"退休审批", "retirement approval"},
            {"养老金", "pension"}, {"残疾人证", "disability card"}, {"驾驶证", "driving licence"},
            {"不动产登记", "property registration"}, {"入学登记", "school enrolment"}, {"就业登记", "employment registration"},
            {"失业金", "unemployment benefit"}, {"生育津贴", "maternity allowance"}, {"租房补贴", "rent subsidy"},
            {"电子证照", "electronic certificate"}, {"无犯罪记录证明", "criminal record certificate"}};
    private static final String[][] TOPICS = {{"需要哪些材料", "required documents", "what documents do I need for"},
            {"办理流程", "procedure", "what is the procedure for"}, {"收费标准", "fees", "how much does it cost for"},
            {"办理时限", "processing time", "how long does it take for"}, {"网上办理", "online application",
            "can I apply online for"}, {"预约方式", "appointment", "how do I book an appointment for"},
            {"办理地点", "where to apply", "where do I go for"}, {"委托代办", "applying by proxy",
            "can someone else apply on my behalf for"}, {"进度查询", "progress check", "how do I check progress of"},
            {"补办", "replacement", "how do I replace"}};

    private static final String[][] CHANNELS = {{"在窗口", "at the counter"}, {"在自助机上", "at a self-service kiosk"},
            {"在网上", "online"}, {"用手机", "on my phone"}};

    private SyntheticKb() {}

    /** The most distinct entries this vocabulary makes. */
    public static int maxEntries() {
        return DISTRICTS.length * AUDIENCES.length * SERVICES.length * TOPICS.length * CHANNELS.length;
    }

    public static KnowledgeBase of(int size) {
        if (size > maxEntries()) {
            throw new IllegalArgumentException("at most " + maxEntries() + " entries");
        }
        List<KbEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String[] d = DISTRICTS[i % DISTRICTS.length];
            String[] a = AUDIENCES[(i / DISTRICTS.length) % AUDIENCES.length];
            String[] s = SERVICES[(i / (DISTRICTS.length * AUDIENCES.length)) % SERVICES.length];
            String[] t = TOPICS[(i / (DISTRICTS.length * AUDIENCES.length * SERVICES.length)) % TOPICS.length];
            String[] c = CHANNELS[i / (DISTRICTS.length * AUDIENCES.length * SERVICES.length * TOPICS.length)];
            entries.add(new KbEntry("e" + i, List.of(
                    d[0] + a[0] + c[0] + "办理" + s[0] + t[0] + "？",
                    "请问在" + d[0] + "，" + a[0] + c[0] + s[0] + "的" + t[0] + "是什么",
                    t[2] + " " + s[1] + " " + c[1] + " (" + a[1] + ", " + d[1] + ")?"),
                    Map.of("zh-CN", d[0] + "的" + a[0] + "办理" + s[0] + "：" + t[0] + "请见" + d[0] + "政务服务中心公告。",
                            "en", s[1] + " for " + a[1] + " in " + d[1] + ": see the " + t[1] + " notice of the "
                                    + d[1] + " service centre."),
                    List.of(s[1], t[1]), "explain", null));
        }
        return new KnowledgeBase(entries, List.of(List.of("身份证", "居民身份证", "ID card")), Map.of(), List.of());
    }

    /** Questions worded unlike the stored phrasings, about random entries of a base of {@code size}. */
    public static List<String> questions(int size, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int i = random.nextInt(size);
            String[] d = DISTRICTS[i % DISTRICTS.length];
            String[] a = AUDIENCES[(i / DISTRICTS.length) % AUDIENCES.length];
            String[] s = SERVICES[(i / (DISTRICTS.length * AUDIENCES.length)) % SERVICES.length];
            String[] t = TOPICS[(i / (DISTRICTS.length * AUDIENCES.length * SERVICES.length)) % TOPICS.length];
            String[] c = CHANNELS[i / (DISTRICTS.length * AUDIENCES.length * SERVICES.length * TOPICS.length)];
            out.add(n % 2 == 0 ? "我是" + a[0] + "，想" + c[0] + "弄" + d[0] + "的" + s[0] + "，" + t[0] + "呀"
                    : "I'm one of the " + a[1] + " in " + d[1] + ": " + t[2] + " a " + s[1] + " " + c[1]);
        }
        return out;
    }
}
