package org.jxapi.itest.dist;

import java.util.ArrayList;
import java.util.List;

/** Picks threads out of a jcmd Thread.print dump. */
final class ThreadDumps {
    private ThreadDumps() {
    }

    /** The threads (blank-line separated blocks) whose name or stack contains any of {@code words}. */
    static String matching(String dump, String... words) {
        List<String> picked = new ArrayList<>();
        for (String block : dump.split("\\n\\s*\\n")) {
            for (String w : words) {
                if (block.contains(w)) {
                    picked.add(block.strip());
                    break;
                }
            }
        }
        return picked.isEmpty() ? dump : String.join("\n\n", picked);
    }
}
