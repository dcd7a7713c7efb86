package org.jxapi.api.impl.transport;

import java.nio.charset.StandardCharsets;

/** The HTML page the original answers with when a request is not a call at all (HTTP 500). */
final class ErrorPage {
    private ErrorPage() {
    }

    static byte[] internalError(String detail) {
        StringBuilder sb = new StringBuilder("<html><body><h1>HTTP 500 internal server error</h1>An unexpected error "
                + "occurred; please wait a while and try again. If the problem persists, please contact your support "
                + "representative.<h1> Additional information </h1>");
        for (char c : detail.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\n' ? ' ' : c);
            }
        }
        return sb.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
