package dev.conduit.net.sys;

/**
 * Caller input (a host, a path) as it appears in an exception message: in double quotes, at most
 * {@value #MAX_CHARS} characters of it, control characters, quotes and backslashes escaped, so a
 * hostile or huge input can neither flood a log nor forge lines in it.
 */
public final class Quoted {

    static final int MAX_CHARS = 80;

    private Quoted() {
    }

    public static String of(String input) {
        if (input == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_CHARS) + 16).append('"');
        int shown = Math.min(input.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = input.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (input.length() > MAX_CHARS) {
            out.append("... (").append(input.length()).append(" chars)");
        }
        return out.toString();
    }
}
