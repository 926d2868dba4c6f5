package org.pujiang.agent.behaviour;

/** The brain's own words, in Chinese or English (by {@link Language#isChinese}). Stateless. */
final class Phrases {
    private Phrases() {}

    static String oneMoment(String lang) {
        return zh(lang) ? "请稍等，我正在回答您上一个问题。" : "One moment, please: I am still on your last question.";
    }

    static String busy(String lang) {
        return zh(lang) ? "请稍等，我正在回答其他访客的问题。" : "One moment, please: I am answering other visitors.";
    }

    static String handedOff(String lang) {
        return zh(lang) ? "这个问题我不太确定，已经通知工作人员，请稍候，他们会来帮助您。"
                : "I am not sure about that, so I have told the staff; someone will be with you shortly.";
    }

    static String failed(String lang) {
        return zh(lang) ? "抱歉，出了点问题。我已经通知工作人员来帮助您。"
                : "Sorry, something went wrong. I have told the staff, and someone will help you.";
    }

    static String tourStart(String lang) {
        return zh(lang) ? "好的，请跟我来，我们开始参观。" : "Certainly: please follow me, and we will begin the tour.";
    }

    static String tourBusy(String lang) {
        return zh(lang) ? "导览正在进行中，欢迎跟上我们。" : "A tour is under way: you are welcome to join us.";
    }

    static String tourEnd(String lang) {
        return zh(lang) ? "导览到此结束，感谢大家的参与！有问题随时问我。"
                : "That is the end of our tour. Thank you for coming! Ask me anything, any time.";
    }

    static String tourStopped(String lang) {
        return zh(lang) ? "好的，导览结束。有问题随时问我。" : "All right, the tour is over. Ask me anything, any time.";
    }

    static String noTour(String lang) {
        return zh(lang) ? "抱歉，这里暂时没有导览。" : "Sorry, there is no tour here at the moment.";
    }

    /** What hosts read when a visitor is handed to them. */
    static String notice(String lang, String visitor, String question) {
        return zh(lang) ? "访客 " + visitor + " 问：" + question : visitor + " asked: " + question;
    }

    private static boolean zh(String lang) {
        return Language.isChinese(lang);
    }
}
