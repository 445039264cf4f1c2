package dev.handoff.text;

/**
 * The parts of a URL where credentials hide. A URL in a committed file, or one printed in logs and
 * messages, must carry none: keys and tokens go in environment variables.
 */
public final class UrlSecrets {

    public static final String USER_INFO = "a user name or password";
    public static final String QUERY = "a query string";
    public static final String FRAGMENT = "a fragment";

    private UrlSecrets() {
    }

    /** {@link #USER_INFO}, {@link #QUERY} or {@link #FRAGMENT}, the first the URL has, else null. */
    public static String partIn(String url) {
        int scheme = url.indexOf("//");
        String rest = scheme < 0 ? url : url.substring(scheme + 2);
        return rest.split("[/?#]", 2)[0].contains("@") ? USER_INFO : queryOrFragment(url);
    }

    /** {@link #QUERY} or {@link #FRAGMENT} when the URL has one, else null. */
    public static String queryOrFragment(String url) {
        String rest = url.substring(withoutQuery(url).length());
        return rest.isEmpty() ? null : rest.charAt(0) == '?' ? QUERY : FRAGMENT;
    }

    /** The URL up to its query string or fragment. */
    public static String withoutQuery(String url) {
        int from = url.indexOf("//") + 2;
        int cut = url.length();
        for (char c : new char[]{'?', '#'}) {
            int i = url.indexOf(c, from);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }
}
