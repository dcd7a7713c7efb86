package org.jxapi.shell.account;

import org.apache.karaf.shell.api.console.Session;
import org.jxapi.shell.support.XeErrors;

/** Reads a password twice without echo; in batch mode (no terminal) --password is required. */
final class Passwords {
    private Passwords() {
    }

    static String ask(Session session, String prompt) throws Exception {
        if (session == null) {
            throw XeErrors.error("Error: no terminal to ask for the password; give --password");
        }
        String first = session.readLine(prompt, '*');
        String second = session.readLine("Again: ", '*');
        if (first == null || !first.equals(second)) {
            throw XeErrors.error("Error: the passwords differ");
        }
        if (first.isEmpty()) {
            throw XeErrors.error("Error: the password must not be empty");
        }
        return first;
    }

}
